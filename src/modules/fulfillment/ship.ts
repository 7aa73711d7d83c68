// Shipping an order: in ONE transaction, with the order row locked, what is allocated leaves its
// warehouse (one shipment per warehouse, in SSCC-labelled packages), stock is consumed, the
// shipment is invoiced, and the order moves confirmed → picking → shipped → invoiced once every
// open line has shipped in full (a partial shipment leaves it confirmed, the backorder to follow).
import type pg from "pg";
import type { Db } from "../../app/db.ts";
import { withTransaction } from "../../app/db.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { type IssuedInvoice, invoiceShipment } from "../billing/invoice-shipment.ts";
import { makeSscc } from "../channels/edi/sscc.ts";
import { writeEvents } from "../events/outbox.ts";
import { consumeAllocation, type Pick } from "../inventory/consume.ts";
import type { OrderStatus } from "../orders/status.ts";
import { recordTransition } from "../orders/transition.ts";

export type ShipRequest = {
  orderId: number;
  /** Ship only from this warehouse (required with explicit packages when stock sits in several). */
  warehouseId?: number | null;
  carrier?: string | null;
  trackingNumber?: string | null;
  /** Explicit packing: base units per order line in each package. Default: one package per warehouse. */
  packages?: { lines: { lineNo: number; quantity: number }[] }[] | null;
  /** A buyer's company: another company's order is not found. */
  accountScope?: number | null;
};

export type ShipActor = { userId: number | null; name: string };

export type ShippedPackage = { sscc: string; lines: { lineNo: number; sku: string; quantity: number }[] };
export type Shipped = {
  id: number;
  number: string;
  warehouseCode: string;
  packages: ShippedPackage[];
  invoice: IssuedInvoice;
};
export type ShipOutcome = { orderId: number; number: string; status: string; shipments: Shipped[] };

// GS1's documented example prefix until the distributor configures its own.
const GS1_COMPANY_PREFIX = process.env.WHOLESAIL_GS1_COMPANY_PREFIX ?? "0614141";

type Allocated = {
  lineId: number;
  lineNo: number;
  sku: string;
  warehouseId: number;
  warehouseCode: string;
  quantity: number;
};

export async function shipOrder(
  db: Db,
  request: ShipRequest,
  actor: ShipActor,
  now: Date,
): Promise<ShipOutcome> {
  return withTransaction(db, async (client) => {
    const order = (
      await client.query({
        text: `select o.id, o.number, o.account_id, o.status, coalesce(o.ship_policy, a.ship_policy) as ship_policy
                 from orders o join accounts a on a.id = o.account_id where o.id = $1 for update of o`,
        values: [request.orderId],
      })
    ).rows[0];
    const scope = request.accountScope ?? null;
    if (!order || (scope !== null && order.account_id !== scope)) throw notFound("Order", request.orderId);
    if (order.status !== "confirmed" && order.status !== "picking") {
      throw new DomainError(
        "ORDER_NOT_CHANGEABLE",
        `Order ${order.number} is ${order.status}; only confirmed orders ship`,
        {
          status: order.status,
        },
      );
    }
    const lines = (
      await client.query({
        text: `select id, line_no, quantity, backordered_quantity, shipped_quantity, unit_price
                 from order_lines where order_id = $1 and status = 'open' order by line_no for update`,
        values: [order.id],
      })
    ).rows;
    if (order.ship_policy === "complete" && lines.some((l) => l.backordered_quantity > 0)) {
      throw new DomainError(
        "CONFLICT",
        `Order ${order.number} ships complete and still has backorders; wait, or split it (resolve its backorder exception)`,
      );
    }
    const unpriced = lines.find((l) => l.unit_price === null && l.quantity > l.backordered_quantity);
    if (unpriced)
      throw new DomainError("CONFLICT", `Line ${unpriced.line_no} has no price; approve a price first`);
    const allocated: Allocated[] = (
      await client.query({
        text: `select al.order_line_id as "lineId", l.line_no as "lineNo", i.sku, al.warehouse_id as "warehouseId",
                      w.code as "warehouseCode", sum(al.quantity)::int as quantity
                 from allocations al join order_lines l on l.id = al.order_line_id
                 join items i on i.id = al.item_id join warehouses w on w.id = al.warehouse_id
                where l.order_id = $1 and l.status = 'open' and ($2::int is null or al.warehouse_id = $2)
                group by al.order_line_id, l.line_no, i.sku, al.warehouse_id, w.code
                order by w.code, l.line_no`,
        values: [order.id, request.warehouseId ?? null],
      })
    ).rows.map((r) => ({ ...r, lineId: Number(r.lineId) }));
    if (allocated.length === 0) {
      throw new DomainError("CONFLICT", `Order ${order.number} has nothing allocated left to ship`);
    }
    const plan = planPackages(allocated, request.packages ?? null);
    const today = now.toISOString().slice(0, 10);
    const shipments: Shipped[] = [];
    for (const [warehouseId, packages] of plan) {
      shipments.push(
        await shipFromWarehouse(client, order, warehouseId, packages, request, actor, now, today),
      );
    }

    // Status: shipped in full when every open line has shipped everything it orders.
    const shippedIn = new Map<number, number>();
    for (const s of shipments)
      for (const p of s.packages)
        for (const l of p.lines) shippedIn.set(l.lineNo, (shippedIn.get(l.lineNo) ?? 0) + l.quantity);
    const complete = lines.every((l) => l.shipped_quantity + (shippedIn.get(l.line_no) ?? 0) === l.quantity);
    let status: OrderStatus = order.status;
    if (complete) {
      for (const to of ["picking", "shipped", "invoiced"] as const) {
        if (status === to) continue;
        const why = to === "invoiced" ? "invoiced at shipment" : "shipped";
        await recordTransition(
          client,
          order.id,
          status,
          to,
          actor.userId,
          `${why}: ${shipments.map((s) => s.number).join(", ")}`,
          now,
        );
        status = to;
      }
      await client.query({ text: "update orders set status = $2 where id = $1", values: [order.id, status] });
    }
    await writeEvents(
      client,
      shipments.flatMap((s) => [
        {
          topic: "order.shipped",
          payload: {
            orderId: order.id,
            number: order.number,
            accountId: order.account_id,
            shipmentId: s.id,
            shipmentNumber: s.number,
            warehouseCode: s.warehouseCode,
            complete,
          },
        },
        {
          topic: "invoice.issued",
          payload: {
            invoiceId: s.invoice.id,
            number: s.invoice.number,
            orderId: order.id,
            accountId: order.account_id,
            amount: s.invoice.amount,
            currency: s.invoice.currency,
            dueOn: s.invoice.dueOn,
          },
        },
      ]),
      now,
    );
    return { orderId: Number(order.id), number: order.number, status, shipments };
  });
}

type PlannedPackage = { lines: Allocated[] };

/** Groups what ships by warehouse: the given packages, or one package per warehouse with everything. */
function planPackages(
  allocated: Allocated[],
  packages: NonNullable<ShipRequest["packages"]> | null,
): Map<number, PlannedPackage[]> {
  const plan = new Map<number, PlannedPackage[]>();
  if (!packages) {
    for (const a of allocated) {
      const list = plan.get(a.warehouseId) ?? [{ lines: [] }];
      list[0].lines.push(a);
      plan.set(a.warehouseId, list);
    }
    return plan;
  }
  const warehouses = new Set(allocated.map((a) => a.warehouseId));
  if (warehouses.size > 1) {
    throw new DomainError(
      "VALIDATION_FAILED",
      "The order's stock sits in several warehouses: name the warehouse to pack",
      {
        warehouses: [...new Set(allocated.map((a) => a.warehouseCode))],
      },
    );
  }
  const left = new Map(allocated.map((a) => [a.lineNo, a.quantity]));
  const planned: PlannedPackage[] = packages.map((p, i) => {
    if (p.lines.length === 0) throw new DomainError("VALIDATION_FAILED", `Package ${i + 1} is empty`);
    return {
      lines: p.lines.map((l) => {
        const a = allocated.find((x) => x.lineNo === l.lineNo);
        const remaining = left.get(l.lineNo) ?? 0;
        if (!a || l.quantity > remaining) {
          throw new DomainError(
            "VALIDATION_FAILED",
            `Line ${l.lineNo}: ${remaining} allocated to ship, not ${l.quantity}`,
            {
              lineNo: l.lineNo,
              allocated: remaining,
            },
          );
        }
        left.set(l.lineNo, remaining - l.quantity);
        return { ...a, quantity: l.quantity };
      }),
    };
  });
  plan.set([...warehouses][0], planned);
  return plan;
}

async function shipFromWarehouse(
  client: pg.PoolClient,
  order: { id: number; number: string },
  warehouseId: number,
  packages: PlannedPackage[],
  request: ShipRequest,
  actor: ShipActor,
  now: Date,
  today: string,
): Promise<Shipped> {
  const shipment = (
    await client.query({
      text: `insert into shipments (number, order_id, warehouse_id, carrier, tracking_number, shipped_at, created_by)
             values ('SH-' || nextval('shipment_number_seq'), $1, $2, $3, $4, $5, $6) returning id, number`,
      values: [
        order.id,
        warehouseId,
        request.carrier ?? null,
        request.trackingNumber ?? null,
        now,
        actor.userId,
      ],
    })
  ).rows[0];
  const shipmentId = Number(shipment.id);
  const picks: Pick[] = [];
  const shipped: ShippedPackage[] = [];
  for (const [seq, pkg] of packages.entries()) {
    const serial = (await client.query("select nextval('sscc_serial_seq') as n")).rows[0].n;
    const sscc = makeSscc(0, GS1_COMPANY_PREFIX, serial);
    const packageId = (
      await client.query({
        text: "insert into shipment_packages (shipment_id, seq, sscc) values ($1, $2, $3) returning id",
        values: [shipmentId, seq + 1, sscc],
      })
    ).rows[0].id;
    await client.query({
      text: `insert into shipment_lines (shipment_id, package_id, order_line_id, item_id, quantity)
             select $1, $2, t.line_id, l.item_id, t.quantity
               from unnest($3::bigint[], $4::int[]) as t(line_id, quantity) join order_lines l on l.id = t.line_id`,
      values: [shipmentId, packageId, pkg.lines.map((l) => l.lineId), pkg.lines.map((l) => l.quantity)],
    });
    for (const l of pkg.lines) picks.push({ orderLineId: l.lineId, warehouseId, quantity: l.quantity });
    shipped.push({
      sscc,
      lines: pkg.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity })),
    });
  }
  await consumeAllocation(client, picks, `${order.number}/${shipment.number}`);
  await client.query({
    text: `update order_lines l set shipped_quantity = l.shipped_quantity + t.quantity
             from (select line_id, sum(quantity)::int as quantity
                     from unnest($1::bigint[], $2::int[]) as p(line_id, quantity) group by line_id) t
            where l.id = t.line_id`,
    values: [picks.map((p) => p.orderLineId), picks.map((p) => p.quantity)],
  });
  const invoice = await invoiceShipment(client, shipmentId, today);
  const warehouseCode = packages[0].lines[0].warehouseCode;
  return { id: shipmentId, number: shipment.number, warehouseCode, packages: shipped, invoice };
}
