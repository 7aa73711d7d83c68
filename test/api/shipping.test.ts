// Shipping and invoicing at shipment through POST /api/orders/:id/shipments: stock consumed
// exactly (counters = allocations, ledger rows), SSCC-18 labels, one invoice per shipment with
// exact money, the order's status path, partial shipments, ship-complete refusals, changes after
// shipping, and the outbox publisher that hands the events on.
import { beforeEach, describe, expect, it } from "vitest";
import { isValidSscc } from "../../src/modules/channels/edi/sscc.ts";
import { publishPending } from "../../src/modules/events/publish.ts";
import { apiSuite } from "../support/app.ts";
import { type Session, signIn } from "../support/http.ts";

const suite = apiSuite();
let desk: Session;
let warehouse: Session;

beforeEach(async () => {
  desk = await signIn(suite.app, "order_desk@staff.test");
  warehouse = await signIn(suite.app, "warehouse@staff.test");
});

const sql = async (text: string, values: unknown[] = []) => (await suite.db.pool.query(text, values)).rows;
const order = async (payload: Record<string, unknown>) => {
  const response = await suite.app.inject({
    method: "POST",
    url: "/api/orders",
    headers: desk.headers,
    payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().order;
};
const ship = (orderId: number, payload: Record<string, unknown> = {}, session = warehouse) =>
  suite.app.inject({
    method: "POST",
    url: `/api/orders/${orderId}/shipments`,
    headers: session.headers,
    payload,
  });
const detail = async (id: number) =>
  (await suite.app.inject({ url: `/api/orders/${id}`, headers: desk.headers })).json().order;
const stockConsistent = async () =>
  sql(`select s.item_id, s.warehouse_id, s.allocated, coalesce(sum(a.quantity), 0)::int as rows
         from stock_levels s left join allocations a on a.item_id = s.item_id and a.warehouse_id = s.warehouse_id
        group by s.item_id, s.warehouse_id, s.allocated having s.allocated <> coalesce(sum(a.quantity), 0)`);

describe("shipping an order", () => {
  it("ships what is allocated, consumes the stock, labels the package and invoices it", async () => {
    const placed = await order({
      accountId: suite.fx.accountA,
      lines: [
        { sku: "SKU-1", quantity: 10 },
        { sku: "SKU-3", quantity: 4 },
      ],
    });
    expect(placed.status).toBe("confirmed");
    const response = await ship(placed.id, { carrier: "UPS", trackingNumber: "1Z999" });
    expect(response.statusCode, response.body).toBe(201);
    const outcome = response.json();
    expect(outcome.status).toBe("invoiced");
    expect(outcome.shipments).toHaveLength(1);
    const [shipment] = outcome.shipments;
    expect(shipment.warehouseCode).toBe("EAST");
    expect(shipment.packages).toHaveLength(1);
    expect(isValidSscc(shipment.packages[0].sscc)).toBe(true);
    expect(shipment.packages[0].lines).toEqual([
      { lineNo: 1, sku: "SKU-1", quantity: 10 },
      { lineNo: 2, sku: "SKU-3", quantity: 4 },
    ]);
    // 10 × 12.50 + 4 × 60.325 = 125.00 + 241.30
    expect(shipment.invoice).toMatchObject({ amount: "366.30", currency: "USD" });

    const stock = await sql(
      `select i.sku, s.on_hand, s.allocated from stock_levels s join items i on i.id = s.item_id
        where s.warehouse_id = $1 and i.sku in ('SKU-1', 'SKU-3') order by i.sku`,
      [suite.fx.warehouses.east],
    );
    expect(stock).toEqual([
      { sku: "SKU-1", on_hand: 90, allocated: 0 },
      { sku: "SKU-3", on_hand: 6, allocated: 0 },
    ]);
    expect(await stockConsistent()).toEqual([]);
    expect(await sql("select count(*)::int as n from allocations")).toEqual([{ n: 0 }]);
    const moves = await sql(
      "select on_hand_delta, allocated_delta from stock_movements where kind = 'shipment' order by id",
    );
    expect(moves).toEqual([
      { on_hand_delta: -10, allocated_delta: -10 },
      { on_hand_delta: -4, allocated_delta: -4 },
    ]);

    const after = await detail(placed.id);
    expect(after.history.map((h: any) => h.toStatus)).toEqual([
      "confirmed",
      "picking",
      "shipped",
      "invoiced",
    ]);
    expect(after.lines.map((l: any) => l.shippedQuantity)).toEqual([10, 4]);
    expect(after.shipments[0]).toMatchObject({
      carrier: "UPS",
      trackingNumber: "1Z999",
      warehouseCode: "EAST",
    });
    expect(after.invoices).toMatchObject([{ amount: "366.30", status: "open", paidAmount: "0.00" }]);
    const terms = (await sql("select terms_days from accounts where id = $1", [suite.fx.accountA]))[0]
      .terms_days;
    const issued = after.invoices[0].issuedOn;
    expect(new Date(after.invoices[0].dueOn).getTime() - new Date(issued).getTime()).toBe(terms * 86_400_000);
    const lines = await sql("select quantity, unit_price, amount from invoice_lines order by line_no");
    expect(lines).toEqual([
      { quantity: 10, unit_price: "12.5000", amount: "125.00" },
      { quantity: 4, unit_price: "60.3250", amount: "241.30" },
    ]);
    const topics = (await sql("select topic from outbox order by id")).map((r) => r.topic);
    expect(topics.slice(-2)).toEqual(["order.shipped", "invoice.issued"]);
    // Staff see the order's events with their delivery state; buyers do not.
    expect(after.events.map((e: any) => [e.topic, e.publishedAt])).toEqual([
      ["order.confirmed", null],
      ["order.shipped", null],
      ["invoice.issued", null],
    ]);
    const buyer = await signIn(suite.app, "buyer@a.test");
    const own = (await suite.app.inject({ url: `/api/orders/${placed.id}`, headers: buyer.headers })).json()
      .order;
    expect(own.events).toEqual([]);
    expect(own.shipments).toHaveLength(1);

    // Nothing left: a second shipment is refused and changes nothing.
    const again = await ship(placed.id);
    expect(again.statusCode).toBe(409);
    expect((await sql("select count(*)::int as n from shipments"))[0].n).toBe(1);
  });

  it("packs into the packages given, one SSCC each, and refuses more than is allocated", async () => {
    const placed = await order({ accountId: suite.fx.accountA, lines: [{ sku: "SKU-1", quantity: 10 }] });
    const over = await ship(placed.id, { packages: [{ lines: [{ lineNo: 1, quantity: 11 }] }] });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toContain("10 allocated");
    const packed = await ship(placed.id, {
      packages: [{ lines: [{ lineNo: 1, quantity: 6 }] }, { lines: [{ lineNo: 1, quantity: 3 }] }],
    });
    expect(packed.statusCode, packed.body).toBe(201);
    const ssccs = packed.json().shipments[0].packages.map((p: any) => p.sscc);
    expect(new Set(ssccs).size).toBe(2);
    expect(ssccs.every(isValidSscc)).toBe(true);
    expect(packed.json().status).toBe("confirmed"); // one unit still to ship
    const rest = await ship(placed.id);
    expect(rest.json()).toMatchObject({ status: "invoiced" });
    expect(rest.json().shipments[0].packages[0].lines).toEqual([{ lineNo: 1, sku: "SKU-1", quantity: 1 }]);
    expect((await sql("select count(*)::int as n from invoices"))[0].n).toBe(2);
  });

  it("a partial shipment leaves the backorder; ship-complete orders with backorders are refused", async () => {
    const partial = await order({
      accountId: suite.fx.accountA,
      lines: [
        { sku: "SKU-1", quantity: 2 },
        { sku: "SKU-5", quantity: 3 }, // none in stock
      ],
    });
    const shipped = await ship(partial.id);
    expect(shipped.statusCode, shipped.body).toBe(201);
    expect(shipped.json().status).toBe("confirmed");
    const after = await detail(partial.id);
    expect(after.lines.map((l: any) => [l.shippedQuantity, l.backorderedQuantity])).toEqual([
      [2, 0],
      [0, 3],
    ]);
    // The shipped part is a receivable now, not an open order: the credit check counts it once.
    const sim = await suite.app.inject({
      method: "POST",
      url: "/api/orders/simulate",
      headers: desk.headers,
      payload: { accountId: suite.fx.accountA, lines: [{ sku: "SKU-2", quantity: 1 }] },
    });
    expect(sim.json().simulation.credit).toMatchObject({ openReceivables: "25.00", openOrders: "29.97" });

    // Changes may not undo what shipped.
    const change = (payload: unknown) =>
      suite.app.inject({
        method: "POST",
        url: `/api/orders/${partial.id}/changes`,
        headers: desk.headers,
        payload: payload as any,
      });
    expect((await change({ changes: [{ kind: "cancel_order" }] })).statusCode).toBe(400);
    expect((await change({ changes: [{ kind: "quantity", lineNo: 1, quantity: 1 }] })).statusCode).toBe(400);

    await sql("update accounts set ship_policy = 'complete' where id = $1", [suite.fx.accountB]);
    const complete = await order({
      accountId: suite.fx.accountB,
      lines: [
        { sku: "SKU-5", quantity: 1 },
        { sku: "SKU-1", quantity: 1 },
      ],
    });
    expect(complete.status).toBe("on_hold");
    expect((await ship(complete.id)).statusCode).toBe(409); // on hold
  });

  it("only staff who ship may ship", async () => {
    const placed = await order({ accountId: suite.fx.accountA, lines: [{ sku: "SKU-1", quantity: 1 }] });
    const buyer = await signIn(suite.app, "buyer@a.test");
    expect((await ship(placed.id, {}, buyer)).statusCode).toBe(403);
    const rep = await signIn(suite.app, "sales_rep@staff.test");
    expect((await ship(placed.id, {}, rep)).statusCode).toBe(403);
    expect((await ship(999_999)).statusCode).toBe(404);
    expect((await ship(placed.id, { packages: [], bogus: 1 })).statusCode).toBe(400);
    expect((await ship(placed.id, { warehouseCode: "NOPE" })).statusCode).toBe(400);
  });
});

describe("the outbox publisher", () => {
  it("hands events to their handlers once, retries a failing handler on the next run", async () => {
    const placed = await order({ accountId: suite.fx.accountA, lines: [{ sku: "SKU-1", quantity: 1 }] });
    await ship(placed.id);
    const seen: string[] = [];
    let failInvoice = true;
    const handlers = {
      "order.shipped": async (p: Record<string, unknown>) => {
        seen.push(`shipped ${p.shipmentNumber}`);
      },
      "invoice.issued": async (p: Record<string, unknown>) => {
        if (failInvoice) throw new Error("partner endpoint down");
        seen.push(`invoice ${p.number}`);
      },
    };
    const first = await publishPending(suite.db, handlers, new Date());
    expect(first).toEqual({ published: 2, failed: 1 }); // order.confirmed (no handler), order.shipped
    expect(seen).toEqual([expect.stringMatching(/^shipped SH-/)]);
    expect(await sql("select topic, attempts, last_error from outbox where published_at is null")).toEqual([
      { topic: "invoice.issued", attempts: 1, last_error: "partner endpoint down" },
    ]);
    failInvoice = false;
    expect(await publishPending(suite.db, handlers, new Date())).toEqual({ published: 1, failed: 0 });
    expect(seen).toHaveLength(2);
    expect(await publishPending(suite.db, handlers, new Date())).toEqual({ published: 0, failed: 0 });
  });
});
