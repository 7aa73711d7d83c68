// Invoicing at shipment: one invoice per shipment for exactly what shipped, at the order lines'
// prices, each line rounded once and the total the sum of the rounded lines; due after the
// account's payment terms. In the shipment's transaction.
import type pg from "pg";
import { extend, sumMoney } from "../../lib/money.ts";

export type IssuedInvoice = { id: number; number: string; amount: string; currency: string; dueOn: string };

export async function invoiceShipment(
  client: pg.PoolClient,
  shipmentId: number,
  today: string,
): Promise<IssuedInvoice> {
  const head = (
    await client.query({
      text: `select o.id as order_id, o.account_id, o.currency, a.terms_days
               from shipments s join orders o on o.id = s.order_id join accounts a on a.id = o.account_id
              where s.id = $1`,
      values: [shipmentId],
    })
  ).rows[0];
  const { rows } = await client.query({
    text: `select sl.order_line_id, sl.item_id, sum(sl.quantity)::int as quantity, l.unit_price, l.line_no,
                  i.sku || ' ' || i.name as description
             from shipment_lines sl join order_lines l on l.id = sl.order_line_id join items i on i.id = sl.item_id
            where sl.shipment_id = $1
            group by sl.order_line_id, sl.item_id, l.unit_price, l.line_no, i.sku, i.name
            order by l.line_no`,
    values: [shipmentId],
  });
  const amounts = rows.map((r) => extend(r.quantity, r.unit_price, head.currency));
  const amount = sumMoney(amounts, head.currency);
  const invoice = (
    await client.query({
      text: `insert into invoices (number, account_id, order_id, shipment_id, currency, issued_on, due_on, amount)
             values ('INV-' || nextval('invoice_number_seq'), $1, $2, $3, $4, $5::date, $5::date + $6::int, $7)
             returning id, number, to_char(due_on, 'YYYY-MM-DD') as due_on`,
      values: [head.account_id, head.order_id, shipmentId, head.currency, today, head.terms_days, amount],
    })
  ).rows[0];
  await client.query({
    text: `insert into invoice_lines (invoice_id, line_no, order_line_id, item_id, description, quantity, unit_price, amount)
           select $1, t.n, t.order_line_id, t.item_id, t.description, t.quantity, t.unit_price, t.amount
             from unnest($2::int[], $3::bigint[], $4::int[], $5::text[], $6::int[], $7::numeric[], $8::numeric[])
                  as t(n, order_line_id, item_id, description, quantity, unit_price, amount)`,
    values: [
      invoice.id,
      rows.map((_, i) => i + 1),
      rows.map((r) => r.order_line_id),
      rows.map((r) => r.item_id),
      rows.map((r) => r.description),
      rows.map((r) => r.quantity),
      rows.map((r) => r.unit_price),
      amounts,
    ],
  });
  return {
    id: Number(invoice.id),
    number: invoice.number,
    amount,
    currency: head.currency,
    dueOn: invoice.due_on,
  };
}
