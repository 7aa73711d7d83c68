// The engine's integer unit arithmetic (units.ts) must agree with src/lib/money.ts (decimal.js) on
// every value: same rounding, same strings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dec, extend, formatUnitPrice, roundUnitPrice } from "../../lib/money.ts";
import {
  ceilUnits,
  formatMinor,
  formatPlain,
  formatUnits4,
  minorStep,
  mulRound,
  ratioOf,
  roundToMinor,
  toUnits,
  unitsOfString,
} from "./units.ts";

const price = fc
  .bigInt({ min: 0n, max: 10n ** 15n })
  .map((n) => new Dec(n.toString()).dividedBy(10_000).toFixed(4));
const pct = fc.integer({ min: 0, max: 1_000_000 }).map((n) => new Dec(n).dividedBy(10_000)); // 0–100, 4 dp
const currency = fc.constantFrom("JPY", "USD", "KWD", "CLF");
const MINOR: Record<string, number> = { JPY: 0, USD: 2, KWD: 3, CLF: 4 };

describe("units (engine arithmetic) = money.ts", () => {
  it("parses and formats unit prices the same", () => {
    fc.assert(
      fc.property(price, (p) => {
        const u = unitsOfString(p);
        expect(u).toBe(toUnits(new Dec(p)));
        expect(formatUnits4(u)).toBe(formatUnitPrice(p));
        expect(formatPlain(u)).toBe(new Dec(p).toFixed());
        expect(unitsOfString(new Dec(p).toFixed())).toBe(u);
      }),
    );
  });

  it("percent off and surcharges round half-up to 4 decimals like decimal.js", () => {
    fc.assert(
      fc.property(price, pct, fc.boolean(), (p, percent, up) => {
        const factor = up
          ? new Dec(1).plus(percent.dividedBy(100))
          : new Dec(1).minus(percent.dividedBy(100));
        const expected = roundUnitPrice(new Dec(p).times(factor));
        expect(formatUnits4(mulRound(unitsOfString(p), ratioOf(factor)))).toBe(expected);
      }),
    );
  });

  it("extension rounds once to the currency's minor unit like money.extend", () => {
    fc.assert(
      fc.property(price, fc.integer({ min: 1, max: 1_000_000 }), currency, (p, q, c) => {
        const minor = MINOR[c];
        const ext = roundToMinor(BigInt(q) * unitsOfString(p), minorStep(minor));
        expect(formatMinor(ext, minor)).toBe(extend(q, p, c));
      }),
    );
  });

  it("thresholds: u < d ⇔ u < ceilUnits(d) for any decimal d", () => {
    const d = fc.integer({ min: -2_000_000, max: 2_000_000 }).map((n) => new Dec(n).dividedBy(1000 * 7));
    fc.assert(
      fc.property(d, fc.bigInt({ min: -3_000_000n, max: 3_000_000n }), (x, u) => {
        const dd = x.toDecimalPlaces(6);
        expect(u < ceilUnits(dd)).toBe(new Dec(u.toString()).dividedBy(10_000).lt(dd));
      }),
    );
  });

  it("formats zero and small values", () => {
    expect(formatUnits4(0n)).toBe("0.0000");
    expect(formatUnits4(5n)).toBe("0.0005");
    expect(formatMinor(0n, 2)).toBe("0.00");
    expect(formatMinor(100n, 2)).toBe("0.01");
    expect(formatMinor(12_340_000n, 0)).toBe("1234");
    expect(formatPlain(12_345_000n)).toBe("1234.5");
    expect(formatPlain(0n)).toBe("0");
  });
});
