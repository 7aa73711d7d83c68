// Reading invoices: an order's invoices (order detail).
import type { Db } from "../../app/db.ts";

export type InvoiceView = {
  id: number;
  number: string;
  issuedOn: string;
  dueOn: string;
  amount: string;
  paidAmount: string;
  currency: string;
  status: string;
};

export async function invoicesForOrder(db: Db, orderId: number): Promise<InvoiceView[]> {
  const { rows } = await db.pool.query(
    `select id, number, to_char(issued_on, 'YYYY-MM-DD') as "issuedOn", to_char(due_on, 'YYYY-MM-DD') as "dueOn",
            amount, paid_amount as "paidAmount", currency, status
       from invoices where order_id = $1 order by id`,
    [orderId],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
