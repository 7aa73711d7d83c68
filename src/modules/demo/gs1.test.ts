import { describe, expect, it } from "vitest";
import { gs1CheckDigit, isValidGln, isValidUpcA, makeGln, makeUpcA } from "./gs1.ts";
import { createRng } from "./random.ts";

describe("GS1 check digits", () => {
  it("matches published examples", () => {
    // UPC-A examples from GS1 / common references.
    expect(gs1CheckDigit("03600029145")).toBe(2);
    expect(makeUpcA("01234567890")).toBe("012345678905");
    expect(isValidUpcA("036000291452")).toBe(true);
    expect(isValidUpcA("042100005264")).toBe(true);
    // EAN-13 and GLN use the same rule over 12 data digits.
    expect(gs1CheckDigit("400638133393")).toBe(1);
    expect(isValidGln("4006381333931")).toBe(true);
    expect(isValidGln(makeGln("061414100001"))).toBe(true);
  });

  it("rejects wrong check digits, wrong lengths and non-digits", () => {
    expect(isValidUpcA("036000291453")).toBe(false);
    expect(isValidUpcA("03600029145")).toBe(false);
    expect(isValidUpcA("03600029145a")).toBe(false);
    expect(() => gs1CheckDigit("12a")).toThrow();
    expect(() => makeUpcA("123")).toThrow();
  });

  it("detects every single-digit error", () => {
    const rng = createRng(7);
    for (let n = 0; n < 200; n++) {
      let data = "";
      for (let i = 0; i < 11; i++) data += rng.int(0, 9);
      const upc = makeUpcA(data);
      expect(isValidUpcA(upc)).toBe(true);
      const pos = rng.int(0, 11);
      const wrong = (Number(upc[pos]) + rng.int(1, 9)) % 10;
      expect(isValidUpcA(upc.slice(0, pos) + wrong + upc.slice(pos + 1))).toBe(false);
    }
  });
});

describe("random", () => {
  it("is deterministic per seed and forks independently", () => {
    const a = createRng(42);
    const b = createRng(42);
    const seqA = Array.from({ length: 5 }, () => a.int(0, 1000));
    const seqB = Array.from({ length: 5 }, () => b.int(0, 1000));
    expect(seqA).toEqual(seqB);
    expect(createRng(42).fork("x").next()).toBe(createRng(42).fork("x").next());
    expect(createRng(42).fork("x").next()).not.toBe(createRng(42).fork("y").next());
  });

  it("keeps draws in range", () => {
    const rng = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const v = rng.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
      expect(rng.poisson(2.5)).toBeGreaterThanOrEqual(0);
    }
    expect(rng.weighted(["a", "b"], [0, 1])).toBe("b");
  });
});
