/**
 * The pricing engine: pure functions, no database. Every channel and the order pipeline get prices
 * only from here. Rules arrive as plain data (PricingRules), indexed once by buildPricingIndex.
 *
 * PRECEDENCE (stable; documented in docs/pricing.md — change both together):
 *
 *   All prices are computed per BASE UNIT, rounded half-up to 4 decimals after every step that can
 *   produce more, and multiplied by the line unit's integer factor only for display and extension.
 *
 *   1. Source price — each later source that has a price REPLACES the earlier one:
 *        a. list price (item, only when the order currency is the catalog's list currency)
 *        b. account-group price list
 *        c. account price list
 *        d. contract valid on the date, most specific level first:
 *             account+item > account+category > group+item > group+category
 *           (fixed price / percent off list / cost plus markup or margin)
 *      Within one level the lowest price wins; a tie goes to the smallest rule id.
 *   2. Volume tier — only if it lowers the price; the best single tier among those whose scope
 *      (everyone, group, account) and target (item, category, family, all) match, by line quantity,
 *      family quantity across lines (mix and match) or order value. Skipped under an exclusive contract.
 *   3. Promotion — only if it lowers the price; the best single eligible promotion (period, currency,
 *      account/group, min order value or quantity). Skipped under an exclusive contract.
 *   4. Hold last price — if the account holds last prices for N days and the item was bought within
 *      N days at a lower price, that price.
 *   5. Broken-case surcharge — if the base quantity is not a whole number of cases.
 *
 *   Tiers and promotions qualify on facts computed from the SOURCE prices (step 1), never on their
 *   own results, so nothing is circular: qualifying value = Σ round(baseQty × source price).
 *
 *   Quantity rules come first: unit → base units, order multiple (reject → CASE_MULTIPLE violation,
 *   or round up → ROUNDED_UP_TO_CASE warning, per account policy), minimum order quantity
 *   (BELOW_MOQ). A violating line still gets a price so the screen can show it.
 *
 *   Extended = round(quantity × unit price) to the currency's minor unit, once (money.extend);
 *   the order total is the sum of the rounded lines; MIN_ORDER_VALUE compares that total.
 */
import { isKnownCurrency } from "../../lib/money.ts";
import {
  bestPromotion,
  bestTier,
  holdStep,
  lastPriceHeld,
  type OrderFacts,
  surchargeStep,
} from "./adjustments.ts";
import {
  buildPricingIndex,
  type ItemIdx,
  isIsoDate,
  type PolicyIdx,
  PricingError,
  type PricingIndex,
} from "./index-rules.ts";
import { resolveQuantity } from "./packs.ts";
import { type BaseStep, type SourceContext, sourceContext, sourcePrice } from "./sources.ts";
import type {
  Issue,
  LastPaid,
  PricedLine,
  PricedOrder,
  PriceRequest,
  PricingRules,
  ViolationCode,
  WarningCode,
  WaterfallStep,
} from "./types.ts";
import { formatMinor, formatUnits4, roundToMinor } from "./units.ts";

export { buildPricingIndex, PricingError, type PricingIndex };

const DEFAULT_POLICY: PolicyIdx = {
  caseRounding: "reject",
  surcharge: null,
  minOrderValue: null,
  holdLastPriceDays: null,
};

interface LineWork {
  out: PricedLine;
  item: ItemIdx | null;
  factor: number;
  steps: BaseStep[];
  /** Per base unit, in units (units.ts): prices are exact integers of 0.0001 in the engine. */
  price: bigint | null;
  exclusive: boolean;
  /** Rounded to the currency's minor unit, in units. */
  extended: bigint | null;
  /** extend(baseQuantity, source price): reused when no later step changes the price. */
  sourceExtended: bigint | null;
}

/** Convenience for one-off quotes: indexes `rules` and prices. Hot paths keep the index. */
export function priceOrderWithRules(request: PriceRequest, rules: PricingRules): PricedOrder {
  return priceOrder(request, buildPricingIndex(rules));
}

/**
 * Prices an order. Throws PricingError INVALID_REQUEST only for a malformed request (date,
 * currency, line refs); everything about a line (unknown item, bad quantity, pack rules) is a
 * violation on that line.
 */
export function priceOrder(request: PriceRequest, index: PricingIndex): PricedOrder {
  validateRequest(request);
  const ctx = sourceContext(
    index,
    request.date,
    request.currency,
    String(request.accountId),
    request.accountGroupId == null ? null : String(request.accountGroupId),
    request.shipToId == null ? null : String(request.shipToId),
  );
  const policy = index.policies.get(ctx.accountKey) ?? DEFAULT_POLICY;

  // Pass 1: quantities and source prices.
  const work = request.lines.map((line) => sourceLine(ctx, policy, line));
  const facts = orderFacts(ctx, work);

  // Pass 2: tiers, promotions, hold, surcharge, extension.
  for (const w of work) finishLine(ctx, policy, facts, w);

  const lines = work.map((w) => w.out);
  // Σ of lines already rounded to the minor unit (money.extend): exact, nothing to round.
  let totalAmount = 0n;
  for (const w of work) if (w.extended !== null) totalAmount += w.extended;
  const total = formatMinor(totalAmount, ctx.minor);
  const violations: Issue<ViolationCode>[] = [];
  const warnings: Issue<WarningCode>[] = [];
  const mov = policy.minOrderValue;
  if (mov !== null) {
    if (mov.currency !== request.currency) {
      warnings.push({
        code: "RULE_CURRENCY_MISMATCH",
        message: `minimum order value is in ${mov.currency}, the order in ${request.currency}: not checked`,
        data: { rule: "minOrderValue", ruleCurrency: mov.currency, currency: request.currency },
      });
    } else if (totalAmount < mov.units) {
      violations.push({
        code: "MIN_ORDER_VALUE",
        message: `order total ${total} ${request.currency} is below the minimum order value ${mov.amount.toFixed()}`,
        data: { total, minOrderValue: mov.amount.toFixed(), currency: request.currency },
      });
    }
  }
  return {
    accountId: request.accountId,
    date: request.date,
    currency: request.currency,
    lines,
    total,
    qualifyingValue: formatMinor(facts.qualifyingValue, ctx.minor),
    complete: lines.every((l) => l.unitPrice !== null),
    violations,
    warnings,
  };
}

function validateRequest(request: PriceRequest): void {
  const bad = (message: string, data: Record<string, unknown> = {}): never => {
    throw new PricingError("INVALID_REQUEST", message, data);
  };
  if (!isIsoDate(request.date))
    bad(`date "${request.date}" is not a YYYY-MM-DD date`, { date: request.date });
  if (!isKnownCurrency(request.currency))
    bad(`unknown currency "${request.currency}"`, { currency: request.currency });
  if (!Array.isArray(request.lines)) bad("lines must be an array");
  const refs = new Set<string>();
  for (const line of request.lines) {
    if (typeof line.lineRef !== "string" || line.lineRef === "") bad("every line needs a lineRef");
    if (refs.has(line.lineRef)) bad(`duplicate lineRef "${line.lineRef}"`, { lineRef: line.lineRef });
    refs.add(line.lineRef);
  }
}

function sourceLine(ctx: SourceContext, policy: PolicyIdx, line: PriceRequest["lines"][number]): LineWork {
  const item = ctx.index.items.get(String(line.itemId)) ?? null;
  const factor = item?.unitFactors.get(line.uom) ?? null;
  const out: PricedLine = {
    lineRef: line.lineRef,
    itemId: line.itemId,
    sku: item?.sku ?? null,
    uom: line.uom,
    uomFactor: factor,
    requestedQuantity: line.quantity,
    quantity: line.quantity,
    baseQuantity: 0,
    unitPrice: null,
    baseUnitPrice: null,
    extended: null,
    waterfall: [],
    violations: [],
    warnings: [],
    lastPaid: null,
  };
  const work: LineWork = {
    out,
    item,
    factor: factor ?? 1,
    steps: [],
    price: null,
    exclusive: false,
    extended: null,
    sourceExtended: null,
  };
  if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
    return violation(
      work,
      "INVALID_QUANTITY",
      `quantity ${String(line.quantity)} must be a positive integer`,
      {
        quantity: line.quantity,
      },
    );
  }
  if (item === null) {
    return violation(work, "UNKNOWN_ITEM", `unknown item ${line.itemId}`, { itemId: line.itemId });
  }
  if (factor === null) {
    return violation(work, "UNKNOWN_UOM", `${item.sku} is not sold in "${line.uom}"`, {
      uom: line.uom,
      units: [...item.unitFactors.keys()],
    });
  }
  const q = resolveQuantity(item, policy, line.uom, line.quantity, factor, out.violations, out.warnings);
  if (q === null) {
    return violation(work, "INVALID_QUANTITY", `quantity ${line.quantity} ${line.uom} is too large`, {
      quantity: line.quantity,
    });
  }
  out.quantity = q.quantity;
  out.baseQuantity = q.baseQuantity;

  const source = sourcePrice(ctx, item);
  work.steps = source.steps;
  work.price = source.price;
  work.exclusive = source.exclusive;
  if (source.price === null) {
    violation(
      work,
      "NO_PRICE",
      `no price for ${item.sku} in ${ctx.currency} for this account on ${ctx.date}`,
      {
        itemId: line.itemId,
        currency: ctx.currency,
      },
    );
  }
  return work;
}

function violation(
  work: LineWork,
  code: ViolationCode,
  message: string,
  data: Record<string, unknown>,
): LineWork {
  work.out.violations.push({ code, message, data: { lineRef: work.out.lineRef, ...data } });
  return work;
}

function orderFacts(ctx: SourceContext, work: LineWork[]): OrderFacts {
  const familyQuantity = new Map<string, number>();
  let totalQuantity = 0;
  let qualifyingValue = 0n;
  for (const w of work) {
    if (w.item === null || w.out.baseQuantity === 0) continue;
    totalQuantity += w.out.baseQuantity;
    const family = w.item.familyKey;
    if (family !== null) familyQuantity.set(family, (familyQuantity.get(family) ?? 0) + w.out.baseQuantity);
    if (w.price !== null) {
      w.sourceExtended = extend(ctx, w.out.baseQuantity, w.price);
      qualifyingValue += w.sourceExtended;
    }
  }
  return { qualifyingValue, familyQuantity, totalQuantity };
}

function finishLine(ctx: SourceContext, policy: PolicyIdx, facts: OrderFacts, w: LineWork): void {
  const { out, item } = w;
  if (item === null || w.price === null) return;
  const base = out.baseQuantity;
  // Plain statements, no closures: this runs for every line of every quote (GC pressure is the tail).
  let price = w.price;
  if (!w.exclusive) {
    const tier = bestTier(ctx, item, base, facts, price);
    if (tier !== null) price = addStep(w, tier);
    const promotion = bestPromotion(ctx, item, facts, price);
    if (promotion !== null) price = addStep(w, promotion);
  }
  const last = ctx.index.lastPrices.get(`${ctx.accountKey}|${item.key}|${ctx.currency}`);
  if (last) {
    const held = lastPriceHeld(policy, last, ctx.date);
    if (held && last.units < price) price = addStep(w, holdStep(policy, last, price));
    out.lastPaid = lastPaid(last, w.factor, held);
  }
  const surcharge = surchargeStep(policy, item, base, ctx.currency, price);
  if (surcharge === "currency") {
    out.warnings.push({
      code: "RULE_CURRENCY_MISMATCH",
      message: `broken-case surcharge is not in ${ctx.currency}: not applied`,
      data: { lineRef: out.lineRef, rule: "brokenCaseSurcharge", currency: ctx.currency },
    });
  } else if (surcharge !== null) {
    price = addStep(w, surcharge);
    out.warnings.push({
      code: "BROKEN_CASE_SURCHARGE",
      message: `${item.sku}: ${surcharge.detail}`,
      data: {
        lineRef: out.lineRef,
        baseQuantity: base,
        caseFactor: item.caseFactor,
        surcharge: policy.surcharge?.label,
      },
    });
  }
  if (item.costUnits !== null && ctx.index.listCurrency === ctx.currency && price < item.costUnits) {
    const text = formatUnits4(price);
    out.warnings.push({
      code: "BELOW_COST",
      message: `${item.sku}: price ${text} is below cost ${formatUnits4(item.costUnits)} per ${item.baseUnit}`,
      data: { lineRef: out.lineRef, baseUnitPrice: text, cost: formatUnits4(item.costUnits) },
    });
  }
  // quantity × (price × factor) == baseQuantity × price exactly, so the source extension is reusable
  w.extended = price === w.price && w.sourceExtended !== null ? w.sourceExtended : extend(ctx, base, price);
  out.extended = formatMinor(w.extended, ctx.minor);
  // A step's `before` is the previous step's `after` (same object): format each price once.
  const waterfall: WaterfallStep[] = new Array(w.steps.length);
  let lastPrice: bigint | null = null;
  let lastText = "";
  for (let i = 0; i < w.steps.length; i++) {
    const step = w.steps[i];
    let before: string | null = null;
    if (step.before !== null) {
      if (step.before !== lastPrice) {
        lastPrice = step.before;
        lastText = formatInUnit(step.before, w.factor);
      }
      before = lastText;
    }
    if (step.after !== lastPrice) {
      lastPrice = step.after;
      lastText = formatInUnit(step.after, w.factor);
    }
    const ws: WaterfallStep = {
      kind: step.kind,
      ruleId: step.ruleId,
      ruleName: step.ruleName,
      before,
      after: lastText,
    };
    if (step.detail !== undefined) ws.detail = step.detail;
    waterfall[i] = ws;
  }
  out.waterfall = waterfall;
  out.unitPrice = price === lastPrice ? lastText : formatInUnit(price, w.factor);
  out.baseUnitPrice = w.factor === 1 ? out.unitPrice : formatUnits4(price);
}

/** Appends a step to the line; returns its price. */
function addStep(w: LineWork, step: BaseStep): bigint {
  w.steps.push(step);
  return step.after;
}

/** A per-base-unit price in the line's unit (× the unit's integer factor: exact). */
function formatInUnit(price: bigint, factor: number): string {
  return formatUnits4(factor === 1 ? price : price * BigInt(factor));
}

/**
 * money.extend in units: round(baseQuantity × base-unit price) half-up to the minor unit, once.
 * baseQuantity × price == quantity × (price × factor) exactly, so the line's unit does not matter.
 */
function extend(ctx: SourceContext, baseQuantity: number, price: bigint): bigint {
  return roundToMinor(BigInt(baseQuantity) * price, ctx.minorStep);
}

function lastPaid(
  last: { units: bigint; date: string; orderRef: string | null },
  factor: number,
  held: boolean,
): LastPaid {
  return {
    unitPrice: formatInUnit(last.units, factor),
    baseUnitPrice: formatUnits4(last.units),
    date: last.date,
    orderRef: last.orderRef,
    held,
  };
}
