/**
 * Growing a rule index instead of rebuilding it: the rule cache (rule-cache.ts) keeps ONE index per
 * account and adds to it the rules of items it has not seen yet, so a warm quote prices straight
 * from it (rebuilding an index from cached rows on every quote was most of a warm quote's CPU and
 * garbage). Pure, like the engine.
 *
 * Both indexes must come from the same rule set at the same version (the cache drops everything when
 * pricing_version moves): an entry or item already present is the same data, so it is kept as is. A
 * rule can arrive with several loads (a category contract line, a tier for everyone, a list seen for
 * a second item): it is kept once, by rule id. Pricing a line looks rules up only by that line's
 * item, category, family and the request's scopes, so rules that other items brought in never change
 * its result (a property test checks merged = built from everything).
 */
import { compareIds, type LastPriceIdx, type PricingIndex, type TierIdx } from "./index-rules.ts";
import type { Id } from "./types.ts";

const sameId = (a: Id | null, b: Id | null) => String(a) === String(b);

/**
 * Adds the rules of `from` (freshly built, validated, and not used afterwards: its objects are
 * reused) to `into`. Last prices are not merged: they change with every order, so callers pass
 * them per quote (withLastPrices).
 */
export function addToPricingIndex(into: PricingIndex, from: PricingIndex): void {
  if (into.listCurrency !== from.listCurrency) throw new Error("indexes in different list currencies");
  for (const [key, item] of from.items) if (!into.items.has(key)) into.items.set(key, item);
  for (const [key, policy] of from.policies) if (!into.policies.has(key)) into.policies.set(key, policy);

  for (const [scope, lists] of from.listsByScope) {
    const have = into.listsByScope.get(scope);
    if (!have) {
      into.listsByScope.set(scope, lists);
      continue;
    }
    let added = false;
    for (const list of lists) {
      const same = have.find((l) => sameId(l.id, list.id));
      if (!same) {
        have.push(list);
        added = true;
        continue;
      }
      for (const [itemKey, price] of list.prices)
        if (!same.prices.has(itemKey)) same.prices.set(itemKey, price);
    }
    if (added) have.sort((a, b) => compareIds(a.id, b.id));
  }

  for (const [scope, byTarget] of from.contracts) {
    mergeByTarget(
      into.contracts,
      scope,
      byTarget,
      (a, b) => sameId(a.contractId, b.contractId) && sameId(a.lineId, b.lineId),
      (a, b) => compareIds(a.contractId, b.contractId) || compareIds(a.lineId, b.lineId),
    );
  }
  for (const [scope, byTarget] of from.tiers) {
    mergeByTarget<TierIdx>(into.tiers, scope, byTarget, (a, b) => sameId(a.id, b.id), byId);
  }
  for (const [target, promos] of from.promotions) {
    mergeRules(into.promotions, target, promos, (a, b) => sameId(a.id, b.id), byId);
  }
}

const byId = (a: { id: Id }, b: { id: Id }) => compareIds(a.id, b.id);

function mergeByTarget<T>(
  into: Map<string, Map<string, T[]>>,
  scope: string,
  byTarget: Map<string, T[]>,
  same: (a: T, b: T) => boolean,
  order: (a: T, b: T) => number,
): void {
  const have = into.get(scope);
  if (!have) {
    into.set(scope, byTarget);
    return;
  }
  for (const [target, rules] of byTarget) mergeRules(have, target, rules, same, order);
}

/** Appends the rules not there yet and keeps the list in the index's order (by rule id). */
function mergeRules<T>(
  into: Map<string, T[]>,
  key: string,
  rules: T[],
  same: (a: T, b: T) => boolean,
  order: (a: T, b: T) => number,
): void {
  const have = into.get(key);
  if (!have) {
    into.set(key, rules);
    return;
  }
  let added = false;
  for (const rule of rules) {
    if (have.some((h) => same(h, rule))) continue;
    have.push(rule);
    added = true;
  }
  if (added) have.sort(order);
}

/** The index with these last prices (a shallow copy: the shared rule maps are not touched). */
export function withLastPrices(index: PricingIndex, lastPrices: Map<string, LastPriceIdx>): PricingIndex {
  return { ...index, lastPrices };
}
