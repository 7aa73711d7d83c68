// Purchase orders (inbound supply) through the API: recorded, they give new backorders an ETA;
// received, on hand goes up and the backorders waiting for the item are filled oldest order first,
// their exceptions closed and a held order released — all in the receiving transaction.
import { beforeEach, describe, expect, it } from "vitest";
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
const detail = async (id: number) =>
  (await suite.app.inject({ url: `/api/orders/${id}`, headers: desk.headers })).json().order;
const createPo = (session: Session, payload: Record<string, unknown>) =>
  suite.app.inject({ method: "POST", url: "/api/purchase-orders", headers: session.headers, payload });
const receive = (session: Session, id: number, lines: { sku: string; quantity: number }[]) =>
  suite.app.inject({
    method: "POST",
    url: `/api/purchase-orders/${id}/receipts`,
    headers: session.headers,
    payload: { lines },
  });
const stockOf = async (sku: string, warehouseId: number) =>
  (
    await sql("select on_hand, allocated from stock_levels where item_id = $1 and warehouse_id = $2", [
      suite.fx.items[sku],
      warehouseId,
    ])
  )[0];

describe("purchase orders", () => {
  it("recorded by purchasing, they give a new backorder its ETA; orders staff cannot record them", async () => {
    const created = await createPo(warehouse, {
      number: "PO-7001",
      supplier: "Acme Supply",
      warehouseCode: "EAST",
      expectedDate: "2030-03-01",
      lines: [{ sku: "SKU-5", quantity: 10 }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().purchaseOrder).toMatchObject({
      number: "PO-7001",
      status: "open",
      warehouseCode: "EAST",
      lines: [{ sku: "SKU-5", quantity: 10, receivedQuantity: 0, expectedDate: "2030-03-01" }],
    });
    const backordered = await order({ accountId: suite.fx.accountA, lines: [{ sku: "SKU-5", quantity: 4 }] });
    expect(backordered.lines[0]).toMatchObject({ backorderedQuantity: 4, backorderEta: "2030-03-01" });

    expect((await createPo(desk, { number: "PO-X" })).statusCode).toBe(403);
    const list = await suite.app.inject({ url: "/api/purchase-orders?status=open", headers: desk.headers });
    expect(list.json().purchaseOrders.map((p: any) => p.number)).toEqual(["PO-7001"]);
  });

  it("refuses an unknown SKU or warehouse, a number used twice, and receiving more than expected", async () => {
    const body = {
      number: "PO-1",
      supplier: "Acme",
      warehouseCode: "EAST",
      expectedDate: "2030-01-01",
      lines: [{ sku: "SKU-5", quantity: 5 }],
    };
    expect(
      (await createPo(warehouse, { ...body, lines: [{ sku: "NOPE", quantity: 1 }] })).json().error.code,
    ).toBe("UNKNOWN_SKU");
    expect((await createPo(warehouse, { ...body, warehouseCode: "MARS" })).statusCode).toBe(400);
    const id = (await createPo(warehouse, body)).json().purchaseOrder.id;
    expect((await createPo(warehouse, body)).statusCode).toBe(409);
    const tooMuch = await receive(warehouse, id, [{ sku: "SKU-5", quantity: 6 }]);
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.message).toContain("still expects (5)");
    const notOnIt = await receive(warehouse, id, [{ sku: "SKU-1", quantity: 1 }]);
    expect(notOnIt.statusCode).toBe(400);
    expect(notOnIt.json().error.message).toBe("SKU-1 is not on purchase order PO-1");
    expect(await stockOf("SKU-5", suite.fx.warehouses.east)).toEqual({ on_hand: 0, allocated: 0 });
  });

  it("receiving fills the oldest backorders first, closes their exceptions and releases a held order", async () => {
    await sql("update accounts set ship_policy = 'complete' where id = $1", [suite.fx.accountA]);
    const po = (
      await createPo(warehouse, {
        number: "PO-2",
        supplier: "Acme",
        warehouseCode: "WEST",
        expectedDate: "2030-01-01",
        lines: [{ sku: "SKU-5", quantity: 8 }],
      })
    ).json().purchaseOrder;
    // Account A ships complete: its backorder holds the order. Account B ships partial.
    const held = await order({
      accountId: suite.fx.accountA,
      lines: [
        { sku: "SKU-1", quantity: 1 },
        { sku: "SKU-5", quantity: 5 },
      ],
    });
    expect(held.status).toBe("on_hold");
    const later = await order({ accountId: suite.fx.accountB, lines: [{ sku: "SKU-5", quantity: 6 }] });
    expect(later.status).toBe("confirmed");

    const first = await receive(warehouse, po.id, [{ sku: "SKU-5", quantity: 3 }]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().backordersFilled).toEqual([
      {
        orderId: held.id,
        number: held.number,
        status: "on_hold",
        lines: [{ lineNo: 2, sku: "SKU-5", allocated: 3, stillBackordered: 2 }],
      },
    ]);
    expect((await detail(held.id)).status).toBe("on_hold");

    const second = await receive(warehouse, po.id, [{ sku: "SKU-5", quantity: 5 }]);
    expect(second.json().purchaseOrder).toMatchObject({ status: "closed", lines: [{ receivedQuantity: 8 }] });
    expect(second.json().backordersFilled).toMatchObject([
      { orderId: held.id, status: "confirmed", lines: [{ allocated: 2, stillBackordered: 0 }] },
      { orderId: later.id, status: "confirmed", lines: [{ allocated: 3, stillBackordered: 3 }] },
    ]);
    const released = await detail(held.id);
    expect(released.status).toBe("confirmed");
    expect(released.lines[1]).toMatchObject({ backorderedQuantity: 0, backorderEta: null });
    // Two allocation rows (one per receipt), shown per warehouse.
    expect(released.lines[1].allocations).toEqual([
      { warehouseCode: "WEST", warehouseName: "WEST DC", quantity: 5 },
    ]);
    expect(released.exceptions.find((e: any) => e.type === "backorder").status).toBe("cancelled");
    expect((await detail(later.id)).lines[0]).toMatchObject({ backorderedQuantity: 3 });

    // Counters, allocation rows and the ledger agree: 8 received, 8 allocated at WEST.
    expect(await stockOf("SKU-5", suite.fx.warehouses.west)).toEqual({ on_hand: 8, allocated: 8 });
    const [rows] = await sql(
      `select (select sum(quantity)::int from allocations where item_id = $1 and warehouse_id = $2) as allocated,
              (select sum(on_hand_delta)::int from stock_movements where item_id = $1 and warehouse_id = $2 and kind = 'receipt') as received`,
      [suite.fx.items["SKU-5"], suite.fx.warehouses.west],
    );
    expect(rows).toEqual({ allocated: 8, received: 8 });
    const events = await sql(
      "select payload from outbox where topic = 'order.backorder_allocated' order by id",
    );
    expect(events.map((e) => e.payload.orderId)).toEqual([held.id, held.id, later.id]);
    expect((await receive(warehouse, po.id, [{ sku: "SKU-5", quantity: 1 }])).statusCode).toBe(409);
  });
});
