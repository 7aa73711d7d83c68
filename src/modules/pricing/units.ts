/**
 * Prices inside the engine's hot path as bigint counts of 0.0001 ("units"): every unit price keeps
 * exactly 4 decimals and every currency's minor unit is at most 4 decimals, so sums, integer
 * multiples, comparisons and half-up rounding are exact integer arithmetic — no floats, and far
 * less garbage than a decimal.js object per step (the GC pauses were the quote's p99 tail).
 * Rule values are still parsed and validated with decimal.js (rule-values.ts), once, when the index
 * is built; these helpers convert them and format results exactly as src/lib/money.ts does.
 */
import type { Decimal } from "../../lib/money.ts";

/** Units per 1: 10^4. */
export const SCALE = 10_000n;

/** A non-negative exact factor num/den (1 − p/100, 1 + p/100). */
export interface Ratio {
  num: bigint;
  den: bigint;
}

/** A validated value with at most 4 decimals, in units. */
export function toUnits(d: Decimal): bigint {
  return BigInt(d.times(10_000).toFixed());
}

/** ceil(d × 10^4): for integer u, u < d ⇔ u < ceilUnits(d), and d > u ⇔ ceilUnits(d) > u. */
export function ceilUnits(d: Decimal): bigint {
  return BigInt(d.times(10_000).ceil().toFixed());
}

/** A validated decimal string with at most 4 decimals ("12.34", "7") in units. */
export function unitsOfString(s: string): bigint {
  const dot = s.indexOf(".");
  if (dot < 0) return BigInt(s) * SCALE;
  const frac = s.slice(dot + 1);
  const whole = BigInt(`${s.slice(0, dot)}${frac}${"0".repeat(4 - frac.length)}`);
  return whole;
}

/** An exact decimal as a ratio (the factors are exact decimals: 1 − p/100, 1 + p/100). */
export function ratioOf(d: Decimal): Ratio {
  const dp = d.decimalPlaces();
  return { num: BigInt(d.times(10 ** dp).toFixed()), den: 10n ** BigInt(dp) };
}

/** round(v × num / den) half-up (away from zero on a tie), for v ≥ 0 and a non-negative ratio. */
export function mulRound(v: bigint, r: Ratio): bigint {
  const n = v * r.num;
  const q = n / r.den;
  return 2n * (n - q * r.den) >= r.den ? q + 1n : q;
}

/** Units per minor unit of a currency with `minor` decimals (0–4). */
export function minorStep(minor: number): bigint {
  return 10n ** BigInt(4 - minor);
}

/** Rounds v ≥ 0 half-up to a whole number of minor units (`step` from minorStep). */
export function roundToMinor(v: bigint, step: bigint): bigint {
  if (step === 1n) return v;
  const q = v / step;
  return (2n * (v - q * step) >= step ? q + 1n : q) * step;
}

/** Exactly `decimals` decimals of a value in units that has no more (money.ts formatExact). */
function formatFixed(v: bigint, decimals: number): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  let s = (decimals === 4 ? abs : abs / minorStep(decimals)).toString();
  if (decimals > 0) {
    if (s.length <= decimals) s = "0".repeat(decimals - s.length + 1) + s;
    s = `${s.slice(0, s.length - decimals)}.${s.slice(s.length - decimals)}`;
  }
  return neg ? `-${s}` : s;
}

/** A unit price with exactly 4 decimals ("12.3400"). */
export function formatUnits4(v: bigint): string {
  return formatFixed(v, 4);
}

/** An amount already rounded to `minor` decimals, with exactly that many ("60.30", "1235"). */
export function formatMinor(v: bigint, minor: number): string {
  return formatFixed(v, minor);
}

/** Shortest form, like decimal.js toFixed() ("1234.5", "12"). */
export function formatPlain(v: bigint): string {
  const s = formatFixed(v, 4);
  return s.replace(/\.?0+$/, "");
}
