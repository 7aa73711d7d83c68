// In-process cache of the loaded rules (load-rules.ts), so a warm quote costs ONE small round trip:
// the current pricing_version plus the account's last prices for the requested items (last prices
// change with every order, so they are never cached).
// What is cached, per (account, date, currency, ship-to): the account (with its policy and ship-to
// check), every SKU quoted so far, and ONE rule index for all of them. A quote with SKUs not seen yet
// loads only those (plus, in the same statement, the cached items' last prices) and adds their rules
// to that index (index-merge.ts); a warm quote prices straight from it, nothing rebuilt.
// Correctness: every write to a table the loader reads bumps pricing_version in the same transaction
// (statement triggers, migrations/0007_pricing-version.sql), and the loader and the check read the
// version in the same snapshot as the data; any other version drops the whole cache. An account's
// index is only ever grown with rows of its own version; a new version starts new indexes.
// A transaction client bypasses the cache (it may have written rules or last prices the cache cannot
// know about), unless its caller passes the pool whose cache to use: intake does, since it prices
// before writing anything (its transaction then answers the check in its own snapshot).
import pg from "pg";
import { buildPricingIndex, type PricingIndex } from "./engine.ts";
import { addToPricingIndex, withLastPrices } from "./index-merge.ts";
import { lastPricesIndex } from "./last-price-index.ts";
import {
  type LoadedAccount,
  type LoadedItem,
  type LoadedRules,
  lastPricesOf,
  loadPricingRules,
  queryPricingRules,
  rowRules,
} from "./load-rules.ts";

type AccountEntry = {
  /** pricing_version ("epoch:counter") every row in here was read at. */
  version: string;
  account: LoadedAccount | null;
  /** Currency of the last prices to read: the order's, else the account's. */
  currency: string | null;
  /** Every SKU loaded so far: its item, or null when there is no such SKU. */
  skus: Map<string, LoadedItem | null>;
  /** Rules of all those items, without last prices (added per quote). */
  index: PricingIndex;
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

// Bounds, evicting whole accounts least recently used first: SKUs over all accounts' indexes
// (≈ 1.6 KB of heap each, measured with 50,000 SKUs of one account: ~160 MB at the bound), accounts.
export const MAX_CACHED_SKUS = 100_000;
export const MAX_CACHED_ACCOUNTS = 10_000;

class RuleCache {
  /** pricing_version the cached entries were read at; null = nothing cached. */
  version: string | null = null;
  /** Least recently used first. */
  accounts = new Map<string, AccountEntry>();
  /** Σ skus.size over `accounts`. */
  skuCount = 0;
  stats: PricingCacheStats = { hits: 0, partial: 0, misses: 0, invalidations: 0, roundTrips: 0 };

  reset(version: string | null): void {
    if (this.version !== null) this.stats.invalidations++;
    this.version = version;
    this.accounts.clear();
    this.skuCount = 0;
  }

  /** Marks `key` most recently used; returns its entry. */
  touch(key: string): AccountEntry | undefined {
    const entry = this.accounts.get(key);
    if (entry !== undefined) {
      this.accounts.delete(key);
      this.accounts.set(key, entry);
    }
    return entry;
  }

  /** (Re)places `key`, counting `grown` new SKUs, and evicts the least recently used over the bounds. */
  store(key: string, entry: AccountEntry, grown: number): void {
    const old = this.accounts.get(key);
    if (old !== undefined && old !== entry) this.skuCount -= old.skus.size;
    this.skuCount += old === entry ? grown : entry.skus.size;
    this.accounts.delete(key);
    this.accounts.set(key, entry);
    for (const [k, e] of this.accounts) {
      if (this.skuCount <= MAX_CACHED_SKUS && this.accounts.size <= MAX_CACHED_ACCOUNTS) break;
      this.accounts.delete(k);
      this.skuCount -= e.skus.size;
    }
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

/**
 * The warm check as two columns of a caller's statement, `pricing_version` and `last_prices`: the
 * version (same snapshot as the caller's other reads) and the last prices of the cached items, for
 * account `account`, currency `currency` and item ids `ids` (placeholders; see probePricingCache).
 */
export function pricingCheckSql(account: string, currency: string, ids: string): string {
  return `(select v.epoch::text || ':' || v.version::text from pricing_version v where v.id = 1) as pricing_version,
  (select json_agg(json_build_array(lp.item_id, lp.unit_price::text, lp.ordered_on, lp.order_number))
     from account_last_prices lp
    where lp.account_id = ${account} and lp.currency = ${currency} and lp.item_id = any(${ids}::int[])) as last_prices`;
}

const CHECK_SQL = `select ${pricingCheckSql("$1", "$2", "$3")}`;

/** A cache entry that holds every SKU of a quote: answered by one check (pricingCheckSql). */
export type PricingProbe = {
  cache: RuleCache;
  entry: AccountEntry;
  skus: string[];
  /** The check's parameters: the entry's last-price currency and the cached item ids. */
  currency: string | null;
  itemIds: number[];
};

/** The entry holding all of `skus` (taken synchronously: tied to its version), else null. */
export function probePricingCache(
  pool: pg.Pool,
  accountId: number,
  skus: readonly string[],
  date: string,
  currency: string | null,
  shipToId: number | null,
): PricingProbe | null {
  const cache = cacheOf(pool);
  const unique = [...new Set(skus)];
  const entry =
    cache.version !== null ? cache.touch(accountKeyOf(accountId, date, currency, shipToId)) : undefined;
  if (!entry || unique.some((sku) => !entry.skus.has(sku))) return null;
  return { cache, entry, skus: unique, currency: entry.currency, itemIds: cachedIds(entry, unique) };
}

/** The rules of a probe given its check's answer; null when the version moved (load them). */
export function answerProbe(
  probe: PricingProbe,
  version: string | null,
  lastPrices: unknown[][] | null,
): LoadedRules | null {
  probe.cache.stats.roundTrips++;
  if (version === null || version !== probe.entry.version) return null;
  probe.cache.stats.hits++;
  return fromEntry(probe.entry, probe.skus, lastPrices ?? []);
}

/**
 * loadPricingRules through the cache when `client` is a pool, or through `cachePool`'s cache when a
 * transaction client that has written no pricing data yet reads; any other client reads directly.
 */
export async function loadPricingRulesCached(
  client: pg.ClientBase | pg.Pool,
  accountId: number,
  skus: readonly string[],
  date: string,
  currency: string | null,
  shipToId: number | null = null,
  cachePool: pg.Pool | null = null,
): Promise<LoadedRules> {
  const pool = client instanceof pg.Pool ? client : cachePool;
  if (pool === null) return loadPricingRules(client, accountId, skus, date, currency, shipToId);
  const probe = probePricingCache(pool, accountId, skus, date, currency, shipToId);
  if (probe) {
    const check = await client.query({
      name: "pricing_cache_check",
      text: CHECK_SQL,
      values: [accountId, probe.currency, probe.itemIds],
    });
    const hit = answerProbe(probe, check.rows[0].pricing_version, check.rows[0].last_prices);
    if (hit) return hit;
  }
  return loadIntoCache(client, pool, accountId, skus, date, currency, shipToId);
}

const accountKeyOf = (accountId: number, date: string, currency: string | null, shipToId: number | null) =>
  `${accountId}|${date}|${currency}|${shipToId}`;

/** A miss or a partial hit: loads the SKUs the cache lacks (all of them when the version moved). */
async function loadIntoCache(
  client: pg.ClientBase | pg.Pool,
  pool: pg.Pool,
  accountId: number,
  skus: readonly string[],
  date: string,
  currency: string | null,
  shipToId: number | null,
): Promise<LoadedRules> {
  const cache = cacheOf(pool);
  const stats = cache.stats;
  const unique = [...new Set(skus)];
  const accountKey = accountKeyOf(accountId, date, currency, shipToId);
  let entry = cache.version !== null ? cache.touch(accountKey) : undefined;
  let missing = entry ? unique.filter((sku) => !entry!.skus.has(sku)) : unique;
  if (entry && missing.length === 0) {
    // It held everything, but the version moved since: load all of it afresh.
    entry = undefined;
    missing = unique;
  }

  stats.roundTrips++;
  const cached = entry ? cachedIds(entry, unique) : [];
  let row = await queryPricingRules(client, accountId, missing, date, currency, shipToId, cached);
  if (entry && row.version !== entry.version) {
    // Rules moved since the entry was read: load everything in one snapshot.
    entry = undefined;
    missing = unique;
    stats.roundTrips++;
    row = await queryPricingRules(client, accountId, unique, date, currency, shipToId, []);
  }
  if (entry) stats.partial++;
  else stats.misses++;

  // Validates and indexes the new rows first: bad rule data throws before anything is cached.
  const loaded = rowRules(row, currency);
  const index = buildPricingIndex({ ...loaded.rules, lastPrices: [] });
  let grown = missing.length;
  if (entry) addToPricingIndex(entry.index, index);
  else {
    const lastPriceCurrency = currency ?? loaded.account?.currency ?? null;
    entry = {
      version: row.version,
      account: loaded.account,
      currency: lastPriceCurrency,
      skus: new Map(),
      index,
    };
    grown = 0;
  }
  for (const sku of missing) entry.skus.set(sku, loaded.itemsBySku.get(sku) ?? null);

  const version = row.version as string | null;
  // Another version: drop everything (a slower concurrent request may move it back; that only costs
  // a reload, since every entry keeps the version of the snapshot it was read in).
  if (version !== cache.version) cache.reset(version);
  if (version !== null) cache.store(accountKey, entry, grown);
  return {
    account: entry.account,
    itemsBySku: itemsOf(entry, unique),
    index: withLastPrices(entry.index, lastPricesIndex(loaded.rules.lastPrices ?? [])),
  };
}

/** Ids of the cached items among `skus` (their last prices are read with the check). */
function cachedIds(entry: AccountEntry, skus: readonly string[]): number[] {
  const ids: number[] = [];
  for (const sku of skus) {
    const item = entry.skus.get(sku);
    if (item) ids.push(item.id);
  }
  return ids;
}

function itemsOf(entry: AccountEntry, skus: readonly string[]): Map<string, LoadedItem> {
  const items = new Map<string, LoadedItem>();
  for (const sku of skus) {
    const item = entry.skus.get(sku);
    if (item) items.set(sku, item);
  }
  return items;
}

function fromEntry(entry: AccountEntry, skus: readonly string[], lastPrices: any[][]): LoadedRules {
  const account = entry.account;
  const lp = account && entry.currency ? lastPricesOf(lastPrices, account.id, entry.currency) : [];
  return {
    account,
    itemsBySku: itemsOf(entry, skus),
    index: withLastPrices(entry.index, lastPricesIndex(lp)),
  };
}
