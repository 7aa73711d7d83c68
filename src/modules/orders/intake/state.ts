// What intake's decision reads inside the order's transaction, after the account lock, in ONE
// statement: the stock rows of the order's items (locked FOR UPDATE, so the plan made from them holds
// until commit), the warehouses by distance from the ship-to, the credit exposure, the account's other
// orders with this PO number, and the pricing cache's check. Each piece is its module's SQL.
import type pg from "pg";
import { availableOf, lockStockRowsSql, warehousesByDistanceSql } from "../../inventory/allocate.ts";
import { type PricingProbe, pricingCheckSql } from "../../pricing/rule-cache.ts";
import { type CreditExposureRow, creditExposureSql } from "./credit.ts";
import type { Resolved } from "./resolve.ts";

export type IntakeState = {
  /** Free units by `item:warehouse`, of locked rows. */
  available: Map<string, number>;
  /** Warehouse ids, nearest to the ship-to first. */
  warehouseOrder: number[];
  exposure: CreditExposureRow;
  /** Numbers of the account's open orders with the same PO number (at most 10). */
  duplicateOf: string[];
  /** The pricing cache's check (answerProbe); last prices only when a probe was given. */
  pricingVersion: string | null;
  lastPrices: unknown[][] | null;
};

const STATE_SQL = `with locked as (${lockStockRowsSql("$4")})
select (select json_agg(json_build_array(item_id, warehouse_id, available)) from locked) as stock,
       (${warehousesByDistanceSql("$5", "$6")}) as warehouse_order,
       (select array_agg(d.number order by d.id) from (
          select id, number from orders where account_id = $1 and po_number = $9 and status <> 'cancelled'
           order by id limit 10) d) as duplicate_of,
       ${pricingCheckSql("$1", "$7", "$8")},
       credit.*
  from (${creditExposureSql("$1", "$2", "$3")}) credit`;

export async function readIntakeState(
  client: pg.PoolClient,
  resolved: Resolved,
  itemIds: number[],
  today: string,
  poNumber: string | null,
  probe: PricingProbe | null,
): Promise<IntakeState> {
  const { account, shipTo } = resolved;
  const { rows } = await client.query({
    name: "intake_read_state",
    text: STATE_SQL,
    values: [
      account.id,
      account.overdueGraceDays,
      today,
      itemIds,
      shipTo.latitude,
      shipTo.longitude,
      probe?.currency ?? null,
      probe?.itemIds ?? [],
      poNumber,
    ],
  });
  const row = rows[0];
  const stock = (row.stock ?? []) as [number, number, number][];
  return {
    available: availableOf(
      stock.map(([item_id, warehouse_id, available]) => ({ item_id, warehouse_id, available })),
    ),
    warehouseOrder: row.warehouse_order ?? [],
    exposure: row,
    duplicateOf: row.duplicate_of ?? [],
    pricingVersion: row.pricing_version,
    lastPrices: row.last_prices,
  };
}
