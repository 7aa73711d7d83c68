import { beforeEach, describe, expect, it } from "vitest";
import { apiSuite } from "../support/app.ts";
import { type Session, signIn } from "../support/http.ts";

const suite = apiSuite();
let desk: Session;

beforeEach(async () => {
  desk = await signIn(suite.app, "order_desk@staff.test");
});

const stock = async (sku: string) =>
  (
    await suite.db.pool.query(
      `select w.code, s.on_hand, s.allocated from stock_levels s join warehouses w on w.id = s.warehouse_id
        where s.item_id = (select id from items where sku = $1) order by w.code`,
      [sku],
    )
  ).rows;
const counts = async () =>
  (
    await suite.db.pool.query(
      `select (select count(*) from orders)::int as orders, (select count(*) from order_lines)::int as lines,
              (select count(*) from allocations)::int as allocations, (select coalesce(sum(allocated),0)::int from stock_levels) as allocated`,
    )
  ).rows[0];

describe("creating an order", () => {
  it("prices at list, allocates from the nearest warehouse, and shows in list and detail", async () => {
    const response = await suite.app.inject({
      method: "POST",
      url: "/api/orders",
      headers: desk.headers,
      payload: {
        accountId: suite.fx.accountA,
        poNumber: "PO-77",
        lines: [
          { sku: "SKU-3", quantity: 1 },
          { sku: "SKU-2", quantity: 3 },
          { sku: "SKU-3", quantity: 2 },
        ],
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    const order = response.json().order;
    expect(order.number).toBe("SO-100001");
    expect(order.status).toBe("confirmed");
    expect(order.channel).toBe("desk");
    // 60.3250 → 60.33 (half-up once per line); 3 × 3.3333 = 9.9999 → 10.00; 2 × 60.325 = 120.65
    expect(order.lines.map((l: any) => l.extendedAmount)).toEqual(["60.33", "10.00", "120.65"]);
    expect(order.total).toBe("190.98");
    // Account A ships to New York: the EAST warehouse is nearest and has enough.
    expect(order.lines[0].allocations).toEqual([
      { warehouseCode: "EAST", warehouseName: "EAST DC", quantity: 1 },
    ]);
    expect(await stock("SKU-3")).toEqual([
      { code: "EAST", on_hand: 10, allocated: 3 },
      { code: "WEST", on_hand: 10, allocated: 0 },
    ]);
    expect(order.history).toMatchObject([{ fromStatus: null, toStatus: "confirmed" }]);

    const list = await suite.app.inject({ url: "/api/orders?q=PO-77", headers: desk.headers });
    expect(list.json()).toMatchObject({
      total: 1,
      orders: [{ number: "SO-100001", accountName: "Acme Foods", total: "190.98" }],
    });
  });

  // Intake (issue 5) changed this: a shortage no longer refuses the order. The account ships
  // partial (the default), so the order is confirmed with the short quantity backordered.
  it("falls back to the next warehouse and backorders what no warehouse can fill", async () => {
    const place = (quantity: number) =>
      suite.app.inject({
        method: "POST",
        url: "/api/orders",
        headers: desk.headers,
        payload: {
          accountId: suite.fx.accountA,
          lines: [
            { sku: "SKU-1", quantity: 5 },
            { sku: "SKU-3", quantity },
          ],
        },
      });
    expect((await place(10)).statusCode).toBe(201); // EAST's 10
    expect((await place(10)).statusCode).toBe(201); // WEST's 10
    const short = await place(1);
    expect(short.statusCode, short.body).toBe(201);
    const order = short.json().order;
    expect(order.status).toBe("confirmed");
    expect(order.lines[1]).toMatchObject({
      sku: "SKU-3",
      quantity: 1,
      backorderedQuantity: 1,
      backorderEta: null,
    });
    expect(order.lines[1].allocations).toEqual([]);
    // No inbound supply: the backorder gets an owner (non-blocking), the order is not held.
    expect(order.exceptions).toMatchObject([
      { type: "backorder", status: "open", blocking: false, lineNo: 2 },
    ]);
    expect(await stock("SKU-1")).toEqual([
      { code: "EAST", on_hand: 100, allocated: 15 },
      { code: "WEST", on_hand: 100, allocated: 0 },
    ]);
    expect(await counts()).toEqual({ orders: 3, lines: 6, allocations: 5, allocated: 35 });
  });

  it("splits an item across warehouses, nearest first, when no single one can fill it", async () => {
    const response = await suite.app.inject({
      method: "POST",
      url: "/api/orders",
      headers: desk.headers,
      payload: { accountId: suite.fx.accountA, lines: [{ sku: "SKU-3", quantity: 15 }] },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().order.lines[0].allocations).toEqual([
      { warehouseCode: "EAST", warehouseName: "EAST DC", quantity: 10 },
      { warehouseCode: "WEST", warehouseName: "WEST DC", quantity: 5 },
    ]);
    expect(await stock("SKU-3")).toEqual([
      { code: "EAST", on_hand: 10, allocated: 10 },
      { code: "WEST", on_hand: 10, allocated: 5 },
    ]);
  });

  it("replays an idempotent request and refuses the same key with a different body", async () => {
    const send = (quantity: number) =>
      suite.app.inject({
        method: "POST",
        url: "/api/orders",
        headers: { ...desk.headers, "idempotency-key": "abc-1" },
        payload: { accountId: suite.fx.accountA, lines: [{ sku: "SKU-1", quantity }] },
      });
    const first = await send(2);
    const again = await send(2);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().order.id).toBe(first.json().order.id);
    const different = await send(3);
    expect(different.statusCode).toBe(422);
    expect(different.json().error.code).toBe("IDEMPOTENCY_CONFLICT");
    expect(await counts()).toMatchObject({ orders: 1, allocated: 2 });
  });
});

describe("bad input gets a clear 4xx with a code, and nothing is written", () => {
  const cases: [string, () => Record<string, unknown>, number, string][] = [
    ["malformed JSON", () => ({ body: '{"accountId": 1, "lines": [', json: false }), 400, "INVALID_JSON"],
    [
      "unknown SKU",
      () => ({ body: { accountId: suite.fx.accountA, lines: [{ sku: "NOPE-1", quantity: 1 }] } }),
      422,
      "UNKNOWN_SKU",
    ],
    [
      "negative quantity",
      () => ({ body: { accountId: suite.fx.accountA, lines: [{ sku: "SKU-1", quantity: -2 }] } }),
      400,
      "VALIDATION_FAILED",
    ],
    [
      "fractional quantity",
      () => ({ body: { accountId: suite.fx.accountA, lines: [{ sku: "SKU-1", quantity: 1.5 }] } }),
      400,
      "VALIDATION_FAILED",
    ],
    ["no lines", () => ({ body: { accountId: suite.fx.accountA, lines: [] } }), 400, "VALIDATION_FAILED"],
    [
      "unknown account",
      () => ({ body: { accountId: 999999, lines: [{ sku: "SKU-1", quantity: 1 }] } }),
      422,
      "UNKNOWN_ACCOUNT",
    ],
    [
      "another account's ship-to",
      () => ({
        body: {
          accountId: suite.fx.accountA,
          shipToId: suite.fx.shipToB,
          lines: [{ sku: "SKU-1", quantity: 1 }],
        },
      }),
      422,
      "UNKNOWN_SHIP_TO",
    ],
    [
      "bad date",
      () => ({
        body: {
          accountId: suite.fx.accountA,
          requestedShipDate: "2026-02-30x",
          lines: [{ sku: "SKU-1", quantity: 1 }],
        },
      }),
      400,
      "VALIDATION_FAILED",
    ],
    [
      "oversized body",
      () => ({
        body: {
          accountId: suite.fx.accountA,
          notes: "x".repeat(1_100_000),
          lines: [{ sku: "SKU-1", quantity: 1 }],
        },
      }),
      413,
      "BODY_TOO_LARGE",
    ],
  ];
  it.each(cases)("%s", async (_name, make, status, code) => {
    const { body, json } = make() as { body: unknown; json?: boolean };
    const response = await suite.app.inject({
      method: "POST",
      url: "/api/orders",
      headers: { ...desk.headers, "content-type": "application/json" },
      payload: json === false ? (body as string) : JSON.stringify(body),
    });
    expect(response.statusCode, response.body).toBe(status);
    const error = response.json().error;
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(5);
    expect(await counts()).toEqual({ orders: 0, lines: 0, allocations: 0, allocated: 0 });
  });

  it("names the offending field in validation errors", async () => {
    const response = await suite.app.inject({
      method: "POST",
      url: "/api/orders",
      headers: desk.headers,
      payload: { accountId: suite.fx.accountA, lines: [{ sku: "SKU-1", quantity: 1.5 }] },
    });
    expect(response.json().error.data.issues[0].path).toBe("body.lines.0.quantity");
  });
});
