/**
 * Money and decimal arithmetic for Wholesail.
 *
 * Rules (see docs/pricing.md and DESIGN.md "Money and prices"):
 * - Every amount is a decimal.js value or a canonical decimal string. JS numbers are never used for
 *   money; the only numbers accepted here are integer quantities (checked with Number.isSafeInteger).
 * - Input strings are parsed strictly: `-?digits(.digits)?`. Exponents ("1e5"), "NaN", "Infinity",
 *   hex, blanks, "1." and ".5" are refused with a MoneyError.
 * - Rounding happens only in this file: `roundMoney` (to the currency's ISO 4217 minor unit) and
 *   `roundUnitPrice` (to UNIT_PRICE_DECIMALS). Both go through the same private `roundTo`.
 * - `extend(quantity, unitPrice, currency)` = roundMoney(quantity × unitPrice), rounded exactly once.
 * - Document totals are sums of rounded lines (`sumMoney`), never a rounding of a raw sum.
 */
import Decimal from "decimal.js";

/** A decimal.js constructor private to Wholesail, so nobody's global Decimal.set() changes our maths. */
export const Dec: Decimal.Constructor = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
});
export type { Decimal };

/** Unit prices keep this many decimals (per the line's unit of measure and per base unit). */
export const UNIT_PRICE_DECIMALS = 4;

export type RoundingMode = "half_up" | "half_even" | "half_down" | "up" | "down" | "ceiling" | "floor";

export type MoneyErrorCode =
  | "INVALID_DECIMAL"
  | "UNKNOWN_CURRENCY"
  | "INVALID_QUANTITY"
  | "TOO_MANY_DECIMALS";

/** Typed error for malformed money input. `data` is machine-readable. */
export class MoneyError extends Error {
  readonly code: MoneyErrorCode;
  readonly data: Record<string, unknown>;
  constructor(code: MoneyErrorCode, message: string, data: Record<string, unknown> = {}) {
    super(message);
    this.name = "MoneyError";
    this.code = code;
    this.data = data;
  }
}

const DECIMAL_RE = /^-?\d+(?:\.\d+)?$/;

/**
 * Parses a decimal string strictly. Accepts "12", "-0.5", "007.10" (leading zeros tolerated, as
 * Postgres `numeric` never emits them but spreadsheets do). Refuses exponents, NaN, Infinity,
 * whitespace, "+1", "1.", ".5", "1,5" and anything that is not a string or Decimal.
 */
export function parseDecimal(input: string | Decimal, what = "amount"): Decimal {
  if (Decimal.isDecimal(input)) {
    if (!input.isFinite()) throw new MoneyError("INVALID_DECIMAL", `${what}: ${input} is not finite`);
    // Instances remember the constructor (and precision) that made them: re-wrap foreign ones.
    return input.constructor === Dec ? input : new Dec(input);
  }
  if (typeof input !== "string") {
    throw new MoneyError(
      "INVALID_DECIMAL",
      `${what}: expected a decimal string, got ${typeof input} (${String(input)}); money is never a JS number`,
      { value: String(input) },
    );
  }
  if (!DECIMAL_RE.test(input)) {
    throw new MoneyError("INVALID_DECIMAL", `${what}: "${input}" is not a plain decimal like "12.34"`, {
      value: input,
    });
  }
  return new Dec(input);
}

/** True when `input` would be accepted by parseDecimal. */
export function isDecimalString(input: unknown): input is string {
  return typeof input === "string" && DECIMAL_RE.test(input);
}

/** Checks an integer quantity (a JS number is fine for quantities, never for money). */
export function assertQuantity(quantity: number, what = "quantity"): number {
  if (typeof quantity !== "number" || !Number.isSafeInteger(quantity)) {
    throw new MoneyError("INVALID_QUANTITY", `${what}: ${String(quantity)} is not a safe integer`, {
      value: String(quantity),
    });
  }
  return quantity;
}

/**
 * ISO 4217 minor units: the exceptions are listed explicitly, the 2-decimal currencies in
 * TWO_DECIMALS. Any other code is refused, so a typo never silently rounds to cents.
 */
const MINOR_UNITS: Record<string, number> = {
  // 0 decimals
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  // 3 decimals
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  // 4 decimals
  CLF: 4,
  UYW: 4,
};
const TWO_DECIMALS =
  "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF " +
  "CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL " +
  "HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP " +
  "MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD " +
  "SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS " +
  "VES WST XCD YER ZAR ZMW ZWG";
for (const code of TWO_DECIMALS.split(" ")) MINOR_UNITS[code] = 2;

/** Number of decimals of a currency's minor unit (USD 2, JPY 0, KWD 3). Throws UNKNOWN_CURRENCY. */
export function currencyMinorUnits(currency: string): number {
  const units = Object.hasOwn(MINOR_UNITS, currency) ? MINOR_UNITS[currency] : undefined;
  if (units === undefined) {
    throw new MoneyError("UNKNOWN_CURRENCY", `unknown ISO 4217 currency code "${currency}"`, { currency });
  }
  return units;
}

export function isKnownCurrency(currency: string): boolean {
  return Object.hasOwn(MINOR_UNITS, currency);
}

const MODES: Record<RoundingMode, Decimal.Rounding> = {
  half_up: Decimal.ROUND_HALF_UP, // away from zero on a tie, symmetric for negatives
  half_even: Decimal.ROUND_HALF_EVEN,
  half_down: Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceiling: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
};

const ZERO = new Dec(0);

/** The single rounding primitive. Never returns -0. */
function roundDecimal(amount: Decimal, decimals: number, mode: RoundingMode): Decimal {
  const rounding = MODES[mode];
  if (rounding === undefined) throw new MoneyError("INVALID_DECIMAL", `unknown rounding mode "${mode}"`);
  if (amount.isZero()) return ZERO;
  // already exact at this scale: nothing to round (and decimal.js rounding is the slow part)
  if (amount.decimalPlaces() <= decimals) return amount;
  const r = amount.toDecimalPlaces(decimals, rounding);
  return r.isZero() ? ZERO : r;
}

/**
 * Formats a value that has at most `decimals` decimals with exactly `decimals` decimals, without
 * rounding (decimal.js's toFixed(dp) re-rounds and is ~20× slower than toFixed() plus padding).
 */
function formatExact(d: Decimal, decimals: number): string {
  if (d.isZero()) return decimals === 0 ? "0" : `0.${"0".repeat(decimals)}`;
  const s = d.toFixed();
  const have = d.decimalPlaces();
  if (have > decimals) throw new MoneyError("TOO_MANY_DECIMALS", `${s} has more than ${decimals} decimals`);
  if (have === decimals) return s;
  return have === 0 ? `${s}.${"0".repeat(decimals)}` : s + "0".repeat(decimals - have);
}

/** Rounds and formats with exactly `decimals` decimals. */
function roundTo(amount: Decimal, decimals: number, mode: RoundingMode): string {
  return formatExact(roundDecimal(amount, decimals, mode), decimals);
}

/**
 * Rounds an amount to the currency's minor unit (half-up, i.e. away from zero on ties, unless a mode
 * is given). THE place where money is rounded. Returns a fixed string, e.g. "60.33", "1235" (JPY).
 */
export function roundMoney(
  amount: string | Decimal,
  currency: string,
  mode: RoundingMode = "half_up",
): string {
  return roundTo(parseDecimal(amount), currencyMinorUnits(currency), mode);
}

/** Rounds a unit price to UNIT_PRICE_DECIMALS (4) decimals, half-up unless told. */
export function roundUnitPrice(price: string | Decimal, mode: RoundingMode = "half_up"): string {
  return roundTo(parseDecimal(price, "unit price"), UNIT_PRICE_DECIMALS, mode);
}

/**
 * Same rounding as roundUnitPrice, returning a Decimal: for hot paths (the pricing engine) that keep
 * computing with the result, so no string round trip.
 */
export function roundUnitPriceDecimal(price: Decimal, mode: RoundingMode = "half_up"): Decimal {
  return roundDecimal(parseDecimal(price, "unit price"), UNIT_PRICE_DECIMALS, mode);
}

/** Number of decimals written in a decimal string or value ("1.50" → 2 for strings, 1 for Decimals). */
export function decimalPlaces(value: string | Decimal): number {
  if (typeof value === "string") {
    parseDecimal(value);
    const dot = value.indexOf(".");
    return dot < 0 ? 0 : value.length - dot - 1;
  }
  return value.decimalPlaces();
}

/** Parses a unit price and checks it has at most 4 decimals (it must already have been rounded). */
export function parseUnitPrice(price: string | Decimal, what = "unit price"): Decimal {
  const d = parseDecimal(price, what);
  if (d.decimalPlaces() > UNIT_PRICE_DECIMALS) {
    throw new MoneyError(
      "TOO_MANY_DECIMALS",
      `${what}: ${d.toFixed()} has more than ${UNIT_PRICE_DECIMALS} decimals; round it with roundUnitPrice first`,
      { value: d.toFixed() },
    );
  }
  return d;
}

/** Formats a unit price with exactly 4 decimals (throws if it has more: it was not rounded). */
export function formatUnitPrice(price: string | Decimal): string {
  return formatExact(parseUnitPrice(price), UNIT_PRICE_DECIMALS);
}

/**
 * Extended amount of a line: round(quantity × unitPrice) to the currency's minor unit, once.
 * `quantity` is an integer in the same unit of measure the unit price is quoted in.
 */
export function extend(
  quantity: number,
  unitPrice: string | Decimal,
  currency: string,
  mode: RoundingMode = "half_up",
): string {
  return formatExact(extendDecimal(quantity, unitPrice, currency, mode), currencyMinorUnits(currency));
}

/** `extend` returning a Decimal, for callers that go on to sum (sumMoney accepts Decimals). */
export function extendDecimal(
  quantity: number,
  unitPrice: string | Decimal,
  currency: string,
  mode: RoundingMode = "half_up",
): Decimal {
  assertQuantity(quantity);
  const price = parseUnitPrice(unitPrice);
  return roundDecimal(price.times(quantity), currencyMinorUnits(currency), mode);
}

/**
 * Sums already-rounded amounts (document totals = sum of rounded lines). Throws TOO_MANY_DECIMALS
 * if an amount has more decimals than the currency allows, because that means it skipped rounding.
 */
export function sumMoney(amounts: readonly (string | Decimal)[], currency: string): string {
  const units = currencyMinorUnits(currency);
  let total = new Dec(0);
  for (const a of amounts) {
    const d = parseDecimal(a);
    if (d.decimalPlaces() > units) {
      throw new MoneyError("TOO_MANY_DECIMALS", `${d.toFixed()} is not rounded to ${currency} minor units`, {
        value: d.toFixed(),
        currency,
      });
    }
    total = total.plus(d);
  }
  return formatExact(total, units);
}

/**
 * Formats an amount that is already rounded to the currency's minor unit ("60.3" → "60.30").
 * Throws TOO_MANY_DECIMALS if it is not rounded: formatting never rounds.
 */
export function formatMoney(amount: string | Decimal, currency: string): string {
  return formatExact(parseDecimal(amount), currencyMinorUnits(currency));
}

/** Compares two decimals: -1, 0 or 1. */
export function compareDecimal(a: string | Decimal, b: string | Decimal): -1 | 0 | 1 {
  return parseDecimal(a).comparedTo(parseDecimal(b)) as -1 | 0 | 1;
}

/** Zero in canonical form for a currency ("0.00", "0", "0.000"). */
export function zeroMoney(currency: string): string {
  return ZERO.toFixed(currencyMinorUnits(currency));
}
