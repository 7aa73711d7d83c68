// Read side of orders: the paged list and the detail view. `accountScope` confines a buyer to
// their company; a non-matching id looks exactly like a missing one (404), leaking nothing.
import type { Db } from "../../app/db.ts";
import { notFound } from "../../lib/errors.ts";
import { invoicesForOrder } from "../billing/queries.ts";
import { eventsForOrder } from "../events/queries.ts";
import { shipmentsForOrder } from "../fulfillment/queries.ts";
import { exceptionsForOrder } from "../workflow/queries.ts";
import { orderChangeHistory } from "./change-records.ts";

export type OrderListQuery = {
  page: number;
  pageSize: number;
  status?: string;
  accountId?: number;
  q?: string;
  sort: "orderedAt" | "-orderedAt" | "total" | "-total" | "number" | "-number";
};

const SORT_SQL: Record<OrderListQuery["sort"], string> = {
  orderedAt: "o.ordered_at asc, o.id asc",
  "-orderedAt": "o.ordered_at desc, o.id desc",
  total: "o.total asc, o.id asc",
  "-total": "o.total desc, o.id desc",
  number: "o.number asc",
  "-number": "o.number desc",
};

export async function listOrders(db: Db, query: OrderListQuery, accountScope: number | null) {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    values.push(value);
    where.push(clause.replaceAll("?", `$${values.length}`));
  };
  if (accountScope !== null) add("o.account_id = ?", accountScope);
  if (query.accountId) add("o.account_id = ?", query.accountId);
  if (query.status) add("o.status = ?", query.status);
  if (query.q) {
    add(
      "(o.number ilike ? or o.po_number ilike ? or a.name ilike ? or a.number ilike ?)",
      `%${escapeLike(query.q)}%`,
    );
  }
  const whereSql = where.length ? `where ${where.join(" and ")}` : "";
  const countResult = await db.pool.query(
    `select count(*)::int as n from orders o join accounts a on a.id = o.account_id ${whereSql}`,
    values,
  );
  const pageValues = [...values, query.pageSize, (query.page - 1) * query.pageSize];
  const rows = await db.pool.query(
    `select o.id, o.number, o.account_id as "accountId", a.number as "accountNumber", a.name as "accountName",
            s.name as "shipToName", o.po_number as "poNumber", o.channel, o.status, o.ordered_at as "orderedAt",
            o.total, o.currency, o.line_count as "lineCount"
       from orders o join accounts a on a.id = o.account_id join ship_tos s on s.id = o.ship_to_id
       ${whereSql}
      order by ${SORT_SQL[query.sort]}
      limit $${values.length + 1} offset $${values.length + 2}`,
    pageValues,
  );
  return {
    orders: rows.rows,
    total: countResult.rows[0].n as number,
    page: query.page,
    pageSize: query.pageSize,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function getOrderDetail(db: Db, id: number, accountScope: number | null) {
  const head = await db.pool.query(
    `select o.id, o.number, o.account_id as "accountId", a.number as "accountNumber", a.name as "accountName",
            o.po_number as "poNumber", o.channel, o.status, o.ordered_at as "orderedAt",
            o.requested_ship_date as "requestedShipDate", o.requested_delivery_date as "requestedDeliveryDate",
            o.total, o.currency, o.notes, u.name as "createdByName",
            json_build_object('id', s.id, 'code', s.code, 'name', s.name, 'line1', s.line1, 'city', s.city,
                              'region', s.region, 'postalCode', s.postal_code) as "shipTo"
       from orders o join accounts a on a.id = o.account_id join ship_tos s on s.id = o.ship_to_id
       left join users u on u.id = o.created_by
      where o.id = $1 and ($2::int is null or o.account_id = $2)`,
    [id, accountScope],
  );
  const order = head.rows[0];
  if (!order) throw notFound("Order", id);
  const lines = await db.pool.query(
    `select l.id, l.line_no as "lineNo", l.item_id as "itemId", i.sku, i.name, l.quantity,
            coalesce(i.base_unit, l.requested->>'uom') as uom,
            l.unit_price as "unitPrice", l.extended_amount as "extendedAmount", l.price_explanation as "priceExplanation",
            l.expected_unit_price as "expectedUnitPrice", l.backordered_quantity as "backorderedQuantity",
            l.backorder_eta as "backorderEta", l.shipped_quantity as "shippedQuantity", l.status, l.requested, (l.item_id is null) as unresolved,
            coalesce((select json_agg(json_build_object('warehouseCode', w.code, 'warehouseName', w.name,
                                                        'quantity', al.quantity) order by w.code)
                        from allocations al join warehouses w on w.id = al.warehouse_id
                       where al.order_line_id = l.id), '[]') as allocations
       from order_lines l left join items i on i.id = l.item_id
      where l.order_id = $1 order by l.line_no`,
    [id],
  );
  const history = await db.pool.query(
    `select h.from_status as "fromStatus", h.to_status as "toStatus", h.at, u.name as "userName", h.reason
       from order_status_history h left join users u on u.id = h.user_id
      where h.order_id = $1 order by h.at, h.id`,
    [id],
  );
  const exceptions = await exceptionsForOrder(db, id, new Date());
  const changes = await orderChangeHistory(db, id);
  const shipments = await shipmentsForOrder(db, id);
  const invoices = await invoicesForOrder(db, id);
  // Staff see the order's events and their delivery (EDI, …); buyers do not.
  const events = accountScope === null ? await eventsForOrder(db, id) : [];
  const lineNoById = new Map(lines.rows.map((l) => [Number(l.id), l.lineNo as number]));
  return {
    ...order,
    lines: lines.rows.map(({ id: _id, ...line }) => line),
    history: history.rows,
    // Changes applied after intake (API, EDI 860), oldest first: kind, line, before/after, who, why.
    changes,
    shipments,
    invoices,
    events,
    // Each exception with its line number (null: about the whole order). Exceptions are internal work
    // items: a buyer sees only which kind of review holds their order, not our notes or owners.
    exceptions: exceptions.map((e) => {
      const lineNo = e.orderLineId === null ? null : (lineNoById.get(e.orderLineId) ?? null);
      return accountScope === null
        ? { ...e, lineNo }
        : { type: e.type, status: e.status, blocking: e.blocking, lineNo };
    }),
  };
}
