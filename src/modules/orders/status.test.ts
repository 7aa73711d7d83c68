import { describe, expect, it } from "vitest";
import { assertTransition, canTransition, ORDER_STATUSES } from "./status.ts";

describe("order status machine", () => {
  it.each([
    [null, "confirmed", true],
    [null, "shipped", false],
    ["confirmed", "picking", true],
    ["picking", "shipped", true],
    ["shipped", "invoiced", true],
    ["shipped", "cancelled", false],
    ["cancelled", "confirmed", false],
    ["closed", "invoiced", false],
  ] as const)("%s → %s allowed: %s", (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it("has no way out of the terminal states", () => {
    for (const to of ORDER_STATUSES) {
      expect(canTransition("closed", to)).toBe(false);
      expect(canTransition("cancelled", to)).toBe(false);
    }
  });

  it("refuses a forbidden transition with a CONFLICT naming both ends", () => {
    expect(() => assertTransition("shipped", "draft")).toThrow(
      expect.objectContaining({ code: "CONFLICT", data: { from: "shipped", to: "draft" } }),
    );
  });
});
