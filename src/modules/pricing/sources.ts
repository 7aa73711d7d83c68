/**
 * Stage 1 of the waterfall: the SOURCE price of a line, per base unit.
 *
 *   list price → group price list → account price list → contract
 *
 * Each later source that has a price for the item replaces the earlier one (a more specific
 * agreement wins, even when it is higher; see docs/pricing.md). Within one level, the lowest price
 * wins and a tie goes to the smallest rule id, so the order of rules in the input never matters.
 */
import { currencyMinorUnits, type Decimal, roundUnitPriceDecimal } from "../../lib/money.ts";
import {
  type ContractLineIdx,
  compareIds,
  type ItemIdx,
  inPeriod,
  type ListIdx,
  type PricingIndex,
  type TierIdx,
} from "./index-rules.ts";
import type { Id, StepKind } from "./types.ts";
import { minorStep, mulRound, toUnits, unitsOfString } from "./units.ts";

/** A waterfall step with per-base-unit prices in units (units.ts; the engine converts to the line's unit). */
export interface BaseStep {
  kind: StepKind;
  ruleId: Id | null;
  ruleName: string;
  before: bigint | null;
  after: bigint;
  detail?: string;
}

export interface SourceContext {
  index: PricingIndex;
  date: string;
  currency: string;
  /** Decimals of the currency's minor unit, and units (0.0001) per minor unit. */
  minor: number;
  minorStep: bigint;
  accountKey: string;
  groupKey: string | null;
  shipToKey: string | null;
  /** The request's price lists by scope, in precedence order (group, then account). */
  listScopes: ListIdx[][];
  /** The request's contract maps by scope, most specific first (account, group). */
  contractScopes: Map<string, ContractLineIdx[]>[];
  /** The request's tier maps by scope (everyone, account, group). */
  tierScopes: Map<string, TierIdx[]>[];
}

/** Builds the per-request context: scope maps are looked up once per order, not per line. */
export function sourceContext(
  index: PricingIndex,
  date: string,
  currency: string,
  accountKey: string,
  groupKey: string | null,
  shipToKey: string | null,
): SourceContext {
  const scopes = groupKey === null ? [`a:${accountKey}`] : [`a:${accountKey}`, `g:${groupKey}`];
  const present = <T>(m: T | undefined): m is T => m !== undefined;
  return {
    index,
    date,
    currency,
    minor: currencyMinorUnits(currency),
    minorStep: minorStep(currencyMinorUnits(currency)),
    accountKey,
    groupKey,
    shipToKey,
    listScopes: [...scopes]
      .reverse()
      .map((k) => index.listsByScope.get(k))
      .filter(present),
    contractScopes: scopes.map((k) => index.contracts.get(k)).filter(present),
    tierScopes: ["*", ...scopes].map((k) => index.tiers.get(k)).filter(present),
  };
}

export interface SourceResult {
  price: bigint | null;
  steps: BaseStep[];
  /** The winning contract is a net price: no tiers or promotions on top. */
  exclusive: boolean;
}

/** Rounds a computed per-base-unit price to 4 decimals (via the money library). */
export function unitRound(d: Decimal): Decimal {
  return roundUnitPriceDecimal(d);
}

export function sourcePrice(ctx: SourceContext, item: ItemIdx): SourceResult {
  const steps: BaseStep[] = [];
  const listInCurrency = ctx.index.listCurrency === ctx.currency;
  let price: bigint | null = null;
  if (listInCurrency) {
    price = item.listUnits;
    steps.push({ kind: "list", ruleId: null, ruleName: "List price", before: null, after: price });
  }
  for (const lists of ctx.listScopes) {
    const hit = bestListPrice(ctx, lists, item.key);
    if (hit) {
      steps.push({
        kind: hit.list.kind,
        ruleId: hit.list.id,
        ruleName: hit.list.name,
        before: price,
        after: hit.price,
      });
      price = hit.price;
    }
  }
  const contract = bestContract(ctx, item, listInCurrency);
  if (contract) {
    const { line, price: p, target } = contract;
    steps.push({
      kind: "contract",
      ruleId: line.contractId,
      ruleName: line.contractName,
      before: price,
      after: p,
      detail: describeContract(line, item, target),
    });
    price = p;
  }
  return { price, steps, exclusive: contract?.line.exclusive ?? false };
}

function bestListPrice(
  ctx: SourceContext,
  lists: ListIdx[],
  itemKey: string,
): { list: ListIdx; price: bigint } | null {
  let best: { list: ListIdx; price: bigint } | null = null;
  for (const list of lists) {
    if (list.currency !== ctx.currency || !inPeriod(ctx.date, list.validFrom, list.validTo)) continue;
    const s = list.prices.get(itemKey);
    if (s === undefined) continue;
    let p: bigint;
    if (typeof s === "string") {
      // parsed on first use and memoized: the string was validated when the index was built
      p = unitsOfString(s);
      list.prices.set(itemKey, p);
    } else p = s;
    // lists are sorted by id, so a strict "<" keeps the smallest id on a tie
    if (!best || p < best.price) best = { list, price: p };
  }
  return best;
}

/**
 * Contract levels, most specific first: account+item, account+category, group+item,
 * group+category. The first level with an applicable line wins; inside it the lowest price wins.
 */
function bestContract(
  ctx: SourceContext,
  item: ItemIdx,
  listInCurrency: boolean,
): { line: ContractLineIdx; price: bigint; target: string } | null {
  for (const byTarget of ctx.contractScopes) {
    for (const target of item.contractTargets) {
      const lines = byTarget.get(target);
      if (!lines) continue;
      let best: { line: ContractLineIdx; price: bigint } | null = null;
      for (const line of lines) {
        if (line.currency !== ctx.currency || !inPeriod(ctx.date, line.validFrom, line.validTo)) continue;
        if (line.shipTos !== null && (ctx.shipToKey === null || !line.shipTos.has(ctx.shipToKey))) continue;
        const p = contractLinePrice(line, item, listInCurrency);
        if (p === null) continue;
        if (
          !best ||
          p < best.price ||
          (p === best.price &&
            (compareIds(line.contractId, best.line.contractId) || compareIds(line.lineId, best.line.lineId)) <
              0)
        ) {
          best = { line, price: p };
        }
      }
      if (best) return { ...best, target };
    }
  }
  return null;
}

function contractLinePrice(line: ContractLineIdx, item: ItemIdx, listInCurrency: boolean): bigint | null {
  const p = line.price;
  switch (p.kind) {
    case "fixed":
      return p.units;
    case "percent_off_list":
      return listInCurrency ? mulRound(item.listUnits, p.ratio) : null;
    case "cost_plus":
      // decimal.js here: a margin factor 1/(1 − p/100) is not an exact decimal (rare, source step only)
      return listInCurrency && item.cost !== null ? toUnits(unitRound(item.cost.times(p.factor))) : null;
  }
}

function describeContract(line: ContractLineIdx, item: ItemIdx, target: string): string {
  const p = line.price;
  const on = target.startsWith("c:") ? ` (category ${item.categoryKey})` : " (item)";
  switch (p.kind) {
    case "fixed":
      return `fixed price${on}`;
    case "percent_off_list":
      return `${p.percent.toFixed()}% off list ${item.listPrice.toFixed(4)} per ${item.baseUnit}${on}`;
    case "cost_plus":
      return `cost ${item.cost?.toFixed(4)} per ${item.baseUnit} plus ${p.percent.toFixed()}% ${p.basis}${on}`;
  }
}
