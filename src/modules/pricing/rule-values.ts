/**
 * Parsing and validation of rule values (decimals, percents, currencies, dates) and the small key,
 * id and date helpers shared by the rule index and the engine. Bad rule data fails here, at index
 * build, with the rule's id in the message.
 */
import {
  Dec,
  type Decimal,
  isKnownCurrency,
  MoneyError,
  parseDecimal,
  parseUnitPrice,
} from "../../lib/money.ts";
import type { Adjustment, ContractPrice, Id, Scope, Target } from "./types.ts";
import { type Ratio, ratioOf, toUnits } from "./units.ts";

export type PricingRuleErrorCode = "INVALID_RULE" | "INVALID_REQUEST";

/** Bad rule data (at index build) or a malformed request (at pricing). */
export class PricingError extends Error {
  readonly code: PricingRuleErrorCode;
  readonly data: Record<string, unknown>;
  constructor(code: PricingRuleErrorCode, message: string, data: Record<string, unknown> = {}) {
    super(message);
    this.name = "PricingError";
    this.code = code;
    this.data = data;
  }
}

// Decimals for descriptions; `ratio` / `units` (units.ts) for the arithmetic.
export type AdjustmentIdx =
  | { kind: "percent_off"; percent: Decimal; factor: Decimal; ratio: Ratio }
  | { kind: "fixed"; price: Decimal; units: bigint }
  | { kind: "amount_off"; amount: Decimal; units: bigint };

export type ContractPriceIdx =
  | { kind: "fixed"; price: Decimal; units: bigint }
  | { kind: "percent_off_list"; percent: Decimal; factor: Decimal; ratio: Ratio }
  | { kind: "cost_plus"; percent: Decimal; basis: "markup" | "margin"; factor: Decimal };

// ---------------------------------------------------------------- keys, ids, dates

export function scopeKey(scope: Scope): string {
  if (scope.kind === "account") return `a:${scope.accountId}`;
  if (scope.kind === "group") return `g:${scope.groupId}`;
  return "*";
}

export function targetKey(target: Target): string {
  switch (target.kind) {
    case "item":
      return `i:${target.itemId}`;
    case "category":
      return `c:${target.categoryId}`;
    case "family":
      return `f:${target.familyId}`;
    default:
      return "*";
  }
}

/** Deterministic id order: numeric ids numerically, others by code unit. */
export function compareIds(a: Id | null, b: Id | null): number {
  const x = a === null ? "" : String(a);
  const y = b === null ? "" : String(b);
  if (x.length !== y.length && /^\d+$/.test(x) && /^\d+$/.test(y)) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: unknown): s is string {
  if (typeof s !== "string") return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Whole days from `from` to `to` (both valid ISO dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function inPeriod(date: string, from: string | null, to: string | null): boolean {
  return (from === null || from <= date) && (to === null || date <= to);
}

// ---------------------------------------------------------------- validation helpers

export function fail(rule: string, message: string, data: Record<string, unknown> = {}): never {
  throw new PricingError("INVALID_RULE", `${rule}: ${message}`, { rule, ...data });
}

export function dec(rule: string, value: string, what: string): Decimal {
  try {
    return parseDecimal(value, what);
  } catch (e) {
    if (e instanceof MoneyError) fail(rule, e.message);
    throw e;
  }
}

export function price(rule: string, value: string, what = "price"): Decimal {
  try {
    const d = parseUnitPrice(value, what);
    if (d.isNegative()) fail(rule, `${what} ${value} is negative`);
    return d;
  } catch (e) {
    if (e instanceof MoneyError) fail(rule, e.message);
    throw e;
  }
}

export function percent(rule: string, value: string, max: number): Decimal {
  const p = dec(rule, value, "percent");
  if (p.isNegative() || p.gt(max)) fail(rule, `percent ${value} must be between 0 and ${max}`);
  return p;
}

export function currency(rule: string, code: string | null | undefined, required: boolean): string | null {
  if (code === null || code === undefined) {
    if (required) fail(rule, "a currency is required");
    return null;
  }
  if (!isKnownCurrency(code)) fail(rule, `unknown currency "${code}"`);
  return code;
}

export function date(rule: string, value: string | null | undefined, what: string): string | null {
  if (value === null || value === undefined) return null;
  if (!isIsoDate(value)) fail(rule, `${what} "${value}" is not a YYYY-MM-DD date`);
  return value;
}

export function positiveInt(
  rule: string,
  value: number | null | undefined,
  what: string,
  dflt: number,
): number {
  if (value === null || value === undefined) return dflt;
  if (!Number.isSafeInteger(value) || value < 1)
    fail(rule, `${what} ${String(value)} must be an integer ≥ 1`);
  return value;
}

export function adjustment(rule: string, a: Adjustment): AdjustmentIdx {
  switch (a.kind) {
    case "percent_off": {
      const p = percent(rule, a.percent, 100);
      const factor = new Dec(1).minus(p.dividedBy(100));
      return { kind: "percent_off", percent: p, factor, ratio: ratioOf(factor) };
    }
    case "fixed": {
      const d = price(rule, a.price);
      return { kind: "fixed", price: d, units: toUnits(d) };
    }
    case "amount_off": {
      const d = price(rule, a.amount, "amount");
      return { kind: "amount_off", amount: d, units: toUnits(d) };
    }
    default:
      return fail(rule, `unknown adjustment kind ${(a as { kind: string }).kind}`);
  }
}

export function contractPrice(rule: string, p: ContractPrice): ContractPriceIdx {
  switch (p.kind) {
    case "fixed": {
      const d = price(rule, p.price);
      return { kind: "fixed", price: d, units: toUnits(d) };
    }
    case "percent_off_list": {
      const pct = percent(rule, p.percent, 100);
      const factor = new Dec(1).minus(pct.dividedBy(100));
      return { kind: "percent_off_list", percent: pct, factor, ratio: ratioOf(factor) };
    }
    case "cost_plus": {
      const basis = p.basis ?? "markup";
      const pct = percent(rule, p.percent, basis === "margin" ? 99.9999 : 100_000);
      const factor =
        basis === "margin"
          ? new Dec(1).dividedBy(new Dec(1).minus(pct.dividedBy(100)))
          : new Dec(1).plus(pct.dividedBy(100));
      return { kind: "cost_plus", percent: pct, basis, factor };
    }
    default:
      return fail(rule, `unknown contract price kind ${(p as { kind: string }).kind}`);
  }
}

export function adjustmentKey(a: AdjustmentIdx): string {
  switch (a.kind) {
    case "percent_off":
      return `p:${a.percent.toFixed()}`;
    case "fixed":
      return `f:${a.price.toFixed()}`;
    case "amount_off":
      return `a:${a.amount.toFixed()}`;
  }
}
