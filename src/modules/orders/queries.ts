// Read side of orders: the paged list and the detail view. `accountScope` confines a buyer to
// their company; a non-matching id looks exactly like a missing one (404), leaking nothing.
import pg from "pg";
import type { Db } from "../../app/db.ts";
import { notFound } from "../../lib/errors.ts";
import { invoicesForOrder } from "../billing/queries.ts";
import { shipmentsForOrder } from "../fulfillment/queries.ts";
import { exceptionsForOrder, type OrderExceptionView } from "../workflow/queries.ts";
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

/** An order's ship-to as the detail shows it, from `ship_tos s`. */
export const SHIP_TO_JSON_SQL = `json_build_object('id', s.id, 'code', s.code, 'name', s.name, 'line1', s.line1,
  'city', s.city, 'region', s.region, 'postalCode', s.postal_code)`;

// The order with its lines (and their allocations), status history and, for staff, its events, in ONE
// statement (it was eight round trips with the reads below). Nested values are JSON, so numerics, dates
// and timestamps are cast to text there and timestamps parsed here exactly as the driver parses a
// column: the detail is the same as when every part was read on its own. The events are the outbox
// rows naming the order (the events module's table, read here to save a round trip on every order).
const ORDER_DETAIL_SQL = `select o.id, o.number, o.account_id as "accountId", a.number as "accountNumber", a.name as "accountName",
       o.po_number as "poNumber", o.channel, o.status, o.ordered_at as "orderedAt",
       o.requested_ship_date as "requestedShipDate", o.requested_delivery_date as "requestedDeliveryDate",
       o.total, o.currency, o.notes, u.name as "createdByName",
       ${SHIP_TO_JSON_SQL} as "shipTo",
       coalesce((select json_agg(json_build_object(
                   'id', l.id, 'lineNo', l.line_no, 'itemId', l.item_id, 'sku', i.sku, 'name', i.name,
                   'quantity', l.quantity, 'uom', coalesce(i.base_unit, l.requested->>'uom'),
                   'unitPrice', l.unit_price::text, 'extendedAmount', l.extended_amount::text,
                   'priceExplanation', l.price_explanation, 'expectedUnitPrice', l.expected_unit_price::text,
                   'backorderedQuantity', l.backordered_quantity, 'backorderEta', l.backorder_eta::text,
                   'shippedQuantity', l.shipped_quantity, 'status', l.status, 'requested', l.requested,
                   'unresolved', l.item_id is null,
                   'allocations', coalesce((select json_agg(json_build_object('warehouseCode', a.code,
                                                'warehouseName', a.name, 'quantity', a.quantity) order by a.code)
                                              from (select w.code, w.name, sum(al.quantity)::int as quantity
                                                      from allocations al join warehouses w on w.id = al.warehouse_id
                                                     where al.order_line_id = l.id group by w.code, w.name) a), '[]'))
                 order by l.line_no)
                   from order_lines l left join items i on i.id = l.item_id where l.order_id = o.id), '[]') as lines,
       coalesce((select json_agg(json_build_object('fromStatus', h.from_status, 'toStatus', h.to_status,
                                                   'at', h.at::text, 'userName', hu.name, 'reason', h.reason)
                                 order by h.at, h.id)
                   from order_status_history h left join users hu on hu.id = h.user_id
                  where h.order_id = o.id), '[]') as history,
       case when $3::boolean then
         coalesce((select json_agg(json_build_object('id', x.id, 'topic', x.topic, 'at', x.created_at::text,
                                                     'publishedAt', x.published_at::text, 'attempts', x.attempts,
                                                     'lastError', x.last_error) order by x.id)
                     from outbox x where (x.payload->>'orderId') = o.id::text), '[]')
       else '[]' end as events
  from orders o join accounts a on a.id = o.account_id join ship_tos s on s.id = o.ship_to_id
  left join users u on u.id = o.created_by
 where o.id = $1 and ($2::int is null or o.account_id = $2)`;

const parseTimestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date;
const isoOrNull = (text: string | null) => (text === null ? null : parseTimestamptz(text).toISOString());

type DetailRow = {
  lines: ({ id: number; lineNo: number } & Record<string, unknown>)[];
  history: ({ at: string } & Record<string, unknown>)[];
  events: { id: number; topic: string; at: string; publishedAt: string | null }[];
};

export async function getOrderDetail(db: Db, id: number, accountScope: number | null) {
  const staff = accountScope === null;
  const { rows } = await db.pool.query({
    name: "order_detail",
    text: ORDER_DETAIL_SQL,
    values: [id, accountScope, staff],
  });
  if (!rows[0]) throw notFound("Order", id);
  // Head columns as read (like every column of the separate reads before); the JSON parts typed.
  const { lines, history, events, ...order } = rows[0];
  const typed = { lines, history, events } as DetailRow;
  const exceptions = await exceptionsForOrder(db, id, new Date());
  const changes = await orderChangeHistory(db, id);
  const shipments = await shipmentsForOrder(db, id);
  const invoices = await invoicesForOrder(db, id);
  const lineNoById = new Map(typed.lines.map((l) => [Number(l.id), l.lineNo]));
  return {
    ...order,
    lines: typed.lines.map(({ id: _id, ...line }) => line),
    history: typed.history.map((h) => ({ ...h, at: parseTimestamptz(h.at) })),
    // Changes applied after intake (API, EDI 860), oldest first: kind, line, before/after, who, why.
    changes,
    shipments,
    invoices,
    // Staff see the order's events and their delivery (EDI, …); buyers do not.
    events: typed.events.map((e) => ({
      ...e,
      at: parseTimestamptz(e.at).toISOString(),
      publishedAt: isoOrNull(e.publishedAt),
    })),
    exceptions: presentExceptions(exceptions, lineNoById, staff),
  };
}

/**
 * Each exception with its line number (null: about the whole order). Exceptions are internal work
 * items: a buyer sees only which kind of review holds their order, not our notes or owners.
 */
export function presentExceptions(
  exceptions: OrderExceptionView[],
  lineNoById: Map<number, number>,
  staff: boolean,
) {
  return exceptions.map((e) => {
    const lineNo = e.orderLineId === null ? null : (lineNoById.get(e.orderLineId) ?? null);
    return staff ? { ...e, lineNo } : { type: e.type, status: e.status, blocking: e.blocking, lineNo };
  });
}
