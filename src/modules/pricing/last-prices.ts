// The memorized "last price paid" per account, item and currency (account_last_prices): written by
// order creation inside the order's transaction, rebuilt from order history after a bulk load.
import type pg from "pg";

export type PaidLine = { itemId: number; unitPrice: string };

/**
 * The upsert of what an order paid, for a caller's statement (intake writes it with the order):
 * account, currency, date, order number, and the item ids and prices from lastPaidColumns
 * (placeholders). Rows go in item-id order so two concurrent orders of one account lock them in the
 * same order (no deadlock); stock rows are always locked before these.
 */
export function lastPricesUpsertSql(
  account: string,
  currency: string,
  orderedOn: string,
  orderNumber: string,
  itemIds: string,
  prices: string,
): string {
  return `insert into account_last_prices (account_id, item_id, currency, unit_price, ordered_on, order_number)
           select ${account}, t.item_id, ${currency}, t.price, ${orderedOn}::date, ${orderNumber}
             from unnest(${itemIds}::int[], ${prices}::numeric[]) with ordinality as t(item_id, price, n) order by t.n
           on conflict (account_id, item_id, currency) do update
             set unit_price = excluded.unit_price, ordered_on = excluded.ordered_on, order_number = excluded.order_number
           where account_last_prices.ordered_on <= excluded.ordered_on`;
}

/** Item ids (ascending) and their prices; the last line of an item in the order wins. */
export function lastPaidColumns(lines: readonly PaidLine[]): [number[], string[]] {
  const byItem = new Map<number, string>();
  for (const l of lines) byItem.set(l.itemId, l.unitPrice);
  const itemIds = [...byItem.keys()].sort((a, b) => a - b);
  return [itemIds, itemIds.map((id) => byItem.get(id)!)];
}

/** Recomputes the whole memo from orders and order lines (after the demo's bulk history load). */
export async function rebuildLastPrices(client: pg.ClientBase): Promise<number> {
  await client.query("delete from account_last_prices");
  const result = await client.query(
    `insert into account_last_prices (account_id, item_id, currency, unit_price, ordered_on, order_number)
     select distinct on (o.account_id, l.item_id, o.currency)
            o.account_id, l.item_id, o.currency, l.unit_price, (o.ordered_at at time zone 'UTC')::date, o.number
       from orders o join order_lines l on l.order_id = o.id
      where o.status <> 'cancelled'
      order by o.account_id, l.item_id, o.currency, o.ordered_at desc, l.line_no desc`,
  );
  return result.rowCount ?? 0;
}
