import { describe, expect, it } from "vitest";
import { itemIdentifiers, OrderRequest, requestHash } from "./request.ts";

const base = { account: { id: 1 }, channel: "api", lines: [{ item: { sku: "A" }, quantity: 1 }] };

describe("OrderRequest", () => {
  it.each([
    ["minimal", base, true],
    ["account by number", { ...base, account: { number: "C-1" } }, true],
    ["account by partner id", { ...base, account: { partnerIds: [{ qualifier: "ZZ", value: "X" }] } }, true],
    ["account named by nothing", { ...base, account: {} }, false],
    ["ship-to by GLN", { ...base, shipTo: { gln: "0614141000012" } }, true],
    ["ship-to named by nothing", { ...base, shipTo: {} }, false],
    ["item by GTIN", { ...base, lines: [{ item: { gtin: "00012345678905" }, quantity: 2 }] }, true],
    ["item named by nothing", { ...base, lines: [{ item: {}, quantity: 2 }] }, false],
    ["fractional quantity", { ...base, lines: [{ item: { sku: "A" }, quantity: 1.5 }] }, false],
    [
      "expected price",
      { ...base, lines: [{ item: { sku: "A" }, quantity: 1, expectedUnitPrice: "9.1" }] },
      true,
    ],
    [
      "expected price with 5 decimals",
      { ...base, lines: [{ item: { sku: "A" }, quantity: 1, expectedUnitPrice: "9.12345" }] },
      false,
    ],
    ["unknown channel", { ...base, channel: "fax" }, false],
    ["no lines", { ...base, lines: [] }, false],
  ] as const)("%s → valid %s", (_name, input, valid) => {
    expect(OrderRequest.safeParse(input).success).toBe(valid);
  });
});

describe("requestHash", () => {
  it("ignores the idempotency key and property order, not the content", () => {
    const a = OrderRequest.parse({ ...base, idempotencyKey: "k1" });
    const b = OrderRequest.parse({
      lines: [{ quantity: 1, item: { sku: "A" } }],
      channel: "api",
      account: { id: 1 },
      idempotencyKey: "k2",
    });
    expect(requestHash(a)).toBe(requestHash(b));
    expect(
      requestHash(OrderRequest.parse({ ...base, lines: [{ item: { sku: "A" }, quantity: 2 }] })),
    ).not.toBe(requestHash(a));
  });
});

describe("itemIdentifiers", () => {
  it("maps each field to the qualifier catalog lookup understands, SKU first", () => {
    expect(itemIdentifiers({ vendorPart: "V1", customerPart: "C1", gtin: "123", sku: "S1" })).toEqual([
      { qualifier: "SK", value: "S1" },
      { qualifier: "EN", value: "123" },
      { qualifier: "BP", value: "C1" },
      { qualifier: "MG", value: "V1" },
    ]);
  });
});
