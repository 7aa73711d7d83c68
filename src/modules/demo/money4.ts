// Exact integer money for the generators. Prices are held as integer ten-thousandths of a dollar
// ("price4") and amounts as integer cents: the loader computes hundreds of thousands of lines, and
// integer maths is exact and ~50x faster than decimal.js. load.test.ts cross-checks the results
// against src/lib/money.ts `extend` and against Postgres' own numeric rounding.

function assertSafe(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new Error(`demo money: ${what} ${value} is not a safe integer`);
  return value;
}

/** round(numerator / denominator), half-up, for non-negative integers. */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  assertSafe(numerator, "numerator");
  if (numerator < 0 || denominator <= 0) throw new Error("demo money: divRoundHalfUp needs numerator >= 0");
  const q = Math.floor(numerator / denominator);
  const r = numerator - q * denominator;
  return r * 2 >= denominator ? q + 1 : q;
}

/** price4 × ratio, where ratio = numerator/denominator, rounded half-up to a price4 (4 decimals). */
export function scalePrice4(price4: number, numerator: number, denominator: number): number {
  if (price4 * numerator > Number.MAX_SAFE_INTEGER) {
    // BigInt only for the rare huge product; results are identical.
    const n = BigInt(price4) * BigInt(numerator);
    const d = BigInt(denominator);
    return Number((n * 2n + d) / (2n * d));
  }
  return divRoundHalfUp(price4 * numerator, denominator);
}

/** Extended amount in cents: round half-up of quantity × unit price, once. */
export function extendCents(quantity: number, price4: number): number {
  return divRoundHalfUp(assertSafe(quantity * price4, "quantity × price"), 100);
}

function fixed(value: number, decimals: number): string {
  assertSafe(value, "amount");
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(decimals + 1, "0");
  const text = `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
}

/** 123456 → "12.3456" */
export const price4ToString = (price4: number): string => fixed(price4, 4);
/** 1234 → "12.34" */
export const centsToString = (cents: number): string => fixed(cents, 2);
