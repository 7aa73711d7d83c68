// The memorized "last price paid" per account, item and currency (account_last_prices): written by
// order creation inside the order's transaction, rebuilt from order history after a bulk load.
import type pg from "pg";

export type PaidLine = { itemId: number; unitPrice: string };

/**
 * Records what an order paid. Rows are upserted in item-id order so two concurrent orders of one
 * account lock them in the same order (no deadlock); stock rows are always locked before these.
 */
export async function recordLastPrices(
  client: pg.ClientBase,
  accountId: number,
  currency: string,
  orderNumber: string,
  orderedOn: string,
  lines: readonly PaidLine[],
): Promise<void> {
  // The last line of an item in the order wins (the order's own later price is the newest).
  const byItem = new Map<number, string>();
  for (const l of lines) byItem.set(l.itemId, l.unitPrice);
  const itemIds = [...byItem.keys()].sort((a, b) => a - b);
  await client.query({
    name: "pricing_record_last_prices",
    text: `insert into account_last_prices (account_id, item_id, currency, unit_price, ordered_on, order_number)
           select $1, t.item_id, $2, t.price, $3::date, $4
             from unnest($5::int[], $6::numeric[]) with ordinality as t(item_id, price, n) order by t.n
           on conflict (account_id, item_id, currency) do update
             set unit_price = excluded.unit_price, ordered_on = excluded.ordered_on, order_number = excluded.order_number
           where account_last_prices.ordered_on <= excluded.ordered_on`,
    values: [accountId, currency, orderedOn, orderNumber, itemIds, itemIds.map((id) => byItem.get(id))],
  });
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
