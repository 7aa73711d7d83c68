// Contracts, tiers, promotions, account pricing policies and item families: CRUD over SQL. Each rule
// is checked by the engine's own validator (buildPricingIndex) before it is stored, so a rule the
// engine would refuse at pricing time is refused at save time instead.
import type pg from "pg";
import { type Db, withTransaction } from "../../app/db.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import type { ContractInput, PolicyInput, PromotionInput, TargetInput, TierInput } from "./api-schemas.ts";
import { buildPricingIndex } from "./engine.ts";
import { CATALOG_CURRENCY } from "./load-rules.ts";
import { itemsBySku, missingRefs } from "./refs.ts";
import type { PricingRules } from "./types.ts";

type Q = pg.ClientBase | pg.Pool;

export function validateWithEngine(rules: Omit<PricingRules, "listCurrency" | "items">): void {
  buildPricingIndex({ listCurrency: CATALOG_CURRENCY, items: [], ...rules });
}

async function requireRefs(client: Q, refs: Parameters<typeof missingRefs>[1]): Promise<void> {
  const missing = await missingRefs(client, refs);
  if (missing.length)
    throw new DomainError("VALIDATION_FAILED", `Unknown ${missing.join(", ")}`, { missing });
}

async function skuIds(client: Q, skus: string[]): Promise<Map<string, number>> {
  const items = await itemsBySku(client, skus);
  const unknown = [...new Set(skus.filter((s) => !items.has(s)))];
  if (unknown.length)
    throw new DomainError("UNKNOWN_SKU", `Unknown SKU: ${unknown.join(", ")}`, { skus: unknown });
  return new Map([...items].map(([sku, item]) => [sku, item.id]));
}

/** Target → (item_id, category_id, family_id) columns. */
async function targetColumns(
  client: Q,
  target: TargetInput,
): Promise<[number | null, number | null, number | null]> {
  switch (target.kind) {
    case "item":
      return [(await skuIds(client, [target.sku])).get(target.sku)!, null, null];
    case "category":
      await requireRefs(client, { categoryIds: [target.categoryId] });
      return [null, target.categoryId, null];
    case "family":
      await requireRefs(client, { familyIds: [target.familyId] });
      return [null, null, target.familyId];
    default:
      return [null, null, null];
  }
}

const TARGET_JSON = (
  t: string,
) => `case when ${t}.item_id is not null then json_build_object('kind', 'item', 'itemId', ${t}.item_id, 'sku', (select sku from items where id = ${t}.item_id))
  when ${t}.category_id is not null then json_build_object('kind', 'category', 'categoryId', ${t}.category_id)
  when ${t}.family_id is not null then json_build_object('kind', 'family', 'familyId', ${t}.family_id)
  else json_build_object('kind', 'all') end`;
const SCOPE_JSON = (
  t: string,
) => `case when ${t}.account_id is not null then json_build_object('kind', 'account', 'accountId', ${t}.account_id)
  when ${t}.account_group_id is not null then json_build_object('kind', 'group', 'groupId', ${t}.account_group_id)
  else json_build_object('kind', 'all') end`;

// ---------------------------------------------------------------- contracts

const CONTRACT_SQL = `select c.id, c.name, ${SCOPE_JSON("c")} as scope, c.ship_to_ids as "shipToIds", c.currency,
       c.valid_from as "validFrom", c.valid_to as "validTo", c.exclusive, c.updated_at as "updatedAt",
       coalesce((select json_agg(json_build_object('id', l.id,
         'target', case when l.item_id is not null then json_build_object('kind', 'item', 'itemId', l.item_id, 'sku', i.sku)
                        else json_build_object('kind', 'category', 'categoryId', l.category_id) end,
         'price', case l.kind when 'fixed' then json_build_object('kind', 'fixed', 'price', l.price::text)
                              when 'percent_off_list' then json_build_object('kind', l.kind, 'percent', l.percent::text)
                              else json_build_object('kind', l.kind, 'percent', l.percent::text, 'basis', l.basis) end) order by l.id)
         from contract_lines l left join items i on i.id = l.item_id where l.contract_id = c.id), '[]') as lines
  from contracts c`;

export async function listContracts(db: Db, filter: { accountId?: number; groupId?: number }) {
  const { rows } = await db.pool.query(
    `${CONTRACT_SQL} where ($1::int is null or c.account_id = $1) and ($2::int is null or c.account_group_id = $2)
      order by c.name, c.id`,
    [filter.accountId ?? null, filter.groupId ?? null],
  );
  return rows;
}

export async function getContract(client: Q, id: number) {
  const { rows } = await client.query(`${CONTRACT_SQL} where c.id = $1`, [id]);
  if (!rows[0]) throw notFound("Contract", id);
  return rows[0];
}

/** Creates (id null) or replaces a contract with all its lines, in one transaction. */
export async function saveContract(db: Db, id: number | null, input: ContractInput) {
  return withTransaction(db, async (client) => {
    const contractId = await writeContract(client, id, input);
    return getContract(client, contractId);
  });
}

export async function writeContract(
  client: pg.ClientBase,
  id: number | null,
  input: ContractInput,
): Promise<number> {
  await requireRefs(client, {
    accountIds: input.scope.kind === "account" ? [input.scope.accountId] : [],
    groupIds: input.scope.kind === "group" ? [input.scope.groupId] : [],
    categoryIds: input.lines.flatMap((l) => (l.target.kind === "category" ? [l.target.categoryId] : [])),
  });
  const ids = await skuIds(
    client,
    input.lines.flatMap((l) => (l.target.kind === "item" ? [l.target.sku] : [])),
  );
  const scope =
    input.scope.kind === "account"
      ? { kind: "account" as const, accountId: input.scope.accountId }
      : { kind: "group" as const, groupId: input.scope.groupId };
  validateWithEngine({
    contracts: [
      {
        id: id ?? 0,
        name: input.name,
        scope,
        shipToIds: input.shipToIds,
        currency: input.currency,
        validFrom: input.validFrom,
        validTo: input.validTo,
        exclusive: input.exclusive,
        lines: input.lines.map((l) => ({
          target: l.target.kind === "item" ? { kind: "item", itemId: ids.get(l.target.sku)! } : l.target,
          price: l.price,
        })),
      },
    ],
  });
  const values = [
    input.name,
    input.scope.kind === "group" ? input.scope.groupId : null,
    input.scope.kind === "account" ? input.scope.accountId : null,
    input.shipToIds,
    input.currency,
    input.validFrom,
    input.validTo,
    input.exclusive,
  ];
  let contractId: number;
  if (id === null) {
    const { rows } = await client.query(
      `insert into contracts (name, account_group_id, account_id, ship_to_ids, currency, valid_from, valid_to, exclusive)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      values,
    );
    contractId = rows[0].id;
  } else {
    const result = await client.query(
      `update contracts set name = $2, account_group_id = $3, account_id = $4, ship_to_ids = $5, currency = $6,
              valid_from = $7, valid_to = $8, exclusive = $9, updated_at = now() where id = $1`,
      [id, ...values],
    );
    if (!result.rowCount) throw notFound("Contract", id);
    await client.query("delete from contract_lines where contract_id = $1", [id]);
    contractId = id;
  }
  const lines = input.lines;
  await client.query(
    `insert into contract_lines (contract_id, item_id, category_id, kind, price, percent, basis)
     select $1, * from unnest($2::int[], $3::int[], $4::text[], $5::numeric[], $6::numeric[], $7::text[])`,
    [
      contractId,
      lines.map((l) => (l.target.kind === "item" ? ids.get(l.target.sku)! : null)),
      lines.map((l) => (l.target.kind === "category" ? l.target.categoryId : null)),
      lines.map((l) => l.price.kind),
      lines.map((l) => (l.price.kind === "fixed" ? l.price.price : null)),
      lines.map((l) => (l.price.kind === "fixed" ? null : l.price.percent)),
      lines.map((l) => (l.price.kind === "cost_plus" ? l.price.basis : null)),
    ],
  );
  return contractId;
}

export async function deleteRow(db: Db, table: "contracts" | "tier_rules" | "promotions", id: number) {
  const what = { contracts: "Contract", tier_rules: "Tier", promotions: "Promotion" }[table];
  // contract_lines go with their contract (on delete cascade).
  const result = await db.pool.query(`delete from ${table} where id = $1`, [id]);
  if (!result.rowCount) throw notFound(what, id);
}

// ---------------------------------------------------------------- tiers

const TIER_SQL = `select t.id, t.name, ${SCOPE_JSON("t")} as scope, t.currency, t.valid_from as "validFrom",
       t.valid_to as "validTo", ${TARGET_JSON("t")} as target, t.basis, t.breaks from tier_rules t`;

export async function listTiers(db: Db) {
  return (await db.pool.query(`${TIER_SQL} order by t.name, t.id`)).rows;
}

export async function getTier(client: Q, id: number) {
  const { rows } = await client.query(`${TIER_SQL} where t.id = $1`, [id]);
  if (!rows[0]) throw notFound("Tier", id);
  return rows[0];
}

export async function saveTier(db: Db, id: number | null, input: TierInput) {
  await requireRefs(db.pool, {
    accountIds: input.scope.kind === "account" ? [input.scope.accountId] : [],
    groupIds: input.scope.kind === "group" ? [input.scope.groupId] : [],
  });
  const [itemId, categoryId, familyId] = await targetColumns(db.pool, input.target);
  validateWithEngine({
    tiers: [
      {
        id: id ?? 0,
        name: input.name,
        scope: input.scope,
        currency: input.currency,
        validFrom: input.validFrom,
        validTo: input.validTo,
        target: engineTarget(itemId, categoryId, familyId),
        basis: input.basis,
        breaks: input.breaks,
      },
    ],
  });
  const values = [
    input.name,
    input.scope.kind === "group" ? input.scope.groupId : null,
    input.scope.kind === "account" ? input.scope.accountId : null,
    input.currency,
    input.validFrom,
    input.validTo,
    itemId,
    categoryId,
    familyId,
    input.basis,
    JSON.stringify(input.breaks),
  ];
  if (id === null) {
    const { rows } = await db.pool.query(
      `insert into tier_rules (name, account_group_id, account_id, currency, valid_from, valid_to, item_id, category_id,
                               family_id, basis, breaks) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
      values,
    );
    return getTier(db.pool, rows[0].id);
  }
  const result = await db.pool.query(
    `update tier_rules set name = $2, account_group_id = $3, account_id = $4, currency = $5, valid_from = $6, valid_to = $7,
            item_id = $8, category_id = $9, family_id = $10, basis = $11, breaks = $12 where id = $1`,
    [id, ...values],
  );
  if (!result.rowCount) throw notFound("Tier", id);
  return getTier(db.pool, id);
}

function engineTarget(itemId: number | null, categoryId: number | null, familyId: number | null) {
  if (itemId !== null) return { kind: "item" as const, itemId };
  if (categoryId !== null) return { kind: "category" as const, categoryId };
  if (familyId !== null) return { kind: "family" as const, familyId };
  return { kind: "all" as const };
}

// ---------------------------------------------------------------- promotions

const PROMO_SQL = `select p.id, p.name, p.valid_from as "validFrom", p.valid_to as "validTo", p.currency,
       ${TARGET_JSON("p")} as target, p.min_order_value as "minOrderValue", p.min_order_quantity as "minOrderQuantity",
       p.account_group_ids as "accountGroupIds", p.account_ids as "accountIds", p.adjustment from promotions p`;

export async function listPromotions(db: Db, activeOn?: string) {
  const { rows } = await db.pool.query(
    `${PROMO_SQL} where $1::date is null or ((p.valid_from is null or p.valid_from <= $1) and (p.valid_to is null or p.valid_to >= $1))
      order by p.valid_from desc nulls last, p.id`,
    [activeOn ?? null],
  );
  return rows;
}

export async function getPromotion(client: Q, id: number) {
  const { rows } = await client.query(`${PROMO_SQL} where p.id = $1`, [id]);
  if (!rows[0]) throw notFound("Promotion", id);
  return rows[0];
}

export async function savePromotion(db: Db, id: number | null, input: PromotionInput) {
  await requireRefs(db.pool, { accountIds: input.accountIds ?? [], groupIds: input.accountGroupIds ?? [] });
  const [itemId, categoryId, familyId] = await targetColumns(db.pool, input.target);
  validateWithEngine({
    promotions: [{ id: id ?? 0, ...input, target: engineTarget(itemId, categoryId, familyId) }],
  });
  const values = [
    input.name,
    input.validFrom,
    input.validTo,
    input.currency,
    itemId,
    categoryId,
    familyId,
    input.minOrderValue,
    input.minOrderQuantity,
    input.accountGroupIds,
    input.accountIds,
    JSON.stringify(input.adjustment),
  ];
  if (id === null) {
    const { rows } = await db.pool.query(
      `insert into promotions (name, valid_from, valid_to, currency, item_id, category_id, family_id, min_order_value,
                               min_order_quantity, account_group_ids, account_ids, adjustment)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
      values,
    );
    return getPromotion(db.pool, rows[0].id);
  }
  const result = await db.pool.query(
    `update promotions set name = $2, valid_from = $3, valid_to = $4, currency = $5, item_id = $6, category_id = $7,
            family_id = $8, min_order_value = $9, min_order_quantity = $10, account_group_ids = $11, account_ids = $12,
            adjustment = $13 where id = $1`,
    [id, ...values],
  );
  if (!result.rowCount) throw notFound("Promotion", id);
  return getPromotion(db.pool, id);
}

// ---------------------------------------------------------------- policies and families

export async function getPolicy(db: Db, accountId: number) {
  await requireAccount(db, accountId);
  const { rows } = await db.pool.query(
    `select case_rounding, surcharge_kind, surcharge_value::text, surcharge_currency, min_order_value::text,
            min_order_currency, hold_last_price_days, price_tolerance_percent::text, updated_at
       from pricing_policies where account_id = $1`,
    [accountId],
  );
  const r = rows[0];
  if (!r)
    return {
      accountId,
      caseRounding: "reject",
      brokenCaseSurcharge: null,
      minOrderValue: null,
      holdLastPriceDays: null,
      priceTolerancePercent: null,
      isDefault: true,
    };
  return {
    accountId,
    caseRounding: r.case_rounding,
    brokenCaseSurcharge:
      r.surcharge_kind === "percent"
        ? { kind: "percent", percent: r.surcharge_value }
        : r.surcharge_kind === "amount"
          ? { kind: "amount", amount: r.surcharge_value, currency: r.surcharge_currency }
          : null,
    minOrderValue:
      r.min_order_value === null ? null : { amount: r.min_order_value, currency: r.min_order_currency },
    holdLastPriceDays: r.hold_last_price_days,
    priceTolerancePercent: r.price_tolerance_percent,
    isDefault: false,
  };
}

async function requireAccount(db: Db, accountId: number): Promise<void> {
  const { rowCount } = await db.pool.query("select 1 from accounts where id = $1", [accountId]);
  if (!rowCount) throw notFound("Account", accountId);
}

export async function putPolicy(db: Db, accountId: number, input: PolicyInput) {
  await requireAccount(db, accountId);
  const s = input.brokenCaseSurcharge;
  await db.pool.query(
    `insert into pricing_policies (account_id, case_rounding, surcharge_kind, surcharge_value, surcharge_currency,
                                   min_order_value, min_order_currency, hold_last_price_days, price_tolerance_percent)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (account_id) do update set case_rounding = excluded.case_rounding, surcharge_kind = excluded.surcharge_kind,
       surcharge_value = excluded.surcharge_value, surcharge_currency = excluded.surcharge_currency,
       min_order_value = excluded.min_order_value, min_order_currency = excluded.min_order_currency,
       hold_last_price_days = excluded.hold_last_price_days, price_tolerance_percent = excluded.price_tolerance_percent,
       updated_at = now()`,
    [
      accountId,
      input.caseRounding,
      s?.kind ?? null,
      s ? (s.kind === "percent" ? s.percent : s.amount) : null,
      s?.kind === "amount" ? s.currency : null,
      input.minOrderValue?.amount ?? null,
      input.minOrderValue?.currency ?? null,
      input.holdLastPriceDays,
      input.priceTolerancePercent,
    ],
  );
  return getPolicy(db, accountId);
}

export async function listFamilies(db: Db) {
  const { rows } = await db.pool.query(
    `select f.id, f.code, f.name, coalesce((select json_agg(i.sku order by i.sku) from item_family_members m
            join items i on i.id = m.item_id where m.family_id = f.id), '[]') as skus
       from item_families f order by f.code`,
  );
  return rows;
}

/** Creates or replaces a family by code; its members move to it from any other family. */
export async function saveFamily(db: Db, input: { code: string; name: string; skus: string[] }) {
  return withTransaction(db, async (client) => {
    const ids = await skuIds(client, input.skus);
    const { rows } = await client.query(
      `insert into item_families (code, name) values ($1, $2)
       on conflict (code) do update set name = excluded.name returning id`,
      [input.code, input.name],
    );
    const familyId = rows[0].id;
    await client.query("delete from item_family_members where family_id = $1", [familyId]);
    await client.query(
      `insert into item_family_members (item_id, family_id) select x, $1 from unnest($2::int[]) x
       on conflict (item_id) do update set family_id = excluded.family_id`,
      [familyId, [...new Set(ids.values())]],
    );
    return { id: familyId, code: input.code, name: input.name, skus: [...ids.keys()].sort() };
  });
}
