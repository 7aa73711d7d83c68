import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareDecimal,
  currencyMinorUnits,
  Dec,
  extend,
  extendDecimal,
  formatMoney,
  formatUnitPrice,
  MoneyError,
  parseDecimal,
  parseUnitPrice,
  roundMoney,
  roundUnitPrice,
  roundUnitPriceDecimal,
  sumMoney,
  zeroMoney,
} from "./money.ts";

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof MoneyError ? e.code : `not a MoneyError: ${String(e)}`;
  }
  return undefined;
}

describe("parseDecimal", () => {
  it.each(["0", "12", "-0.5", "12.3400", "007.10", "-0", "123456789012345678901234567890.123456789"])(
    "accepts %s",
    (s) => {
      expect(parseDecimal(s).toFixed()).toBe(new Decimal(s).toFixed());
    },
  );

  it.each([
    "1e5",
    "1E5",
    "NaN",
    "Infinity",
    "-Infinity",
    "",
    " 1",
    "1 ",
    "+1",
    "1.",
    ".5",
    "1,5",
    "0x10",
    "1_000",
    "--1",
    "١٢",
  ])("refuses %j with INVALID_DECIMAL", (s) => {
    expect(errorCode(() => parseDecimal(s))).toBe("INVALID_DECIMAL");
  });

  it("refuses JS numbers, null and undefined (money is never a float)", () => {
    for (const v of [1.5, 0, Number.NaN, null, undefined, 10n]) {
      expect(errorCode(() => parseDecimal(v as unknown as string))).toBe("INVALID_DECIMAL");
    }
  });

  it("refuses non-finite Decimals and re-wraps foreign Decimal instances", () => {
    expect(errorCode(() => parseDecimal(new Decimal(Number.NaN)))).toBe("INVALID_DECIMAL");
    const foreign = new Decimal("1.25");
    const ours = parseDecimal(foreign);
    expect(ours.constructor).toBe(Dec);
    expect(ours.toFixed()).toBe("1.25");
  });

  it("names the field in the message", () => {
    expect(() => parseDecimal("1e5", "list price")).toThrow(/list price: "1e5" is not a plain decimal/);
  });
});

describe("currencyMinorUnits", () => {
  it.each([
    ["USD", 2],
    ["EUR", 2],
    ["GBP", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["BHD", 3],
    ["KWD", 3],
    ["CLF", 4],
  ])("%s has %i minor units", (c, n) => {
    expect(currencyMinorUnits(c)).toBe(n);
  });

  it("refuses unknown and mis-cased codes", () => {
    for (const c of ["usd", "XXX", "US", "", "toString", "__proto__"]) {
      expect(errorCode(() => currencyMinorUnits(c))).toBe("UNKNOWN_CURRENCY");
    }
  });
});

describe("roundMoney golden cases", () => {
  it.each([
    ["60.325", "USD", "60.33"],
    ["163.725", "USD", "163.73"],
    ["2.686425", "USD", "2.69"],
    ["2.685", "USD", "2.69"],
    ["2.684999999", "USD", "2.68"],
    ["-60.325", "USD", "-60.33"],
    ["-2.685", "USD", "-2.69"],
    ["-0.004", "USD", "0.00"],
    ["0.005", "USD", "0.01"],
    ["1234.5", "JPY", "1235"],
    ["1234.4999", "JPY", "1234"],
    ["-1234.5", "JPY", "-1235"],
    ["99.9", "KRW", "100"],
    ["1.2345", "KWD", "1.235"],
    ["1.2344", "BHD", "1.234"],
    ["7", "USD", "7.00"],
  ])("%s %s → %s", (amount, currency, expected) => {
    expect(roundMoney(amount, currency)).toBe(expected);
  });

  it("supports other modes when configured", () => {
    expect(roundMoney("2.685", "USD", "half_even")).toBe("2.68");
    expect(roundMoney("2.675", "USD", "half_even")).toBe("2.68");
    expect(roundMoney("2.689", "USD", "down")).toBe("2.68");
    expect(roundMoney("-2.681", "USD", "floor")).toBe("-2.69");
  });

  it("half-up is symmetric around zero", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }), (n, scale) => {
        const s = new Dec(n.toString()).dividedBy(new Dec(10).pow(scale)).toFixed();
        const pos = roundMoney(s, "USD");
        const neg = roundMoney(`-${s}`, "USD");
        expect(neg).toBe(pos === "0.00" ? "0.00" : `-${pos}`);
      }),
    );
  });

  it("is within half a minor unit and idempotent", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom("USD", "JPY", "KWD"),
        (n, scale, currency) => {
          const amount = new Dec(n.toString()).dividedBy(new Dec(10).pow(scale));
          const r = roundMoney(amount, currency);
          const half = new Dec(1).dividedBy(new Dec(10).pow(currencyMinorUnits(currency))).dividedBy(2);
          expect(new Dec(r).minus(amount).abs().lte(half)).toBe(true);
          expect(roundMoney(r, currency)).toBe(r);
        },
      ),
    );
  });
});

describe("unit prices", () => {
  it("round to 4 decimals", () => {
    expect(roundUnitPrice("2.686425")).toBe("2.6864");
    expect(roundUnitPrice("1.77085")).toBe("1.7709");
    expect(roundUnitPrice("-1.77085")).toBe("-1.7709");
    expect(roundUnitPrice("3")).toBe("3.0000");
  });

  it("refuse more than 4 decimals where a rounded price is expected", () => {
    expect(errorCode(() => parseUnitPrice("1.23456"))).toBe("TOO_MANY_DECIMALS");
    expect(errorCode(() => extend(2, "1.23456", "USD"))).toBe("TOO_MANY_DECIMALS");
    expect(formatUnitPrice("1.5")).toBe("1.5000");
  });
});

describe("extend", () => {
  it("rounds quantity × unit price once", () => {
    expect(extend(5, "12.0650", "USD")).toBe("60.33"); // 60.325
    expect(extend(3, "54.5750", "USD")).toBe("163.73"); // 163.725
    expect(extend(7, "0.3838", "USD")).toBe("2.69"); // 2.6866
    expect(extend(3, "0.5", "JPY")).toBe("2"); // 1.5
    expect(extend(0, "9.99", "USD")).toBe("0.00");
    expect(extend(-2, "1.0025", "USD")).toBe("-2.01"); // -2.005 away from zero
  });

  it("refuses non-integer or unsafe quantities", () => {
    for (const q of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(errorCode(() => extend(q, "1.00", "USD"))).toBe("INVALID_QUANTITY");
    }
    expect(errorCode(() => extend("3" as unknown as number, "1.00", "USD"))).toBe("INVALID_QUANTITY");
  });

  it("equals roundMoney of the exact product (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.constantFrom("USD", "JPY", "KWD", "EUR"),
        (q, p, currency) => {
          const price = new Dec(p.toString()).dividedBy(10_000).toFixed(4);
          const exact = new Dec(price).times(q);
          expect(extend(q, price, currency)).toBe(roundMoney(exact, currency));
        },
      ),
    );
  });

  it("N cases of factor f cost the same as N×f eaches when the case price is f × each price", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 1_000 }),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        (n, f, p) => {
          const each = new Dec(p.toString()).dividedBy(10_000);
          expect(extend(n, each.times(f), "USD")).toBe(extend(n * f, each, "USD"));
        },
      ),
    );
  });
});

describe("sumMoney", () => {
  it("sums rounded lines", () => {
    expect(sumMoney(["60.33", "163.73", "2.69"], "USD")).toBe("226.75");
    expect(sumMoney([], "JPY")).toBe("0");
    expect(sumMoney(["1.00", "-1.00"], "USD")).toBe("0.00");
  });

  it("refuses unrounded amounts", () => {
    expect(errorCode(() => sumMoney(["60.325"], "USD"))).toBe("TOO_MANY_DECIMALS");
    expect(errorCode(() => sumMoney(["1.5"], "JPY"))).toBe("TOO_MANY_DECIMALS");
  });

  it("sum of rounded lines can differ from rounding the raw sum, and we keep the former", () => {
    const lines = [extend(1, "0.0050", "USD"), extend(1, "0.0050", "USD")];
    expect(sumMoney(lines, "USD")).toBe("0.02");
    expect(roundMoney("0.0100", "USD")).toBe("0.01");
  });
});

describe("helpers", () => {
  it("compare and zero", () => {
    expect(compareDecimal("1.50", "1.5")).toBe(0);
    expect(compareDecimal("-1", "1")).toBe(-1);
    expect(zeroMoney("JPY")).toBe("0");
    expect(zeroMoney("KWD")).toBe("0.000");
  });
});

describe("hot-path variants agree with the string API", () => {
  it("roundUnitPriceDecimal, extendDecimal and formatMoney", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: -10_000, max: 10_000 }),
        fc.constantFrom("USD", "JPY", "KWD"),
        (n, scale, q, currency) => {
          const amount = new Dec(n.toString()).dividedBy(new Dec(10).pow(scale));
          const unit = roundUnitPriceDecimal(amount);
          expect(formatUnitPrice(unit)).toBe(roundUnitPrice(amount));
          expect(formatMoney(extendDecimal(q, unit, currency), currency)).toBe(extend(q, unit, currency));
        },
      ),
    );
  });

  it("formatMoney pads and never rounds", () => {
    expect(formatMoney("60.3", "USD")).toBe("60.30");
    expect(formatMoney("7", "KWD")).toBe("7.000");
    expect(formatMoney("-0", "USD")).toBe("0.00");
    expect(formatMoney("1200", "JPY")).toBe("1200");
    expect(errorCode(() => formatMoney("60.325", "USD"))).toBe("TOO_MANY_DECIMALS");
    expect(formatUnitPrice(new Dec("-0"))).toBe("0.0000");
  });
});
