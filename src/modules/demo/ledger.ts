// The demo's receivables and substitutes, derived in SQL from what the loader already wrote (so
// they are as deterministic as the rest): an invoice for every invoiced order, paid unless it is
// not yet due, and one account left with invoices well past due, whose new orders go on credit
// hold; credit limits that fit each account's buying; purchase orders for what is sold out; and
// substitutes between neighbouring items of a category.
import type pg from "pg";

export async function addDemoInvoices(client: pg.ClientBase, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  // History that shipped shipped in full (the generator writes no shipment rows for it).
  await client.query(
    `update order_lines l set shipped_quantity = l.quantity - l.backordered_quantity
       from orders o where o.id = l.order_id and o.status in ('shipped', 'invoiced', 'closed') and l.status = 'open'`,
  );
  const { rowCount } = await client.query(
    `with invoiced as (
       select o.id, o.number, o.account_id, o.currency, o.total, h.at::date as issued_on, a.terms_days
         from orders o
         join accounts a on a.id = o.account_id
         join lateral (select at from order_status_history
                        where order_id = o.id and to_status = 'invoiced' order by at desc limit 1) h on true
        where o.status = 'invoiced'),
     -- The account that stopped paying: the largest with no portal buyer and no EDI link, so the
     -- demo's sign-ins and EDI samples still confirm.
     late_payer as (
       select max(a.id) as id from accounts a
        where not exists (select 1 from users u where u.account_id = a.id)
          and not exists (select 1 from trading_partner_ids t where t.account_id = a.id)
          and exists (select 1 from invoiced i where i.account_id = a.id))
     insert into invoices (number, account_id, order_id, currency, issued_on, due_on, amount, paid_amount, status)
     select 'INV-' || substr(i.number, 4), i.account_id, i.id, i.currency, i.issued_on,
            i.issued_on + i.terms_days, i.total,
            case when paid then i.total else 0 end, case when paid then 'paid' else 'open' end
       from invoiced i cross join late_payer l,
            lateral (select case when i.account_id = l.id then i.issued_on + i.terms_days < $1::date - 90
                                 else i.issued_on + i.terms_days < $1::date end as paid) p
      order by i.id`,
    [today],
  );
  return rowCount ?? 0;
}

/**
 * Credit limits as a credit department sets them from purchase history: enough for the payment
 * terms plus two months of the last quarter's buying, in thousands (never lowered).
 */
export async function calibrateCreditLimits(client: pg.ClientBase, now: Date): Promise<void> {
  await client.query(
    `update accounts a set credit_limit = greatest(a.credit_limit, ceil(p.daily * (a.terms_days + 60) / 1000) * 1000)
       from (select account_id, sum(total) / 90 as daily from orders
              where ordered_at >= $1::timestamptz - interval '90 days' and status <> 'cancelled'
              group by account_id) p
      where p.account_id = a.id`,
    [now.toISOString()],
  );
}

/**
 * Replenishment on order: every item a warehouse has sold out of is on an open purchase order from
 * its category's supplier, due in two to five weeks, so backorders in the demo get an ETA.
 */
export async function addDemoPurchaseOrders(client: pg.ClientBase, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const { rowCount } = await client.query(
    `with out_of_stock as (
       select s.item_id, s.warehouse_id, i.category_id, greatest(i.case_factor * 20, 120) as quantity
         from stock_levels s join items i on i.id = s.item_id
        where i.active and s.on_hand - s.allocated = 0),
     pos as (
       insert into purchase_orders (number, supplier, warehouse_id, status, expected_date)
       select 'PO-' || w.code || '-' || c.code, c.name || ' Supply Co.', w.id, 'open',
              $1::date + 14 + (c.id * 7 + w.id * 3) % 22
         from (select distinct warehouse_id, category_id from out_of_stock) o
         join warehouses w on w.id = o.warehouse_id join categories c on c.id = o.category_id
        order by w.id, c.id
       returning id, warehouse_id, number)
     insert into purchase_order_lines (purchase_order_id, item_id, quantity)
     select p.id, o.item_id, o.quantity
       from out_of_stock o
       join warehouses w on w.id = o.warehouse_id join categories c on c.id = o.category_id
       join pos p on p.number = 'PO-' || w.code || '-' || c.code
      order by p.id, o.item_id`,
    [today],
  );
  return rowCount ?? 0;
}

export async function addDemoSubstitutes(client: pg.ClientBase): Promise<number> {
  // Every fifth item of a category may be replaced by the next item of the same category and base unit.
  const { rowCount } = await client.query(
    `insert into item_substitutes (item_id, substitute_item_id, priority, note)
     select id, next_id, 1, 'same category, next in range'
       from (select id, base_unit, lead(id) over w as next_id, lead(base_unit) over w as next_unit,
                    row_number() over w as n
               from items window w as (partition by category_id order by id)) s
      where next_id is not null and next_unit = base_unit and n % 5 = 1`,
  );
  return rowCount ?? 0;
}
