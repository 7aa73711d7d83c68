/**
 * Stages 2–5 of the waterfall, applied to the source price (per base unit):
 *   tier → promotion → hold last price → broken-case surcharge.
 *
 * Tiers, promotions and the last-price hold only ever LOWER the price; at most one tier and one
 * promotion apply to a line: the one giving the lowest price, ties to the smallest rule id. A tier's
 * reached breaks are all considered and the lowest result kept, so a larger quantity can never
 * raise the tier price even when the break data is not monotone.
 */
import {
  type AdjustmentIdx,
  compareIds,
  daysBetween,
  type ItemIdx,
  inPeriod,
  type LastPriceIdx,
  type PolicyIdx,
  type PromotionIdx,
  type TierIdx,
} from "./index-rules.ts";
import type { BaseStep, SourceContext } from "./sources.ts";
import type { Id } from "./types.ts";
import { formatPlain, mulRound } from "./units.ts";

export interface OrderFacts {
  /** Σ extend(baseQuantity, source price) over priced lines, in units — what tiers and promotions qualify on. */
  qualifyingValue: bigint;
  /** familyKey → Σ base quantity of the order's lines in that family. */
  familyQuantity: Map<string, number>;
  /** Σ base quantity over all valid lines. */
  totalQuantity: number;
}

/** Applies an adjustment to a price in units; never below zero, rounded half-up to 4 decimals. */
export function adjust(adjustment: AdjustmentIdx, current: bigint): bigint {
  switch (adjustment.kind) {
    case "percent_off":
      return mulRound(current, adjustment.ratio);
    case "fixed":
      return adjustment.units;
    case "amount_off": {
      const p = current - adjustment.units;
      return p < 0n ? 0n : p;
    }
  }
}

export function describeAdjustment(adjustment: AdjustmentIdx): string {
  switch (adjustment.kind) {
    case "percent_off":
      return `${adjustment.percent.toFixed()}% off`;
    case "fixed":
      return `fixed ${adjustment.price.toFixed(4)}`;
    case "amount_off":
      return `${adjustment.amount.toFixed(4)} off`;
  }
}

/** The lower price wins; on a tie the smaller rule id. */
function better(price: bigint, id: Id, bestPrice: bigint | null, bestId: Id | null): boolean {
  return bestPrice === null || price < bestPrice || (price === bestPrice && compareIds(id, bestId) < 0);
}

type TierBreak = TierIdx["breaks"][number];

/** The best volume tier for a line, or null if none lowers the price. */
export function bestTier(
  ctx: SourceContext,
  item: ItemIdx,
  baseQuantity: number,
  facts: OrderFacts,
  current: bigint,
): BaseStep | null {
  // Only the winner's step (and its description strings) is built: no per-candidate objects.
  let best: TierIdx | null = null;
  let bestPrice: bigint | null = null;
  let bestBreak: TierBreak | null = null;
  let bestQuantity = 0;
  for (const byTarget of ctx.tierScopes) {
    for (const target of item.targetKeys) {
      const tiers = byTarget.get(target);
      if (!tiers) continue;
      for (const tier of tiers) {
        if (tier.currency !== null && tier.currency !== ctx.currency) continue;
        if (!inPeriod(ctx.date, tier.validFrom, tier.validTo)) continue;
        const quantity = tierQuantity(tier, item, baseQuantity, facts);
        let price: bigint | null = null;
        let brk: TierBreak | null = null;
        for (const br of tier.breaks) {
          // breaks are sorted by min; quantity breaks compare as exact integers
          if (tier.basis === "order_value" ? br.minUnits > facts.qualifyingValue : br.minQuantity > quantity)
            break;
          const p = adjust(br.adjustment, current);
          if (p < current && (price === null || p < price)) {
            price = p;
            brk = br;
          }
        }
        if (price !== null && better(price, tier.id, bestPrice, best?.id ?? null)) {
          best = tier;
          bestPrice = price;
          bestBreak = brk;
          bestQuantity = quantity;
        }
      }
    }
  }
  if (best === null || bestPrice === null || bestBreak === null) return null;
  return {
    kind: "tier",
    ruleId: best.id,
    ruleName: best.name,
    before: current,
    after: bestPrice,
    detail: `${basisLabel(best, item, bestQuantity, facts)} ≥ ${bestBreak.min.toFixed()}: ${describeAdjustment(bestBreak.adjustment)}`,
  };
}

/** What a tier's breaks are compared with (quantity bases; order_value uses the qualifying value). */
function tierQuantity(tier: TierIdx, item: ItemIdx, baseQuantity: number, facts: OrderFacts): number {
  if (tier.basis !== "family_quantity" || item.familyKey === null) return baseQuantity;
  return facts.familyQuantity.get(item.familyKey) ?? baseQuantity;
}

function basisLabel(tier: TierIdx, item: ItemIdx, quantity: number, facts: OrderFacts): string {
  if (tier.basis === "order_value") return `order value ${formatPlain(facts.qualifyingValue)}`;
  if (tier.basis === "family_quantity" && item.familyKey !== null)
    return `family ${item.familyKey} quantity ${quantity} ${item.baseUnit}`;
  return `line quantity ${quantity} ${item.baseUnit}`;
}

/** The best promotion for a line, or null if none applies and lowers the price. */
export function bestPromotion(
  ctx: SourceContext,
  item: ItemIdx,
  facts: OrderFacts,
  current: bigint,
): BaseStep | null {
  let best: PromotionIdx | null = null;
  let bestPrice: bigint | null = null;
  for (const target of item.targetKeys) {
    const promos = ctx.index.promotions.get(target);
    if (!promos) continue;
    for (const promo of promos) {
      if (!promotionApplies(ctx, promo, facts)) continue;
      const p = adjust(promo.adjustment, current);
      if (p >= current) continue;
      if (better(p, promo.id, bestPrice, best?.id ?? null)) {
        best = promo;
        bestPrice = p;
      }
    }
  }
  if (best === null || bestPrice === null) return null;
  return {
    kind: "promotion",
    ruleId: best.id,
    ruleName: best.name,
    before: current,
    after: bestPrice,
    detail: describeAdjustment(best.adjustment),
  };
}

function promotionApplies(ctx: SourceContext, promo: PromotionIdx, facts: OrderFacts): boolean {
  if (promo.currency !== null && promo.currency !== ctx.currency) return false;
  if (!inPeriod(ctx.date, promo.validFrom, promo.validTo)) return false;
  if (promo.accounts !== null || promo.groups !== null) {
    const byAccount = promo.accounts?.has(ctx.accountKey) ?? false;
    const byGroup = ctx.groupKey !== null && (promo.groups?.has(ctx.groupKey) ?? false);
    if (!byAccount && !byGroup) return false;
  }
  if (promo.minOrderValueUnits !== null && facts.qualifyingValue < promo.minOrderValueUnits) return false;
  if (promo.minOrderQuantity !== null && facts.totalQuantity < promo.minOrderQuantity) return false;
  return true;
}

/** True when the account's hold-last-price window covers the pricing date. */
export function lastPriceHeld(policy: PolicyIdx, last: LastPriceIdx, date: string): boolean {
  if (policy.holdLastPriceDays === null || last.date > date) return false;
  return daysBetween(last.date, date) <= policy.holdLastPriceDays;
}

export function holdStep(policy: PolicyIdx, last: LastPriceIdx, current: bigint): BaseStep {
  return {
    kind: "last_price_hold",
    ruleId: last.orderRef,
    ruleName: `Hold last price ${policy.holdLastPriceDays} days`,
    before: current,
    after: last.units,
    detail: `paid ${last.unitPrice.toFixed(4)} on ${last.date}`,
  };
}

/**
 * Broken-case surcharge: when the base quantity is not a whole number of cases, the account's
 * surcharge is added to the unit price of the whole line. Returns null if it does not apply, or
 * "currency" if the surcharge amount is in another currency.
 */
export function surchargeStep(
  policy: PolicyIdx,
  item: ItemIdx,
  baseQuantity: number,
  currency: string,
  current: bigint,
): BaseStep | null | "currency" {
  const s = policy.surcharge;
  if (s === null || item.caseFactor <= 1 || baseQuantity % item.caseFactor === 0) return null;
  let after: bigint;
  let detail: string;
  if (s.kind === "percent") {
    after = mulRound(current, s.ratio);
    detail = `+${s.percent.toFixed()}%`;
  } else {
    if (s.currency !== currency) return "currency";
    after = current + s.units;
    detail = `+${s.amount.toFixed(4)} per ${item.baseUnit}`;
  }
  return {
    kind: "broken_case_surcharge",
    ruleId: null,
    ruleName: "Broken-case surcharge",
    before: current,
    after,
    detail: `${baseQuantity} ${item.baseUnit} is not a multiple of the case of ${item.caseFactor}: ${detail}`,
  };
}
