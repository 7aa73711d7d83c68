// POST /api/orders answers with the new order's detail built from what intake wrote
// (src/modules/orders/created-detail.ts), not read back. It must be exactly what GET /api/orders/:id
// answers for that order: confirmed, split across warehouses, backordered, unresolved lines, held
// with exceptions, every optional field set, and as a buyer sees it.
import { beforeEach, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/modules/auth/api-keys.ts";
import { apiSuite } from "../support/app.ts";
import { type Session, signIn } from "../support/http.ts";

const suite = apiSuite();
let desk: Session;
let api: Record<string, string>;

beforeEach(async () => {
  desk = await signIn(suite.app, "order_desk@staff.test");
  const deskUser = (await suite.db.pool.query("select id from users where role = 'order_desk'")).rows[0].id;
  const key = await createApiKey(suite.db, deskUser, "ERP", ["orders:read", "orders:write"]);
  api = { authorization: `Bearer ${key.key}` };
});

/** Posts the order, then reads it back with GET as the same caller: both answers, as JSON. */
async function postAndGet(headers: Record<string, string>, payload: Record<string, unknown>) {
  const posted = await suite.app.inject({ method: "POST", url: "/api/orders", headers, payload });
  expect(posted.statusCode, posted.body).toBe(201);
  const created = posted.json().order;
  const read = await suite.app.inject({ url: `/api/orders/${created.id}`, headers });
  expect(read.statusCode, read.body).toBe(200);
  return { created, read: read.json().order };
}

describe("the new order's detail in the POST answer equals GET's", () => {
  it("a confirmed order with every optional field, a price within tolerance and a multi-unit line", async () => {
    await suite.db.pool.query(
      "insert into pricing_policies (account_id, price_tolerance_percent) values ($1, '5') on conflict (account_id) do update set price_tolerance_percent = '5'",
      [suite.fx.accountA],
    );
    const { created, read } = await postAndGet(desk.headers, {
      accountId: suite.fx.accountA,
      shipToId: suite.fx.shipToA,
      poNumber: "PO-DETAIL-1",
      requestedShipDate: "2030-01-15",
      requestedDeliveryDate: "2030-01-20",
      notes: "dock 4, call ahead",
      lines: [
        { lineRef: "10", sku: "SKU-1", quantity: 3, expectedUnitPrice: "12.5" },
        { sku: "SKU-2", quantity: 2 },
      ],
    });
    expect(created.status).toBe("confirmed");
    expect(created.lines[0].expectedUnitPrice).toBe("12.5000"); // the column's scale, as GET reads it
    expect(created).toEqual(read);
  });

  it("split across warehouses and backordered, with an unresolved line held (API channel)", async () => {
    await suite.db.pool.query(
      "update stock_levels set on_hand = 4 where item_id = $1 and warehouse_id = $2",
      [suite.fx.items["SKU-3"], suite.fx.warehouses.east],
    );
    const { created, read } = await postAndGet(api, {
      accountId: suite.fx.accountA,
      lines: [
        { sku: "SKU-3", quantity: 30 },
        { sku: "SKU-5", quantity: 2 },
        { sku: "NO-SUCH-SKU", quantity: 1, uom: "CS" },
      ],
    });
    expect(created.status).toBe("on_hold");
    expect(created.lines[0].allocations.length).toBe(2);
    expect(created.lines[1].backorderedQuantity).toBe(2);
    expect(created.lines[2].unresolved).toBe(true);
    expect(created.exceptions.length).toBeGreaterThan(0);
    expect(created.events.map((e: any) => e.topic)).toEqual(["order.held", "order.backordered"]);
    expect(created).toEqual(read);
  });

  it("as a buyer sees it: no events, exceptions without our notes", async () => {
    await suite.db.pool.query("update accounts set credit_limit = '10.00' where id = $1", [
      suite.fx.accountA,
    ]);
    const buyer = await signIn(suite.app, "buyer@a.test");
    const { created, read } = await postAndGet(buyer.headers, {
      accountId: suite.fx.accountA,
      lines: [{ sku: "SKU-1", quantity: 2 }],
    });
    expect(created.status).toBe("on_hold");
    expect(created.events).toEqual([]);
    expect(created.exceptions).toEqual([
      { type: "credit_hold", status: "open", blocking: true, lineNo: null },
    ]);
    expect(created).toEqual(read);
  });
});
