// Bulk import of price-list entries or contracts: upload → parse → validate EVERY row (errors carry
// row number and column) → store a pending import and return a preview → commit applies only the
// good rows, in one transaction, only when the user confirms; cancel discards.
import type pg from "pg";
import { type Db, withTransaction } from "../../app/db.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import type { ContractInput } from "./api-schemas.ts";
import { validateWithEngine, writeContract } from "./deals.ts";
import { parseUpload, type Sheet } from "./import-parse.ts";
import { getPriceList, upsertEntries } from "./price-lists.ts";
import { itemsBySku, toBasePrice } from "./refs.ts";

export type ImportKind = "price_list_entries" | "contracts";
export type RowError = { row: number; column: string | null; message: string };
const PREVIEW_ROWS = 20;
const PRICE_RE = /^\d{1,10}(\.\d{1,4})?$/;
const PERCENT_RE = /^\d{1,3}(\.\d{1,4})?$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

type EntryGood = {
  row: number;
  sku: string;
  itemId: number;
  unitPrice: string;
  uom: string | null;
  enteredPrice: string | null;
};
type ContractGood = {
  row: number;
  key: string;
  header: Omit<ContractInput, "lines">;
  line: ContractInput["lines"][number];
};

export async function createImport(
  db: Db,
  kind: ImportKind,
  priceListId: number | undefined,
  filename: string,
  body: Buffer,
  contentType: string,
  userId: number,
) {
  if (kind === "price_list_entries") {
    if (!priceListId)
      throw new DomainError("VALIDATION_FAILED", "priceListId is required for price_list_entries");
    await getPriceList(db.pool, priceListId);
  }
  const sheet = await parseUpload(body, contentType);
  const { good, errors } =
    kind === "price_list_entries"
      ? await validateEntries(db.pool, sheet)
      : await validateContracts(db.pool, sheet);
  const { rows } = await db.pool.query(
    `insert into price_imports (kind, price_list_id, filename, total_rows, good_rows, errors, created_by)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [
      kind,
      priceListId ?? null,
      filename,
      sheet.rows.length,
      JSON.stringify(good),
      JSON.stringify(errors),
      userId,
    ],
  );
  return getImport(db, rows[0].id);
}

export async function getImport(db: Db, id: number) {
  const { rows } = await db.pool.query(
    `select id, kind, price_list_id as "priceListId", filename, status, total_rows as "totalRows",
            jsonb_array_length(good_rows)::int as "goodRows", errors, created_at as "createdAt", finished_at as "finishedAt",
            (select coalesce(jsonb_agg(r), '[]') from (select r from jsonb_array_elements(good_rows) r limit ${PREVIEW_ROWS}) x) as preview
       from price_imports where id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) throw notFound("Import", id);
  const errorRows = new Set((r.errors as RowError[]).map((e) => e.row)).size;
  return { ...r, errorRows };
}

/** Applies the good rows of a pending import, once: the status flip and the writes share one transaction. */
export async function commitImport(db: Db, id: number) {
  await withTransaction(db, async (client) => {
    const { rows } = await client.query(
      `update price_imports set status = 'committed', finished_at = now()
        where id = $1 and status = 'pending' returning kind, price_list_id, good_rows`,
      [id],
    );
    if (!rows[0]) await notPending(client, id);
    const { kind, price_list_id: priceListId, good_rows: good } = rows[0];
    if (kind === "price_list_entries") await upsertEntries(client, priceListId, good as EntryGood[]);
    else await writeContracts(client, good as ContractGood[]);
  });
  return getImport(db, id);
}

export async function cancelImport(db: Db, id: number) {
  const { rowCount } = await db.pool.query(
    `update price_imports set status = 'cancelled', finished_at = now(), good_rows = '[]'
      where id = $1 and status = 'pending'`,
    [id],
  );
  if (!rowCount) await notPending(db.pool, id);
  return getImport(db, id);
}

async function notPending(client: pg.ClientBase | pg.Pool, id: number): Promise<never> {
  const { rows } = await client.query("select status from price_imports where id = $1", [id]);
  if (!rows[0]) throw notFound("Import", id);
  throw new DomainError("CONFLICT", `Import ${id} is already ${rows[0].status}`, { status: rows[0].status });
}

function requireColumns(sheet: Sheet, columns: string[][]): void {
  const missing = columns
    .filter((alts) => !alts.some((c) => sheet.header.includes(c)))
    .map((alts) => alts[0]);
  if (missing.length) {
    throw new DomainError("VALIDATION_FAILED", `Missing column(s): ${missing.join(", ")}`, {
      missing,
      found: sheet.header,
    });
  }
}

async function validateEntries(client: pg.Pool, sheet: Sheet) {
  requireColumns(sheet, [["sku"], ["unit_price", "price"]]);
  const items = await itemsBySku(
    client,
    sheet.rows.map((r) => r.cells.sku ?? ""),
  );
  const good: EntryGood[] = [];
  const errors: RowError[] = [];
  const firstRow = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const sku = cells.sku ?? "";
    const price = cells.unit_price ?? cells.price ?? "";
    const uom = cells.uom || null;
    const before = errors.length;
    const item = items.get(sku);
    if (!sku) errors.push({ row, column: "sku", message: "SKU is missing" });
    else if (!item) errors.push({ row, column: "sku", message: `unknown SKU ${sku}` });
    else if (firstRow.has(sku))
      errors.push({ row, column: "sku", message: `${sku} already appears in row ${firstRow.get(sku)}` });
    if (!PRICE_RE.test(price)) {
      errors.push({
        row,
        column: "unit_price",
        message: `"${price}" is not a price (digits, at most 4 decimals)`,
      });
    }
    if (errors.length > before || !item) continue;
    firstRow.set(sku, row);
    const converted = toBasePrice(item, price, uom);
    if (!converted.ok) {
      errors.push({ row, column: uom ? "uom" : "unit_price", message: converted.message });
      continue;
    }
    const perUom = uom !== null && uom !== item.baseUnit;
    good.push({
      row,
      sku,
      itemId: item.id,
      unitPrice: converted.unitPrice,
      uom: perUom ? uom : null,
      enteredPrice: perUom ? price : null,
    });
  }
  return { good, errors };
}

async function validateContracts(client: pg.Pool, sheet: Sheet) {
  requireColumns(sheet, [["contract"], ["currency"], ["kind"]]);
  const col = (name: string) => sheet.rows.map((r) => r.cells[name]).filter(Boolean);
  const items = await itemsBySku(client, col("sku"));
  const refs = await client.query(
    `select (select coalesce(json_object_agg(number, id), '{}') from accounts where number = any($1::text[])) as accounts,
            (select coalesce(json_object_agg(code, id), '{}') from account_groups where code = any($2::text[])) as groups,
            (select coalesce(json_object_agg(code, id), '{}') from categories where code = any($3::text[])) as categories`,
    [col("account"), col("group"), col("category")],
  );
  const { accounts, groups, categories } = refs.rows[0] as Record<string, Record<string, number>>;
  const good: ContractGood[] = [];
  const errors: RowError[] = [];
  const headers = new Map<string, { row: number; json: string }>();
  const targets = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const err = (column: string | null, message: string) => errors.push({ row, column, message });
    const before = errors.length;
    const name = cells.contract ?? "";
    if (!name) err("contract", "contract name is missing");
    let scope: ContractInput["scope"] | null = null;
    if (cells.account && cells.group) err("account", "give an account or a group, not both");
    else if (cells.account) {
      if (accounts[cells.account]) scope = { kind: "account", accountId: accounts[cells.account] };
      else err("account", `unknown account number ${cells.account}`);
    } else if (cells.group) {
      if (groups[cells.group]) scope = { kind: "group", groupId: groups[cells.group] };
      else err("group", `unknown account group ${cells.group}`);
    } else err("account", "an account number or a group code is required");
    const currency = cells.currency ?? "";
    if (!/^[A-Z]{3}$/.test(currency)) err("currency", `"${currency}" is not a currency code like USD`);
    const dates: (string | null)[] = [];
    for (const c of ["valid_from", "valid_to"]) {
      const v = cells[c] || null;
      if (
        v !== null &&
        (!DATE_RE.test(v) ||
          Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ||
          new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v)
      ) {
        err(c, `"${v}" is not a date (YYYY-MM-DD)`);
      }
      dates.push(v);
    }
    if (dates[0] && dates[1] && dates[0] > dates[1]) err("valid_to", "valid_to is before valid_from");
    const exclusiveText = (cells.exclusive ?? "").toLowerCase();
    if (!["", "true", "false", "yes", "no", "1", "0"].includes(exclusiveText))
      err("exclusive", `"${cells.exclusive}" is not yes/no`);
    let target: ContractInput["lines"][number]["target"] | null = null;
    if (cells.sku && cells.category) err("sku", "give a SKU or a category, not both");
    else if (cells.sku) {
      if (items.has(cells.sku)) target = { kind: "item", sku: cells.sku };
      else err("sku", `unknown SKU ${cells.sku}`);
    } else if (cells.category) {
      if (categories[cells.category]) target = { kind: "category", categoryId: categories[cells.category] };
      else err("category", `unknown category ${cells.category}`);
    } else err("sku", "a SKU or a category code is required");
    const price = priceOf(cells, err);
    if (errors.length > before || !scope || !target || !price) continue;
    const header = {
      name,
      scope,
      shipToIds: null,
      currency,
      validFrom: dates[0],
      validTo: dates[1],
      exclusive: ["true", "yes", "1"].includes(exclusiveText),
    };
    const key = `${name}|${JSON.stringify(scope)}`;
    const json = JSON.stringify(header);
    const seen = headers.get(key);
    if (seen && seen.json !== json) {
      err(null, `contract "${name}" has different currency, dates or exclusive flag than in row ${seen.row}`);
      continue;
    }
    const targetKey = `${key}|${JSON.stringify(target)}`;
    if (targets.has(targetKey)) {
      err(
        target.kind === "item" ? "sku" : "category",
        `duplicate of row ${targets.get(targetKey)} (same contract and target)`,
      );
      continue;
    }
    const line = { target, price };
    try {
      validateWithEngine({
        contracts: [
          {
            id: 0,
            ...header,
            lines: [
              {
                target: target.kind === "item" ? { kind: "item", itemId: items.get(target.sku)!.id } : target,
                price,
              },
            ],
          },
        ],
      });
    } catch (error) {
      err(null, (error as Error).message);
      continue;
    }
    if (!seen) headers.set(key, { row, json });
    targets.set(targetKey, row);
    good.push({ row, key, header, line });
  }
  return { good, errors };
}

function priceOf(cells: Record<string, string>, err: (column: string, message: string) => void) {
  const kind = cells.kind ?? "";
  if (kind === "fixed") {
    if (PRICE_RE.test(cells.price ?? "")) return { kind, price: cells.price } as const;
    err("price", `"${cells.price ?? ""}" is not a price (digits, at most 4 decimals)`);
  } else if (kind === "percent_off_list" || kind === "cost_plus") {
    if (!PERCENT_RE.test(cells.percent ?? "")) {
      err("percent", `"${cells.percent ?? ""}" is not a percentage like 12.5`);
      return null;
    }
    if (kind === "percent_off_list") return { kind, percent: cells.percent } as const;
    const basis = cells.basis || "markup";
    if (basis === "markup" || basis === "margin") return { kind, percent: cells.percent, basis } as const;
    err("basis", `"${basis}" is not markup or margin`);
  } else err("kind", `"${kind}" is not fixed, percent_off_list or cost_plus`);
  return null;
}

async function writeContracts(client: pg.ClientBase, good: ContractGood[]): Promise<void> {
  const groups = new Map<string, ContractGood[]>();
  for (const g of good) {
    const list = groups.get(g.key);
    if (list) list.push(g);
    else groups.set(g.key, [g]);
  }
  for (const rows of groups.values()) {
    await writeContract(client, null, { ...rows[0].header, lines: rows.map((r) => r.line) });
  }
}
