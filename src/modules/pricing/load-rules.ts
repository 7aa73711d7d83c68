// Loads only the rules ONE request needs — its account and group, its items (with units and family),
// the price-list entries, contract lines, tiers and promotions that can touch those items on that
// date, and the account's last prices — in ONE prepared statement (one round trip), then builds a
// small per-request index. Quotes on the pool go through the in-process cache in rule-cache.ts, which
// calls this statement for the SKUs it lacks; a transaction client reads here directly.
// Why one statement: each round trip costs ~0.1–0.3 ms here (and on a loaded box every extra
// wake-up of the backend and of Node is another chance to wait a scheduler slice); eight of them
// would eat the 2 ms budget.
import type pg from "pg";
import { buildPricingIndex, type PricingIndex } from "./engine.ts";
import type {
  Adjustment,
  Contract,
  ContractLine,
  LastPrice,
  PriceList,
  PricingItem,
  PricingRules,
  Promotion,
  Scope,
  Target,
  TierRule,
} from "./types.ts";

/** Currency of items.list_price and items.cost. */
export const CATALOG_CURRENCY = "USD";

export type LoadedAccount = {
  id: number;
  number: string;
  name: string;
  groupId: number | null;
  /** The account's own currency (orders default to it). */
  currency: string;
  /** The requested ship-to when it belongs to the account, else null. */
  shipToId: number | null;
};

export type LoadedItem = PricingItem & { id: number; name: string; active: boolean };

export type LoadedRules = {
  account: LoadedAccount | null;
  /** By SKU (only SKUs that exist). */
  itemsBySku: Map<string, LoadedItem>;
  index: PricingIndex;
};

/** A loader row as plain rules, before indexing. */
export type RowRules = Omit<LoadedRules, "index"> & { rules: PricingRules };

// Parameters: $1 account id, $2 SKUs, $3 pricing date, $4 order currency (null = the account's),
// $5 ship-to id to check (null = none), $6 more item ids whose last prices to return (the cache's
// already-loaded items, rule-cache.ts). Also returns pricing_version (same snapshot).
// Shape (measured with EXPLAIN (ANALYZE, BUFFERS) on 1M price-list entries, docs/pricing.md): the
// request's item ids, categories and families are computed ONCE (CTE k) and every rule table is
// then read by `column = any(array)` on a composite index — no OR across columns (which defeats
// indexes), no per-row subplans. Lists and contracts come once each; their entries/lines as
// [parent id, …] rows. Postgres caches a generic plan for this statement after five executions
// per connection (planning then ~0.03 ms instead of 1–8 ms).
// Numbers are cast to text before JSON so no price ever passes through a JS float.
const LOAD_SQL = `
with acct as materialized (
  select a.id, a.number, a.name, a.group_id, a.currency, coalesce($4::text, a.currency) as order_currency
    from accounts a where a.id = $1
), it as materialized (
  select i.id, i.sku, i.name, i.active, i.category_id, m.family_id, i.list_price, i.cost, i.base_unit,
         i.case_factor, i.order_multiple, i.min_order_qty
    from items i left join item_family_members m on m.item_id = i.id
   where i.sku = any($2::text[])
), k as materialized (
  select coalesce(array_agg(it.id), '{}') as ids,
         coalesce(array_agg(distinct it.category_id) filter (where it.category_id is not null), '{}') as cats,
         coalesce(array_agg(distinct it.family_id) filter (where it.family_id is not null), '{}') as fams
    from it
), pl as materialized (
  select l.id, l.name, l.account_group_id, l.account_id, l.currency, l.valid_from, l.valid_to
    from acct a join price_lists l on l.account_id = a.id
   where l.currency = a.order_currency and (l.valid_from is null or l.valid_from <= $3::date)
     and (l.valid_to is null or l.valid_to >= $3::date)
  union all
  select l.id, l.name, l.account_group_id, l.account_id, l.currency, l.valid_from, l.valid_to
    from acct a join price_lists l on l.account_group_id = a.group_id
   where l.currency = a.order_currency and (l.valid_from is null or l.valid_from <= $3::date)
     and (l.valid_to is null or l.valid_to >= $3::date)
), ct as materialized (
  select c.id, c.name, c.account_group_id, c.account_id, c.ship_to_ids, c.currency, c.valid_from, c.valid_to, c.exclusive
    from acct a join contracts c on c.account_id = a.id
   where (c.valid_from is null or c.valid_from <= $3::date) and (c.valid_to is null or c.valid_to >= $3::date)
  union all
  select c.id, c.name, c.account_group_id, c.account_id, c.ship_to_ids, c.currency, c.valid_from, c.valid_to, c.exclusive
    from acct a join contracts c on c.account_group_id = a.group_id
   where (c.valid_from is null or c.valid_from <= $3::date) and (c.valid_to is null or c.valid_to >= $3::date)
)
select
  (select v.epoch::text || ':' || v.version::text from pricing_version v where v.id = 1) as version,
  (select json_build_array(a.id, a.number, a.name, a.group_id, a.currency, p.case_rounding, p.surcharge_kind,
            p.surcharge_value::text, p.surcharge_currency, p.min_order_value::text, p.min_order_currency,
            p.hold_last_price_days, (select s.id from ship_tos s where s.id = $5::int and s.account_id = a.id))
     from acct a left join pricing_policies p on p.account_id = a.id) as account,
  (select json_agg(json_build_array(it.id, it.sku, it.name, it.active, it.category_id, it.family_id,
            it.list_price::text, it.cost::text, it.base_unit, it.case_factor, it.order_multiple, it.min_order_qty))
     from it) as items,
  (select json_agg(json_build_array(u.item_id, u.code, u.factor)) from item_units u
    where u.item_id = any((select ids from k)::int[])) as units,
  (select json_agg(json_build_array(pl.id, pl.name, pl.account_group_id, pl.account_id, pl.currency, pl.valid_from,
            pl.valid_to)) from pl) as lists,
  (select json_agg(json_build_array(e.price_list_id, e.item_id, e.unit_price::text)) from price_list_entries e
    where e.price_list_id = any(array(select id from pl)) and e.item_id = any((select ids from k)::int[])) as entries,
  (select json_agg(json_build_array(ct.id, ct.name, ct.account_group_id, ct.account_id, ct.ship_to_ids, ct.currency,
            ct.valid_from, ct.valid_to, ct.exclusive)) from ct) as contracts,
  (select json_agg(json_build_array(x.contract_id, x.id, x.item_id, x.category_id, x.kind, x.price::text,
            x.percent::text, x.basis))
     from (select * from contract_lines x where x.contract_id = any(array(select id from ct))
              and x.item_id = any((select ids from k)::int[])
           union all
           select * from contract_lines x where x.contract_id = any(array(select id from ct))
              and x.category_id = any((select cats from k)::int[])) x) as contract_lines,
  (select json_agg(json_build_array(t.id, t.name, t.account_group_id, t.account_id, t.currency, t.valid_from,
            t.valid_to, t.item_id, t.category_id, t.family_id, t.basis, t.breaks))
     from (select * from tier_rules t where t.item_id = any((select ids from k)::int[])
           union all select * from tier_rules t where t.category_id = any((select cats from k)::int[])
           union all select * from tier_rules t where t.family_id = any((select fams from k)::int[])
           union all select * from tier_rules t where t.item_id is null and t.category_id is null and t.family_id is null) t,
          acct a
    where (t.account_id is null or t.account_id = a.id) and (t.account_group_id is null or t.account_group_id = a.group_id)
      and (t.valid_from is null or t.valid_from <= $3::date) and (t.valid_to is null or t.valid_to >= $3::date)) as tiers,
  (select json_agg(json_build_array(p.id, p.name, p.valid_from, p.valid_to, p.currency, p.item_id, p.category_id,
            p.family_id, p.min_order_value::text, p.min_order_quantity, p.account_group_ids, p.account_ids, p.adjustment))
     from promotions p, acct a, k
    where (p.valid_from is null or p.valid_from <= $3::date) and (p.valid_to is null or p.valid_to >= $3::date)
      and ((p.account_ids is null and p.account_group_ids is null) or a.id = any(p.account_ids)
           or a.group_id = any(p.account_group_ids))
      and (p.item_id = any(k.ids) or p.category_id = any(k.cats) or p.family_id = any(k.fams)
           or (p.item_id is null and p.category_id is null and p.family_id is null))) as promotions,
  (select json_agg(json_build_array(lp.item_id, lp.unit_price::text, lp.ordered_on, lp.order_number))
     from acct a join account_last_prices lp on lp.account_id = a.id and lp.currency = a.order_currency
    where lp.item_id = any((select ids from k)::int[] || $6::int[])) as last_prices`;

export type LoadRow = Record<
  | "version"
  | "account"
  | "items"
  | "units"
  | "lists"
  | "entries"
  | "contracts"
  | "contract_lines"
  | "tiers"
  | "promotions"
  | "last_prices",
  any
>;

/**
 * Loads and indexes the rules for one request. `client` may be a pool or the order's transaction
 * client (then the prices are read in the same snapshot as the rest of the order).
 */
export async function loadPricingRules(
  client: pg.ClientBase | pg.Pool,
  accountId: number,
  skus: readonly string[],
  date: string,
  currency: string | null,
  shipToId: number | null = null,
): Promise<LoadedRules> {
  const row = await queryPricingRules(client, accountId, skus, date, currency, shipToId, []);
  return rulesFromRow(row, currency);
}

/** Runs the loader statement (one round trip); the raw row is what rule-cache.ts splits and caches. */
export async function queryPricingRules(
  client: pg.ClientBase | pg.Pool,
  accountId: number,
  skus: readonly string[],
  date: string,
  currency: string | null,
  shipToId: number | null,
  lastPriceItemIds: readonly number[],
): Promise<LoadRow> {
  const result = await client.query({
    name: "pricing_load_rules",
    text: LOAD_SQL,
    values: [accountId, [...new Set(skus)], date, currency, shipToId, lastPriceItemIds],
  });
  return result.rows[0] as LoadRow;
}

/** Turns a loader row (or one assembled from cached parts) into indexed rules. */
export function rulesFromRow(row: LoadRow, currency: string | null): LoadedRules {
  const { account, itemsBySku, rules } = rowRules(row, currency);
  return { account, itemsBySku, index: buildPricingIndex(rules) };
}

/** A loader row as plain rules; last prices are in `currency`, else the account's. */
export function rowRules(row: LoadRow, currency: string | null): RowRules {
  return toRules(row, currency ?? row.account?.[4] ?? CATALOG_CURRENCY);
}

function toRules(row: LoadRow, currency: string): RowRules {
  const a = row.account as any[] | null;
  const account: LoadedAccount | null = a
    ? { id: a[0], number: a[1], name: a[2], groupId: a[3], currency: a[4], shipToId: a[12] }
    : null;
  const unitsByItem = new Map<number, { code: string; factor: number }[]>();
  for (const [itemId, code, factor] of (row.units ?? []) as [number, string, number][]) {
    const units = unitsByItem.get(itemId);
    if (units) units.push({ code, factor });
    else unitsByItem.set(itemId, [{ code, factor }]);
  }
  const itemsBySku = new Map<string, LoadedItem>();
  const items: LoadedItem[] = [];
  for (const r of (row.items ?? []) as any[][]) {
    const item: LoadedItem = {
      id: r[0],
      sku: r[1],
      name: r[2],
      active: r[3],
      categoryId: r[4],
      familyId: r[5],
      listPrice: r[6],
      cost: r[7],
      baseUnit: r[8],
      caseFactor: r[9],
      orderMultiple: r[10],
      minOrderQty: r[11],
      // Ordered by code so the result never depends on the index's row order.
      units: (unitsByItem.get(r[0]) ?? []).sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0)),
    };
    itemsBySku.set(item.sku, item);
    // An inactive item cannot be priced or ordered: the engine reports it as UNKNOWN_ITEM.
    if (item.active) items.push(item);
  }
  const rules: PricingRules = {
    listCurrency: CATALOG_CURRENCY,
    items,
    accountPolicies: a?.[5] ? [policyOf(a)] : [],
    priceLists: priceListsOf(row.lists ?? [], row.entries ?? []),
    contracts: contractsOf(row.contracts ?? [], row.contract_lines ?? []),
    tiers: ((row.tiers ?? []) as any[][]).map(tierOf),
    promotions: ((row.promotions ?? []) as any[][]).map(promotionOf),
    lastPrices: a ? lastPricesOf(row.last_prices ?? [], a[0], currency) : [],
  };
  return { account, itemsBySku, rules };
}

/** `[item id, unit price, date, order number]` rows (already filtered by currency in SQL). */
export function lastPricesOf(rows: any[][], accountId: number, currency: string): LastPrice[] {
  return rows.map((r) => ({
    accountId,
    itemId: r[0],
    unitPrice: r[1],
    currency,
    date: r[2],
    orderRef: r[3],
  }));
}

function scopeOf(groupId: number | null, accountId: number | null): Scope {
  if (accountId !== null) return { kind: "account", accountId };
  if (groupId !== null) return { kind: "group", groupId };
  return { kind: "all" };
}

function targetOf(itemId: number | null, categoryId: number | null, familyId: number | null): Target {
  if (itemId !== null) return { kind: "item", itemId };
  if (categoryId !== null) return { kind: "category", categoryId };
  if (familyId !== null) return { kind: "family", familyId };
  return { kind: "all" };
}

function policyOf(a: any[]) {
  return {
    accountId: a[0],
    caseRounding: a[5] as "reject" | "round_up",
    brokenCaseSurcharge:
      a[6] === "percent"
        ? { kind: "percent" as const, percent: a[7] }
        : a[6] === "amount"
          ? { kind: "amount" as const, amount: a[7], currency: a[8] }
          : null,
    minOrderValue: a[9] !== null ? { amount: a[9], currency: a[10] } : null,
    holdLastPriceDays: a[11],
  };
}

/** Lists with their entries; a list with no entry for the request's items is left out. */
function priceListsOf(lists: any[][], entries: any[][]): PriceList[] {
  const byId = new Map<number, PriceList>();
  for (const r of lists) {
    byId.set(r[0], {
      id: r[0],
      name: r[1],
      scope: scopeOf(r[2], r[3]),
      currency: r[4],
      validFrom: r[5],
      validTo: r[6],
      entries: [],
    });
  }
  for (const [listId, itemId, price] of entries) byId.get(listId)?.entries.push({ itemId, price });
  return [...byId.values()].filter((l) => l.entries.length > 0);
}

/** Contracts with their lines; a contract with no line for the request's items is left out. */
function contractsOf(contracts: any[][], lines: any[][]): Contract[] {
  const byId = new Map<number, Contract>();
  for (const r of contracts) {
    byId.set(r[0], {
      id: r[0],
      name: r[1],
      scope: scopeOf(r[2], r[3]),
      shipToIds: r[4],
      currency: r[5],
      validFrom: r[6],
      validTo: r[7],
      exclusive: r[8],
      lines: [],
    });
  }
  for (const r of lines) {
    const line: ContractLine = {
      id: r[1],
      target: targetOf(r[2], r[3], null),
      price:
        r[4] === "fixed"
          ? { kind: "fixed", price: r[5] }
          : r[4] === "percent_off_list"
            ? { kind: "percent_off_list", percent: r[6] }
            : { kind: "cost_plus", percent: r[6], basis: r[7] ?? "markup" },
    };
    byId.get(r[0])?.lines.push(line);
  }
  return [...byId.values()].filter((c) => c.lines.length > 0);
}

function tierOf(r: any[]): TierRule {
  return {
    id: r[0],
    name: r[1],
    scope: scopeOf(r[2], r[3]),
    currency: r[4],
    validFrom: r[5],
    validTo: r[6],
    target: targetOf(r[7], r[8], r[9]),
    basis: r[10],
    breaks: r[11] as { min: string; adjustment: Adjustment }[],
  };
}

function promotionOf(r: any[]): Promotion {
  return {
    id: r[0],
    name: r[1],
    validFrom: r[2],
    validTo: r[3],
    currency: r[4],
    target: targetOf(r[5], r[6], r[7]),
    minOrderValue: r[8],
    minOrderQuantity: r[9],
    accountGroupIds: r[10],
    accountIds: r[11],
    adjustment: r[12] as Adjustment,
  };
}
