// Price lists and their entries: plain functions over SQL, used by the admin routes and imports.
import type pg from "pg";
import { type Db, withTransaction } from "../../app/db.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import type { PriceListInput } from "./api-schemas.ts";
import { itemsBySku, missingRefs, toBasePrice } from "./refs.ts";

const HEAD = `select l.id, l.name, l.currency, l.valid_from as "validFrom", l.valid_to as "validTo",
       case when l.account_id is not null then json_build_object('kind', 'account', 'accountId', l.account_id, 'name', a.name, 'number', a.number)
            else json_build_object('kind', 'group', 'groupId', l.account_group_id, 'name', g.name, 'code', g.code) end as scope,
       (select count(*) from price_list_entries e where e.price_list_id = l.id)::int as "entryCount",
       l.updated_at as "updatedAt"
  from price_lists l left join accounts a on a.id = l.account_id left join account_groups g on g.id = l.account_group_id`;

export async function listPriceLists(db: Db, filter: { accountId?: number; groupId?: number }) {
  const { rows } = await db.pool.query(
    `${HEAD} where ($1::int is null or l.account_id = $1) and ($2::int is null or l.account_group_id = $2)
      order by l.name, l.id`,
    [filter.accountId ?? null, filter.groupId ?? null],
  );
  return rows;
}

export async function getPriceList(client: pg.ClientBase | pg.Pool, id: number) {
  const { rows } = await client.query(`${HEAD} where l.id = $1`, [id]);
  if (!rows[0]) throw notFound("Price list", id);
  return rows[0];
}

async function checkScope(client: pg.ClientBase | pg.Pool, input: PriceListInput): Promise<void> {
  const missing = await missingRefs(client, {
    accountIds: input.scope.kind === "account" ? [input.scope.accountId] : [],
    groupIds: input.scope.kind === "group" ? [input.scope.groupId] : [],
  });
  if (missing.length)
    throw new DomainError("VALIDATION_FAILED", `Unknown ${missing.join(", ")}`, { missing });
  if (input.validFrom && input.validTo && input.validFrom > input.validTo) {
    throw new DomainError("VALIDATION_FAILED", "validFrom is after validTo");
  }
}

export async function createPriceList(db: Db, input: PriceListInput) {
  await checkScope(db.pool, input);
  const { rows } = await db.pool.query(
    `insert into price_lists (name, account_group_id, account_id, currency, valid_from, valid_to)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [
      input.name,
      input.scope.kind === "group" ? input.scope.groupId : null,
      input.scope.kind === "account" ? input.scope.accountId : null,
      input.currency,
      input.validFrom,
      input.validTo,
    ],
  );
  return getPriceList(db.pool, rows[0].id);
}

export async function updatePriceList(db: Db, id: number, input: PriceListInput) {
  await checkScope(db.pool, input);
  const result = await db.pool.query(
    `update price_lists set name = $2, account_group_id = $3, account_id = $4, currency = $5, valid_from = $6,
            valid_to = $7, updated_at = now() where id = $1`,
    [
      id,
      input.name,
      input.scope.kind === "group" ? input.scope.groupId : null,
      input.scope.kind === "account" ? input.scope.accountId : null,
      input.currency,
      input.validFrom,
      input.validTo,
    ],
  );
  if (!result.rowCount) throw notFound("Price list", id);
  return getPriceList(db.pool, id);
}

export async function deletePriceList(db: Db, id: number): Promise<void> {
  // Entries and pending imports go with it (on delete cascade).
  const result = await db.pool.query("delete from price_lists where id = $1", [id]);
  if (!result.rowCount) throw notFound("Price list", id);
}

export async function listEntries(db: Db, id: number, query: { page: number; pageSize: number; q?: string }) {
  await getPriceList(db.pool, id);
  const q = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await db.pool.query(
    `select i.sku, i.name, i.base_unit as "baseUnit", e.unit_price as "unitPrice", e.uom, e.entered_price as "enteredPrice",
            i.list_price as "listPrice", count(*) over ()::int as total
       from price_list_entries e join items i on i.id = e.item_id
      where e.price_list_id = $1 and ($2::text is null or i.sku ilike $2 or i.name ilike $2)
      order by i.sku limit $3 offset $4`,
    [id, q, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return {
    entries: rows.map(({ total: _t, ...r }) => r),
    total: rows[0]?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export type EntryRow = { itemId: number; unitPrice: string; uom: string | null; enteredPrice: string | null };

/** Upserts entries in batches (one statement per 5,000) on the caller's transaction. */
export async function upsertEntries(client: pg.ClientBase, priceListId: number, rows: readonly EntryRow[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    const batch = rows.slice(i, i + 5000);
    await client.query(
      `insert into price_list_entries (price_list_id, item_id, unit_price, uom, entered_price)
       select $1, * from unnest($2::int[], $3::numeric[], $4::text[], $5::numeric[])
       on conflict (price_list_id, item_id) do update
         set unit_price = excluded.unit_price, uom = excluded.uom, entered_price = excluded.entered_price`,
      [
        priceListId,
        batch.map((r) => r.itemId),
        batch.map((r) => r.unitPrice),
        batch.map((r) => r.uom),
        batch.map((r) => r.enteredPrice),
      ],
    );
  }
  await client.query("update price_lists set updated_at = now() where id = $1", [priceListId]);
}

/** PUT entries from the API: every entry must resolve, or nothing is written. */
export async function putEntries(
  db: Db,
  id: number,
  entries: { sku: string; unitPrice: string; uom?: string }[],
) {
  await getPriceList(db.pool, id);
  const items = await itemsBySku(
    db.pool,
    entries.map((e) => e.sku),
  );
  const errors: { index: number; sku: string; message: string }[] = [];
  const rows: EntryRow[] = [];
  const seen = new Set<string>();
  for (const [index, e] of entries.entries()) {
    const item = items.get(e.sku);
    if (!item) {
      errors.push({ index, sku: e.sku, message: `unknown SKU ${e.sku}` });
      continue;
    }
    if (seen.has(e.sku)) {
      errors.push({ index, sku: e.sku, message: `${e.sku} appears twice` });
      continue;
    }
    seen.add(e.sku);
    const converted = toBasePrice(item, e.unitPrice, e.uom);
    if (!converted.ok) {
      errors.push({ index, sku: e.sku, message: converted.message });
      continue;
    }
    rows.push({
      itemId: item.id,
      unitPrice: converted.unitPrice,
      uom: e.uom && e.uom !== item.baseUnit ? e.uom : null,
      enteredPrice: e.uom && e.uom !== item.baseUnit ? e.unitPrice : null,
    });
  }
  if (errors.length) {
    throw new DomainError("VALIDATION_FAILED", `${errors.length} entries are invalid; nothing was saved`, {
      errors,
    });
  }
  await withTransaction(db, (client) => upsertEntries(client, id, rows));
  return { saved: rows.length };
}

export async function deleteEntries(db: Db, id: number, skus: string[]) {
  await getPriceList(db.pool, id);
  const result = await db.pool.query(
    `delete from price_list_entries e using items i
      where e.price_list_id = $1 and i.id = e.item_id and i.sku = any($2::text[])`,
    [id, skus],
  );
  await db.pool.query("update price_lists set updated_at = now() where id = $1", [id]);
  return { deleted: result.rowCount ?? 0 };
}

/** All entries of a list for export, in SKU order. */
export async function exportRows(db: Db, id: number) {
  const list = await getPriceList(db.pool, id);
  const { rows } = await db.pool.query(
    `select i.sku, i.name, i.base_unit as "baseUnit", e.unit_price::text as "unitPrice", e.uom,
            e.entered_price::text as "enteredPrice"
       from price_list_entries e join items i on i.id = e.item_id where e.price_list_id = $1 order by i.sku`,
    [id],
  );
  return { list, rows };
}
