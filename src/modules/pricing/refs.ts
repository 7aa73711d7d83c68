// Small reference lookups the pricing admin needs (items by SKU with their units, accounts, groups).
// Kept here rather than in catalog/accounts because only pricing writes need this exact shape.
import type pg from "pg";
import { Dec } from "../../lib/money.ts";

export type ItemRef = { id: number; sku: string; baseUnit: string; units: Map<string, number> };

export async function itemsBySku(client: pg.ClientBase | pg.Pool, skus: readonly string[]) {
  const { rows } = await client.query(
    `select i.id, i.sku, i.base_unit,
            coalesce((select json_agg(json_build_array(u.code, u.factor)) from item_units u where u.item_id = i.id), '[]') as units
       from items i where i.sku = any($1::text[])`,
    [[...new Set(skus)]],
  );
  const map = new Map<string, ItemRef>();
  for (const r of rows) {
    const units = new Map<string, number>([[r.base_unit, 1]]);
    for (const [code, factor] of r.units as [string, number][]) units.set(code, factor);
    map.set(r.sku, { id: r.id, sku: r.sku, baseUnit: r.base_unit, units });
  }
  return map;
}

export type Converted = { ok: true; unitPrice: string } | { ok: false; message: string };

/**
 * A price entered per `uom` → per base unit. Exact only: 25.00 per CS of 12 = 2.08333… per EA cannot
 * be stored in 4 decimals, so it is refused with the nearest exact alternative (docs/pricing.md).
 */
export function toBasePrice(item: ItemRef, price: string, uom: string | undefined | null): Converted {
  const code = uom || item.baseUnit;
  const factor = item.units.get(code);
  if (factor === undefined) {
    return {
      ok: false,
      message: `${item.sku} has no unit "${code}" (units: ${[...item.units.keys()].join(", ")})`,
    };
  }
  const base = new Dec(price).div(factor);
  if (base.decimalPlaces() > 4) {
    const rounded = base.toDecimalPlaces(4);
    return {
      ok: false,
      message: `${price} per ${code} (${factor} ${item.baseUnit}) is ${base.toSignificantDigits(10).toString()} per ${item.baseUnit}, more than 4 decimals; enter ${rounded.toFixed(4)} per ${item.baseUnit} (${rounded.times(factor).toFixed(4)} per ${code}) instead`,
    };
  }
  return { ok: true, unitPrice: base.toFixed(4) };
}

/** Throws-free existence checks for scope ids; returns the missing ones' descriptions. */
export async function missingRefs(
  client: pg.ClientBase | pg.Pool,
  refs: { accountIds?: number[]; groupIds?: number[]; categoryIds?: number[]; familyIds?: number[] },
): Promise<string[]> {
  const { rows } = await client.query(
    `select array(select x from unnest($1::int[]) x where not exists (select 1 from accounts where id = x)) as accounts,
            array(select x from unnest($2::int[]) x where not exists (select 1 from account_groups where id = x)) as groups,
            array(select x from unnest($3::int[]) x where not exists (select 1 from categories where id = x)) as categories,
            array(select x from unnest($4::int[]) x where not exists (select 1 from item_families where id = x)) as families`,
    [refs.accountIds ?? [], refs.groupIds ?? [], refs.categoryIds ?? [], refs.familyIds ?? []],
  );
  const r = rows[0];
  return [
    ...r.accounts.map((x: number) => `account ${x}`),
    ...r.groups.map((x: number) => `account group ${x}`),
    ...r.categories.map((x: number) => `category ${x}`),
    ...r.families.map((x: number) => `item family ${x}`),
  ];
}
