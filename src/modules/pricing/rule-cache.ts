// In-process cache of the loader's results (load-rules.ts), so a warm quote costs ONE small round
// trip: the current pricing_version plus the account's last prices for the requested items (last
// prices change with every order, so they are never cached).
// What is cached, per (account, date, currency, ship-to): the account part of the loader's row
// (account + policy + ship-to check, its applicable price lists and contracts) and, per SKU, the rows
// that can touch that item (item, units, entries, contract lines, tiers, promotions). A quote with
// uncached SKUs loads only those (plus, in the same statement, the cached items' last prices).
// Correctness: every write to a table the loader reads bumps pricing_version in the same transaction
// (statement triggers, migrations/0007_pricing-version.sql), and the loader and the check read the
// version in the same snapshot as the data; any other version drops the whole cache.
// A transaction client (order creation, intake, order changes) bypasses the cache: it must see its
// own uncommitted writes, which the cache cannot know about.
import pg from "pg";
import {
  type LoadedRules,
  type LoadRow,
  loadPricingRules,
  queryPricingRules,
  rulesFromRow,
} from "./load-rules.ts";

type Rows = any[][];
type AccountPart = { account: any[] | null; lists: Rows; contracts: Rows };
type ItemPart = {
  item: any[] | null;
  units: Rows;
  entries: Rows;
  contractLines: Rows;
  tiers: Rows;
  promotions: Rows;
};

export type PricingCacheStats = {
  /** Quotes answered from the cache with one round trip (version + last prices). */
  hits: number;
  /** Quotes that loaded some of their SKUs (one round trip). */
  partial: number;
  /** Quotes that loaded everything (cold account, or the version moved). */
  misses: number;
  /** Times the cache was dropped because pricing_version moved. */
  invalidations: number;
  /** Round trips to the database made through the cache. */
  roundTrips: number;
};

/** Bounds (LRU by count): item parts dominate memory (a few small rows each). */
export const MAX_ITEM_PARTS = 200_000;
export const MAX_ACCOUNT_PARTS = 10_000;

class RuleCache {
  /** "epoch:counter" of pricing_version the cached rows were read at; null = nothing cached. */
  version: string | null = null;
  accounts = new Map<string, AccountPart>();
  items = new Map<string, ItemPart>();
  stats: PricingCacheStats = { hits: 0, partial: 0, misses: 0, invalidations: 0, roundTrips: 0 };

  reset(version: string | null): void {
    if (this.version !== null) this.stats.invalidations++;
    this.version = version;
    this.accounts.clear();
    this.items.clear();
  }
}

const caches = new WeakMap<pg.Pool, RuleCache>();

function cacheOf(pool: pg.Pool): RuleCache {
  let cache = caches.get(pool);
  if (!cache) {
    cache = new RuleCache();
    caches.set(pool, cache);
  }
  return cache;
}

/** Counters of the cache of `pool` (tests, benchmarks). */
export function pricingCacheStats(pool: pg.Pool): PricingCacheStats {
  return { ...cacheOf(pool).stats };
}

/** Drops the cache of `pool` (tests). */
export function clearPricingCache(pool: pg.Pool): void {
  cacheOf(pool).reset(null);
}

function lruGet<V>(map: Map<string, V>, key: string): V | undefined {
  const value = map.get(key);
  if (value !== undefined) {
    map.delete(key);
    map.set(key, value);
  }
  return value;
}

function lruSet<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as string);
}

// Version (same snapshot) and the last prices of the cached items: the whole warm round trip.
const CHECK_SQL = `
select (select v.epoch::text || ':' || v.version::text from pricing_version v where v.id = 1) as version,
  (select json_agg(json_build_array(lp.item_id, lp.unit_price::text, lp.ordered_on, lp.order_number))
     from account_last_prices lp
    where lp.account_id = $1 and lp.currency = $2 and lp.item_id = any($3::int[])) as last_prices`;

/**
 * loadPricingRules through the cache when `client` is a pool; a transaction client reads directly.
 */
export async function loadPricingRulesCached(
  client: pg.ClientBase | pg.Pool,
  accountId: number,
  skus: readonly string[],
  date: string,
  currency: string | null,
  shipToId: number | null = null,
): Promise<LoadedRules> {
  if (!(client instanceof pg.Pool))
    return loadPricingRules(client, accountId, skus, date, currency, shipToId);
  const cache = cacheOf(client);
  const stats = cache.stats;
  const unique = [...new Set(skus)];
  const accountKey = JSON.stringify([accountId, date, currency, shipToId]);
  // Read synchronously: everything below is tagged with `seen`, whatever other requests do meanwhile.
  const seen = cache.version;
  const acct = seen !== null ? lruGet(cache.accounts, accountKey) : undefined;
  const parts = new Map<string, ItemPart>();
  let missing = unique;
  if (acct) {
    missing = [];
    for (const sku of unique) {
      const part = lruGet(cache.items, `${accountKey}\u0000${sku}`);
      if (part) parts.set(sku, part);
      else missing.push(sku);
    }
  }
  const cachedIds = [...parts.values()].flatMap((p) => (p.item ? [p.item[0] as number] : []));

  if (acct && missing.length === 0) {
    stats.roundTrips++;
    const check = await client.query({
      name: "pricing_cache_check",
      text: CHECK_SQL,
      values: [accountId, currency ?? acct.account?.[4] ?? null, cachedIds],
    });
    const { version, last_prices } = check.rows[0];
    if (version !== null && version === seen) {
      stats.hits++;
      return rulesFromRow(assemble(acct, parts, last_prices ?? []), currency);
    }
    parts.clear();
    missing = unique;
  }

  stats.roundTrips++;
  let row = await queryPricingRules(client, accountId, missing, date, currency, shipToId, cachedIds);
  if (parts.size > 0 && row.version !== seen) {
    // Rules moved since the cached parts were read: load everything in one snapshot.
    parts.clear();
    missing = unique;
    stats.roundTrips++;
    row = await queryPricingRules(client, accountId, unique, date, currency, shipToId, []);
  }
  if (parts.size > 0) stats.partial++;
  else stats.misses++;

  const version = row.version as string | null;
  const acctPart: AccountPart = {
    account: row.account,
    lists: row.lists ?? [],
    contracts: row.contracts ?? [],
  };
  const loadedParts = splitByItem(row, missing);
  // Another version: drop everything (a slower concurrent request may move it back; that only costs
  // a reload, since every cached row is tagged with the version of the snapshot it was read in).
  if (version !== cache.version) cache.reset(version);
  if (version !== null) {
    lruSet(cache.accounts, accountKey, acctPart, MAX_ACCOUNT_PARTS);
    for (const [sku, part] of loadedParts)
      lruSet(cache.items, `${accountKey}\u0000${sku}`, part, MAX_ITEM_PARTS);
  }
  for (const [sku, part] of loadedParts) parts.set(sku, part);
  return rulesFromRow(assemble(acctPart, parts, row.last_prices ?? []), currency);
}

const isAll = (item: unknown, category: unknown, family: unknown) =>
  item === null && category === null && family === null;

/** Splits a loader row into the rows that can touch each requested SKU. */
function splitByItem(row: LoadRow, skus: readonly string[]): Map<string, ItemPart> {
  const bySku = new Map<string, any[]>();
  for (const r of (row.items ?? []) as Rows) bySku.set(r[1], r);
  const out = new Map<string, ItemPart>();
  for (const sku of skus) {
    const item = bySku.get(sku) ?? null;
    if (!item) {
      out.set(sku, { item: null, units: [], entries: [], contractLines: [], tiers: [], promotions: [] });
      continue;
    }
    const [id, , , , cat, fam] = item;
    const touches = (i: unknown, c: unknown, f: unknown) =>
      i === id || (c !== null && c === cat) || (f !== null && f === fam) || isAll(i, c, f);
    out.set(sku, {
      item,
      units: ((row.units ?? []) as Rows).filter((u) => u[0] === id),
      entries: ((row.entries ?? []) as Rows).filter((e) => e[1] === id),
      contractLines: ((row.contract_lines ?? []) as Rows).filter(
        (x) => x[2] === id || (x[3] !== null && x[3] === cat),
      ),
      tiers: ((row.tiers ?? []) as Rows).filter((t) => touches(t[7], t[8], t[9])),
      promotions: ((row.promotions ?? []) as Rows).filter((p) => touches(p[5], p[6], p[7])),
    });
  }
  return out;
}

/** A loader row rebuilt from cached parts (rules shared by several items appear once). */
function assemble(acct: AccountPart, parts: Map<string, ItemPart>, lastPrices: Rows): LoadRow {
  const items: Rows = [];
  const units: Rows = [];
  const entries: Rows = [];
  const contractLines = new Map<number, any[]>();
  const tiers = new Map<number, any[]>();
  const promotions = new Map<number, any[]>();
  for (const p of parts.values()) {
    if (p.item) items.push(p.item);
    units.push(...p.units);
    entries.push(...p.entries);
    for (const x of p.contractLines) contractLines.set(x[1], x);
    for (const t of p.tiers) tiers.set(t[0], t);
    for (const r of p.promotions) promotions.set(r[0], r);
  }
  return {
    version: null,
    account: acct.account,
    items,
    units,
    lists: acct.lists,
    entries,
    contracts: acct.contracts,
    contract_lines: [...contractLines.values()],
    tiers: [...tiers.values()],
    promotions: [...promotions.values()],
    last_prices: lastPrices,
  };
}
