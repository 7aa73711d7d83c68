/**
 * Turns plain pricing rules into lookup maps, so pricing a line is a handful of Map.get calls and
 * never a scan over price entries. Build once per rule set (or per request with only the rules
 * that request needs); treat the result as immutable and build a new one after a rule changes.
 *
 * All decimals and dates are validated here (rule-values.ts), so bad rule data fails at load time
 * with the rule's id, not in the middle of a quote. Price-list entries (the big table: up to
 * millions of rows) are kept as validated strings and parsed (then memoized) when a line looks
 * them up.
 */
import { Dec, type Decimal } from "../../lib/money.ts";
import { lastPricesIndex } from "./last-price-index.ts";
import {
  type AdjustmentIdx,
  adjustment,
  adjustmentKey,
  type ContractPriceIdx,
  compareIds,
  contractPrice,
  currency,
  date,
  dec,
  fail,
  percent,
  positiveInt,
  price,
  scopeKey,
  targetKey,
} from "./rule-values.ts";
import type { Id, PricingRules, StepKind, TierRule } from "./types.ts";
import { ceilUnits, type Ratio, ratioOf, toUnits } from "./units.ts";

export {
  type AdjustmentIdx,
  type ContractPriceIdx,
  compareIds,
  daysBetween,
  inPeriod,
  isIsoDate,
  PricingError,
  type PricingRuleErrorCode,
  scopeKey,
  targetKey,
} from "./rule-values.ts";

export interface ItemIdx {
  id: Id;
  /** String(id): the key used in every map. */
  key: string;
  sku: string;
  categoryKey: string | null;
  familyKey: string | null;
  listPrice: Decimal;
  cost: Decimal | null;
  /** listPrice and cost in units (units.ts): what the engine computes with. */
  listUnits: bigint;
  costUnits: bigint | null;
  baseUnit: string;
  unitFactors: Map<string, number>;
  caseFactor: number;
  orderMultiple: number;
  minOrderQty: number;
  /** Target keys to look tiers and promotions up by: item, category, family, all. */
  targetKeys: string[];
  /** Target keys for contracts, most specific first: item, category. */
  contractTargets: string[];
}

export interface PolicyIdx {
  caseRounding: "reject" | "round_up";
  surcharge:
    | { kind: "percent"; percent: Decimal; ratio: Ratio; label: string }
    | { kind: "amount"; amount: Decimal; units: bigint; currency: string; label: string }
    | null;
  /** `units` = ceil(amount in units): compared with whole-unit totals exactly. */
  minOrderValue: { amount: Decimal; units: bigint; currency: string } | null;
  holdLastPriceDays: number | null;
}

export interface ListIdx {
  id: Id;
  name: string;
  kind: Extract<StepKind, "group_price_list" | "account_price_list">;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
  /** itemId → per-base-unit price (validated string, ≤ 4 decimals; parsed to units on first use). */
  prices: Map<string, string | bigint>;
}

export interface ContractLineIdx {
  contractId: Id;
  contractName: string;
  lineId: Id | null;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
  exclusive: boolean;
  shipTos: Set<string> | null;
  price: ContractPriceIdx;
}

export interface TierIdx {
  id: Id;
  name: string;
  currency: string | null;
  validFrom: string | null;
  validTo: string | null;
  basis: TierRule["basis"];
  /** `minQuantity` is `min` as a number for the quantity bases (integers, exact); `minUnits` is
   * ceil(min in units) for order_value. */
  breaks: { min: Decimal; minQuantity: number; minUnits: bigint; adjustment: AdjustmentIdx }[];
}

export interface PromotionIdx {
  id: Id;
  name: string;
  currency: string | null;
  validFrom: string | null;
  validTo: string | null;
  minOrderValue: Decimal | null;
  /** ceil(minOrderValue in units). */
  minOrderValueUnits: bigint | null;
  minOrderQuantity: number | null;
  accounts: Set<string> | null;
  groups: Set<string> | null;
  adjustment: AdjustmentIdx;
}

export interface LastPriceIdx {
  unitPrice: Decimal;
  units: bigint;
  date: string;
  orderRef: string | null;
}

export interface PricingIndex {
  readonly listCurrency: string;
  readonly items: Map<string, ItemIdx>;
  readonly policies: Map<string, PolicyIdx>;
  /** scopeKey ("a:<id>" | "g:<id>") → price lists of that scope. */
  readonly listsByScope: Map<string, ListIdx[]>;
  /** scopeKey → targetKey → contract lines, sorted by contract id then line id. */
  readonly contracts: Map<string, Map<string, ContractLineIdx[]>>;
  /** scopeKey ("*" = everyone) → targetKey → tiers, sorted by id. */
  readonly tiers: Map<string, Map<string, TierIdx[]>>;
  /** targetKey → promotions, sorted by id. */
  readonly promotions: Map<string, PromotionIdx[]>;
  /** `${accountId}|${itemId}|${currency}` → the most recent price paid. */
  readonly lastPrices: Map<string, LastPriceIdx>;
}

function push2<T>(map: Map<string, Map<string, T[]>>, outer: string, inner: string, value: T): void {
  let m = map.get(outer);
  if (!m) {
    m = new Map();
    map.set(outer, m);
  }
  push(m, inner, value);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// ---------------------------------------------------------------- build

export function buildPricingIndex(rules: PricingRules): PricingIndex {
  const listCurrency = currency("rules", rules.listCurrency, true)!;
  const index: PricingIndex = {
    listCurrency,
    items: new Map(),
    policies: new Map(),
    listsByScope: new Map(),
    contracts: new Map(),
    tiers: new Map(),
    promotions: new Map(),
    lastPrices: new Map(),
  };
  addItems(index, rules);
  addPolicies(index, rules);
  addPriceLists(index, rules);
  addContracts(index, rules);
  addTiers(index, rules);
  addPromotions(index, rules);
  addLastPrices(index, rules);
  return index;
}

function addItems(index: PricingIndex, rules: PricingRules): void {
  for (const it of rules.items) {
    const rule = `item ${it.id}`;
    if (index.items.has(String(it.id))) fail(rule, "duplicate item id");
    const unitFactors = new Map<string, number>([[it.baseUnit, 1]]);
    for (const u of it.units) {
      const f = positiveInt(rule, u.factor, `unit ${u.code} factor`, 1);
      if (u.code === it.baseUnit && f !== 1) fail(rule, `base unit ${u.code} must have factor 1`);
      unitFactors.set(u.code, f);
    }
    const listPrice = price(rule, it.listPrice, "list price");
    const cost = it.cost === null ? null : price(rule, it.cost, "cost");
    const targetKeys = [`i:${it.id}`];
    if (it.categoryId !== null) targetKeys.push(`c:${it.categoryId}`);
    const contractTargets = [...targetKeys];
    if (it.familyId !== null) targetKeys.push(`f:${it.familyId}`);
    targetKeys.push("*");
    index.items.set(String(it.id), {
      id: it.id,
      key: String(it.id),
      targetKeys,
      contractTargets,
      sku: it.sku,
      categoryKey: it.categoryId === null ? null : String(it.categoryId),
      familyKey: it.familyId === null ? null : String(it.familyId),
      listPrice,
      cost,
      listUnits: toUnits(listPrice),
      costUnits: cost === null ? null : toUnits(cost),
      baseUnit: it.baseUnit,
      unitFactors,
      caseFactor: positiveInt(rule, it.caseFactor, "caseFactor", 1),
      orderMultiple: positiveInt(rule, it.orderMultiple, "orderMultiple", 1),
      minOrderQty: positiveInt(rule, it.minOrderQty, "minOrderQty", 1),
    });
  }
}

function addPolicies(index: PricingIndex, rules: PricingRules): void {
  for (const p of rules.accountPolicies ?? []) {
    const rule = `account policy ${p.accountId}`;
    if (index.policies.has(String(p.accountId))) fail(rule, "duplicate account policy");
    if (p.caseRounding !== "reject" && p.caseRounding !== "round_up") {
      fail(rule, `caseRounding must be "reject" or "round_up"`);
    }
    let surcharge: PolicyIdx["surcharge"] = null;
    const s = p.brokenCaseSurcharge;
    if (s?.kind === "percent") {
      const pct = percent(rule, s.percent, 1000);
      surcharge = {
        kind: "percent",
        percent: pct,
        ratio: ratioOf(new Dec(1).plus(pct.dividedBy(100))),
        label: `+${pct.toFixed()}%`,
      };
    } else if (s?.kind === "amount") {
      const amount = price(rule, s.amount, "surcharge");
      surcharge = {
        kind: "amount",
        amount,
        units: toUnits(amount),
        currency: currency(rule, s.currency, true)!,
        label: `+${s.amount} ${s.currency} per base unit`,
      };
    }
    const m = p.minOrderValue;
    const amount = m ? dec(rule, m.amount, "minOrderValue") : null;
    index.policies.set(String(p.accountId), {
      caseRounding: p.caseRounding,
      surcharge,
      minOrderValue:
        m && amount
          ? { amount, units: ceilUnits(amount), currency: currency(rule, m.currency, true)! }
          : null,
      holdLastPriceDays:
        p.holdLastPriceDays === null || p.holdLastPriceDays === undefined
          ? null
          : positiveInt(rule, p.holdLastPriceDays, "holdLastPriceDays", 1),
    });
  }
}

function addPriceLists(index: PricingIndex, rules: PricingRules): void {
  for (const pl of rules.priceLists ?? []) {
    const rule = `price list ${pl.id}`;
    if (pl.scope.kind === "all")
      fail(rule, "a price list is for a group or an account (list price is for all)");
    const prices = new Map<string, string | bigint>();
    for (const e of pl.entries) {
      const key = String(e.itemId);
      price(`${rule} item ${key}`, e.price);
      if (prices.has(key)) fail(rule, `item ${key} appears twice`);
      prices.set(key, e.price);
    }
    const list: ListIdx = {
      id: pl.id,
      name: pl.name,
      kind: pl.scope.kind === "group" ? "group_price_list" : "account_price_list",
      currency: currency(rule, pl.currency, true)!,
      validFrom: date(rule, pl.validFrom, "validFrom"),
      validTo: date(rule, pl.validTo, "validTo"),
      prices,
    };
    push(index.listsByScope, scopeKey(pl.scope), list);
  }
  for (const lists of index.listsByScope.values()) lists.sort((a, b) => compareIds(a.id, b.id));
}

function addContracts(index: PricingIndex, rules: PricingRules): void {
  for (const c of rules.contracts ?? []) {
    const rule = `contract ${c.id}`;
    if (c.scope.kind === "all") fail(rule, "a contract is for a group or an account");
    const base = {
      contractId: c.id,
      contractName: c.name,
      currency: currency(rule, c.currency, true)!,
      validFrom: date(rule, c.validFrom, "validFrom"),
      validTo: date(rule, c.validTo, "validTo"),
      exclusive: c.exclusive === true,
      shipTos: c.shipToIds ? new Set(c.shipToIds.map(String)) : null,
    };
    for (const line of c.lines) {
      const lineRule = `${rule} line ${line.id ?? targetKey(line.target)}`;
      if (line.target.kind !== "item" && line.target.kind !== "category") {
        fail(lineRule, "a contract line targets an item or a category");
      }
      const idx: ContractLineIdx = {
        ...base,
        lineId: line.id ?? null,
        price: contractPrice(lineRule, line.price),
      };
      push2(index.contracts, scopeKey(c.scope), targetKey(line.target), idx);
    }
  }
  for (const lines of [...index.contracts.values()].flatMap((m) => [...m.values()])) {
    lines.sort((a, b) => compareIds(a.contractId, b.contractId) || compareIds(a.lineId, b.lineId));
  }
}

function addTiers(index: PricingIndex, rules: PricingRules): void {
  for (const t of rules.tiers ?? []) {
    const rule = `tier ${t.id}`;
    if (!["line_quantity", "family_quantity", "order_value"].includes(t.basis))
      fail(rule, `unknown basis ${t.basis}`);
    if (t.breaks.length === 0) fail(rule, "no breaks");
    const breaks = t.breaks.map((b) => {
      const min = dec(rule, b.min, "break min");
      if (min.isNegative()) fail(rule, `break min ${b.min} is negative`);
      if (t.basis !== "order_value" && !min.isInteger())
        fail(rule, `quantity break ${b.min} is not an integer`);
      const minQuantity = t.basis === "order_value" ? 0 : Number(min.toFixed());
      if (!Number.isSafeInteger(minQuantity)) fail(rule, `quantity break ${b.min} is too large`);
      return { min, minQuantity, minUnits: ceilUnits(min), adjustment: adjustment(rule, b.adjustment) };
    });
    // by min, then a canonical form of the adjustment, so equal-min breaks never depend on input order
    breaks.sort(
      (a, b) =>
        a.min.comparedTo(b.min) || compareIds(adjustmentKey(a.adjustment), adjustmentKey(b.adjustment)),
    );
    const needsCurrency =
      t.basis === "order_value" || breaks.some((b) => b.adjustment.kind !== "percent_off");
    const idx: TierIdx = {
      id: t.id,
      name: t.name,
      currency: currency(rule, t.currency, needsCurrency),
      validFrom: date(rule, t.validFrom, "validFrom"),
      validTo: date(rule, t.validTo, "validTo"),
      basis: t.basis,
      breaks,
    };
    push2(index.tiers, scopeKey(t.scope), targetKey(t.target), idx);
  }
  for (const byTarget of index.tiers.values()) {
    for (const tiers of byTarget.values()) tiers.sort((a, b) => compareIds(a.id, b.id));
  }
}

function addPromotions(index: PricingIndex, rules: PricingRules): void {
  for (const p of rules.promotions ?? []) {
    const rule = `promotion ${p.id}`;
    const adj = adjustment(rule, p.adjustment);
    const minValue = p.minOrderValue == null ? null : dec(rule, p.minOrderValue, "minOrderValue");
    const idx: PromotionIdx = {
      id: p.id,
      name: p.name,
      currency: currency(rule, p.currency, adj.kind !== "percent_off" || minValue !== null),
      validFrom: date(rule, p.validFrom, "validFrom"),
      validTo: date(rule, p.validTo, "validTo"),
      minOrderValue: minValue,
      minOrderValueUnits: minValue === null ? null : ceilUnits(minValue),
      minOrderQuantity:
        p.minOrderQuantity == null ? null : positiveInt(rule, p.minOrderQuantity, "minOrderQuantity", 1),
      accounts: p.accountIds ? new Set(p.accountIds.map(String)) : null,
      groups: p.accountGroupIds ? new Set(p.accountGroupIds.map(String)) : null,
      adjustment: adj,
    };
    push(index.promotions, targetKey(p.target), idx);
  }
  for (const promos of index.promotions.values()) promos.sort((a, b) => compareIds(a.id, b.id));
}

function addLastPrices(index: PricingIndex, rules: PricingRules): void {
  for (const [key, entry] of lastPricesIndex(rules.lastPrices ?? [])) index.lastPrices.set(key, entry);
}
