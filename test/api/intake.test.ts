// The intake pipeline end to end through the API: each exception type it raises holds the order
// with an owned exception; backorders get an ETA from purchase orders; simulate keeps nothing;
// identifiers resolve; idempotent submissions race to exactly one order.
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
  const key = await createApiKey(suite.db, deskUser, "ERP", ["orders:read", "orders:write", "catalog:read"]);
  api = { authorization: `Bearer ${key.key}` };
});

const sql = async (text: string, values: unknown[] = []) => (await suite.db.pool.query(text, values)).rows;
const post = (headers: Record<string, string>, payload: unknown, url = "/api/orders") =>
  suite.app.inject({ method: "POST", url, headers, payload: payload as Record<string, unknown> });
const topics = async () => (await sql("select topic from outbox order by id")).map((r) => r.topic);
const FAR = "2099-02-01";

async function addPurchaseOrder(number: string, sku: string, quantity: number, expected: string) {
  const po = (
    await sql(
      "insert into purchase_orders (number, supplier, warehouse_id, expected_date) values ($1, 'Acme Supply', $2, $3) returning id",
      [number, suite.fx.warehouses.east, expected],
    )
  )[0].id;
  await sql("insert into purchase_order_lines (purchase_order_id, item_id, quantity) values ($1, $2, $3)", [
    po,
    suite.fx.items[sku],
    quantity,
  ]);
}

function expectHeldWith(response: { statusCode: number; body: string; json(): any }, type: string) {
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json();
  expect(body.order.status).toBe("on_hold");
  expect(body.intake.status).toBe("on_hold");
  const exception = body.order.exceptions.find((e: any) => e.type === type);
  expect(exception, JSON.stringify(body.order.exceptions)).toMatchObject({
    type,
    status: "open",
    blocking: true,
  });
  expect(exception.id).toBeGreaterThan(0);
  expect(exception.ownerRole ?? exception.ownerUserId).toBeTruthy();
  expect(new Date(exception.deadline).getTime()).toBeGreaterThan(Date.now());
  expect(body.order.history).toMatchObject([{ fromStatus: null, toStatus: "on_hold" }]);
  return { order: body.order, exception, intake: body.intake };
}

describe("held orders, one per exception type", () => {
  it("credit_hold: open orders + this order over the limit; finance owns it, the rep is told", async () => {
    await sql("update accounts set credit_limit = '150.00' where id = $1", [suite.fx.accountA]);
    const rep = (await sql("select id from users where role = 'sales_rep'"))[0].id;
    await sql("update reps set user_id = $1", [rep]);
    const first = await post(desk.headers, {
      accountId: suite.fx.accountA,
      lines: [{ sku: "SKU-1", quantity: 10 }],
    });
    expect(first.json().order.status).toBe("confirmed"); // 125.00 of 150.00
    const second = await post(desk.headers, {
      accountId: suite.fx.accountA,
      lines: [{ sku: "SKU-1", quantity: 4 }],
    });
    const { exception, intake } = expectHeldWith(second, "credit_hold");
    expect(exception.ownerRole).toBe("finance");
    expect(intake.credit).toMatchObject({
      limit: "150.00",
      openOrders: "125.00",
      thisOrder: "50.00",
      overLimit: true,
      overLimitPct: "16.67",
    });
    const note = await sql("select kind, user_id from notifications where kind = 'order.credit_hold'");
    expect(note).toEqual([{ kind: "order.credit_hold", user_id: rep }]);
    expect(await topics()).toEqual(["order.confirmed", "order.held"]);
  });

  it("credit_hold: open receivables count against the limit; invoices overdue beyond the grace days hold", async () => {
    const invoice = (number: string, dueOn: string, amount: string, paid = "0") =>
      sql(
        `insert into invoices (number, account_id, currency, issued_on, due_on, amount, paid_amount)
         values ($1, $2, 'USD', $3::date - 30, $3, $4, $5)`,
        [number, suite.fx.accountA, dueOn, amount, paid],
      );
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    await sql("update accounts set credit_limit = '1000.00', overdue_grace_days = 10 where id = $1", [
      suite.fx.accountA,
    ]);
    await invoice("INV-1", daysAgo(-20), "900.00", "100.00"); // 800.00 owed, not yet due
    await invoice("INV-2", daysAgo(5), "50.00"); // 5 days past due: within the grace days
    const within = await post(desk.headers, {
      accountId: suite.fx.accountA,
      lines: [{ sku: "SKU-1", quantity: 10 }],
    });
    expect(within.json().order.status).toBe("confirmed"); // 850.00 + 125.00 <= 1000.00
    expect(within.json().intake.credit).toMatchObject({
      openReceivables: "850.00",
      exposure: "975.00",
      hold: false,
    });

    const atLimit = await post(desk.headers, {
      accountId: suite.fx.accountA,
      lines: [{ sku: "SKU-1", quantity: 2 }],
    });
    expect(atLimit.json().order.status).toBe("confirmed"); // exactly 1000.00
    const over = await post(desk.headers, {
      accountId: suite.fx.accountA,
      lines: [{ sku: "SKU-1", quantity: 1 }],
    });
    const held = expectHeldWith(over, "credit_hold");
    expect(held.intake.credit).toMatchObject({ exposure: "1012.50", overLimit: true, overdueInvoices: 0 });

    // Account B is far under its limit, but an invoice 40 days past due (grace 15) holds its orders.
    await sql(
      `insert into invoices (number, account_id, currency, issued_on, due_on, amount)
       values ('INV-B1', $1, 'USD', $2::date - 30, $2, '300.00')`,
      [suite.fx.accountB, daysAgo(40)],
    );
    const late = await post(desk.headers, {
      accountId: suite.fx.accountB,
      lines: [{ sku: "SKU-1", quantity: 1 }],
    });
    const lateHold = expectHeldWith(late, "credit_hold");
    expect(lateHold.intake.credit).toMatchObject({
      overLimit: false,
      hold: true,
      overdue: "300.00",
      overdueInvoices: 1,
      oldestOverdueDays: 40,
      graceDays: 15,
    });
    expect(lateHold.exception.summary).toContain("overdue on 1 invoice");
  });

  it("duplicate_po: the same PO number again for the account", async () => {
    const body = { accountId: suite.fx.accountA, poNumber: "PO-DUP", lines: [{ sku: "SKU-1", quantity: 1 }] };
    expect((await post(desk.headers, body)).json().order.status).toBe("confirmed");
    const { exception } = expectHeldWith(await post(desk.headers, body), "duplicate_po");
    expect(exception.summary).toContain("SO-100001");
    // Another account may use the same PO number.
    const other = await post(desk.headers, { ...body, accountId: suite.fx.accountB });
    expect(other.json().order.status).toBe("confirmed");
    // The buyer sees why their order waits, but not our internal notes, owners or deadlines.
    const buyer = await signIn(suite.app, "buyer@a.test");
    const held = (await sql("select order_id from exceptions where id = $1", [exception.id]))[0].order_id;
    const detail = (await suite.app.inject({ url: `/api/orders/${held}`, headers: buyer.headers })).json()
      .order;
    expect(detail.exceptions).toEqual([
      { type: "duplicate_po", status: "open", blocking: true, lineNo: null },
    ]);
  });

  it("price_discrepancy: the buyer's price beyond the account's tolerance, with the approval it needs", async () => {
    await sql("insert into pricing_policies (account_id, price_tolerance_percent) values ($1, '5')", [
      suite.fx.accountA,
    ]);
    const response = await post(desk.headers, {
      accountId: suite.fx.accountA,
      lines: [
        { sku: "SKU-1", quantity: 2, expectedUnitPrice: "11.00" }, // 12.50: 13.6 % off → held
        { sku: "SKU-2", quantity: 1, expectedUnitPrice: "3.30" }, // 3.3333: 1 % → within
      ],
    });
    const { order, exception } = expectHeldWith(response, "price_discrepancy");
    expect(order.exceptions).toHaveLength(1);
    expect(exception.lineNo).toBe(1);
    expect(order.lines[0].expectedUnitPrice).toBe("11.0000");
    const stored = (
      await sql("select amount, approval_role, data from exceptions where id = $1", [exception.id])
    )[0];
    // 12 % discount on our price: the default approval rule wants a sales manager.
    expect(stored).toMatchObject({ amount: "3.00", approval_role: "sales_manager" });
    expect(stored.data).toMatchObject({
      ourUnitPrice: "12.5000",
      expectedUnitPrice: "11.00",
      discountPct: "12.00",
    });
  });

  it("unresolved_item: an unattended channel keeps the line without an item and holds the order", async () => {
    const response = await post(api, {
      accountId: suite.fx.accountA,
      lines: [
        { sku: "SKU-1", quantity: 1 },
        { item: { gtin: "00099999999993" }, quantity: 2, uom: "EA" },
      ],
    });
    const { order, exception } = expectHeldWith(response, "unresolved_item");
    expect(order.channel).toBe("api");
    expect(order.lines[1]).toMatchObject({
      lineNo: 2,
      itemId: null,
      sku: null,
      unresolved: true,
      quantity: 2,
      unitPrice: null,
      requested: { item: { gtin: "00099999999993" }, quantity: 2, uom: "EA" },
    });
    expect(exception).toMatchObject({ lineNo: 2, ownerRole: "order_desk" });
    expect(order.total).toBe("12.50");
    // The desk, where the person can fix it, still gets the 422 and nothing is written.
    const refused = await post(desk.headers, {
      accountId: suite.fx.accountA,
      lines: [{ sku: "NOPE", quantity: 1 }],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe("UNKNOWN_SKU");
    expect((await sql("select count(*)::int as n from orders"))[0].n).toBe(1);
  });

  it("below_moq: held on unattended channels, refused (422) at the desk", async () => {
    await sql("update items set min_order_qty = 10 where sku = 'SKU-4'");
    const held = await post(api, { accountId: suite.fx.accountA, lines: [{ sku: "SKU-4", quantity: 5 }] });
    const { exception } = expectHeldWith(held, "below_moq");
    expect(exception.lineNo).toBe(1);
    const refused = await post(desk.headers, {
      accountId: suite.fx.accountA,
      lines: [{ sku: "SKU-4", quantity: 5 }],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe("PRICING_VIOLATION");
  });

  it("backorder: a ship-complete account's order waits for the short line", async () => {
    await sql("update accounts set ship_policy = 'complete' where id = $1", [suite.fx.accountA]);
    await addPurchaseOrder("PO-IN-1", "SKU-5", 50, FAR);
    const response = await post(desk.headers, {
      accountId: suite.fx.accountA,
      lines: [
        { sku: "SKU-1", quantity: 1 },
        { sku: "SKU-5", quantity: 3 },
      ],
    });
    const { order, exception, intake } = expectHeldWith(response, "backorder");
    expect(exception.lineNo).toBe(2);
    expect(order.lines[1]).toMatchObject({ backorderedQuantity: 3, backorderEta: FAR });
    expect(intake.promiseDate).toBe(FAR);
    expect(await topics()).toEqual(["order.held", "order.backordered"]);
  });
});

describe("backorders on a ship-partial account", () => {
  it("allocates what there is, backorders the rest with an ETA from a purchase order, and stays confirmed", async () => {
    await sql("update stock_levels set on_hand = 2 where item_id = $1 and warehouse_id = $2", [
      suite.fx.items["SKU-5"],
      suite.fx.warehouses.west,
    ]);
    await addPurchaseOrder("PO-IN-2", "SKU-5", 10, FAR);
    const first = await post(desk.headers, {
      accountId: suite.fx.accountA,
      lines: [{ sku: "SKU-5", quantity: 6 }],
    });
    expect(first.statusCode, first.body).toBe(201);
    const order = first.json().order;
    expect(order.status).toBe("confirmed");
    expect(order.exceptions).toEqual([]);
    expect(order.lines[0]).toMatchObject({ quantity: 6, backorderedQuantity: 4, backorderEta: FAR });
    expect(order.lines[0].allocations).toEqual([
      { warehouseCode: "WEST", warehouseName: "WEST DC", quantity: 2 },
    ]);
    expect(await topics()).toEqual(["order.confirmed", "order.backordered"]);
    const backordered = (await sql("select payload from outbox where topic = 'order.backordered'"))[0]
      .payload;
    expect(backordered.lines).toEqual([{ lineNo: 1, sku: "SKU-5", backordered: 4, eta: FAR }]);

    // 4 of the 10 inbound are promised: 7 more cannot be covered → no ETA, a non-blocking owner.
    const second = await post(desk.headers, {
      accountId: suite.fx.accountA,
      lines: [{ sku: "SKU-5", quantity: 7 }],
    });
    const next = second.json().order;
    expect(next.status).toBe("confirmed");
    expect(next.lines[0]).toMatchObject({ backorderedQuantity: 7, backorderEta: null });
    expect(next.exceptions).toMatchObject([{ type: "backorder", blocking: false, status: "open" }]);

    const atp = await suite.app.inject({ url: "/api/inventory/atp?skus=SKU-5,NOPE", headers: desk.headers });
    expect(atp.statusCode, atp.body).toBe(200);
    const item = atp.json().items[0];
    expect(item).toMatchObject({ sku: "SKU-5", available: 0, inbound: 10, backordered: 11 });
    const east = item.warehouses.find((w: any) => w.warehouseCode === "EAST");
    expect(east.inbound).toEqual([
      { date: FAR, quantity: 10, warehouseId: suite.fx.warehouses.east, purchaseOrder: "PO-IN-2" },
    ]);
    expect(east.timeline.at(-1)).toEqual({ date: FAR, atp: 10 });
    expect(atp.json().unknownSkus).toEqual(["NOPE"]);
    const buyer = await signIn(suite.app, "buyer@a.test");
    expect(
      (await suite.app.inject({ url: "/api/inventory/atp?skus=SKU-5", headers: buyer.headers })).statusCode,
    ).toBe(403);
  });
});

describe("simulate", () => {
  const footprint = async () =>
    (
      await sql(
        `select (select count(*) from orders)::int as orders, (select count(*) from order_lines)::int as lines,
                (select count(*) from allocations)::int as allocations,
                (select coalesce(sum(allocated), 0) from stock_levels)::int as allocated,
                (select count(*) from stock_movements)::int as movements,
                (select count(*) from exceptions)::int as exceptions,
                (select count(*) from notifications)::int as notifications,
                (select count(*) from outbound_mail)::int as mail,
                (select count(*) from outbox)::int as events,
                (select count(*) from account_last_prices)::int as last_prices`,
      )
    )[0];

  it("shows prices, availability, backorders, promise date, credit and exceptions, and writes nothing", async () => {
    await post(desk.headers, {
      accountId: suite.fx.accountA,
      poNumber: "PO-SIM",
      lines: [{ sku: "SKU-2", quantity: 1 }],
    });
    await addPurchaseOrder("PO-IN-3", "SKU-5", 10, FAR);
    await sql("update accounts set credit_limit = '100.00' where id = $1", [suite.fx.accountA]);
    const before = await footprint();
    const response = await post(
      desk.headers,
      {
        accountId: suite.fx.accountA,
        poNumber: "PO-SIM",
        lines: [
          { sku: "SKU-3", quantity: 2 },
          { sku: "SKU-5", quantity: 4 },
        ],
      },
      "/api/orders/simulate",
    );
    expect(response.statusCode, response.body).toBe(200);
    const sim = response.json().simulation;
    expect(sim).toMatchObject({
      mode: "simulate",
      orderId: null,
      number: null,
      status: "on_hold",
      total: "160.61",
    });
    expect(sim.lines[0]).toMatchObject({ sku: "SKU-3", unitPrice: "60.3250", extendedAmount: "120.65" });
    expect(sim.lines[0].waterfall[0]).toMatchObject({ kind: "list" });
    expect(sim.lines[0].allocations).toEqual([{ warehouseId: suite.fx.warehouses.east, quantity: 2 }]);
    expect(sim.lines[0].availability.map((w: any) => [w.warehouseCode, w.available])).toEqual([
      ["EAST", 10],
      ["WEST", 10],
    ]);
    expect(sim.lines[1]).toMatchObject({ backorderedQuantity: 4, backorderEta: FAR, promiseDate: FAR });
    expect(sim.promiseDate).toBe(sim.lines[0].promiseDate); // ship partial: the first shipment
    expect(sim.credit).toMatchObject({ limit: "100.00", openOrders: "3.33", overLimit: true });
    expect(sim.exceptions.map((e: any) => [e.type, e.id, e.ownerRole])).toEqual([
      ["duplicate_po", null, "order_desk"],
      ["credit_hold", null, "finance"],
    ]);
    expect(sim.events).toEqual(["order.held", "order.backordered"]);
    expect(await footprint()).toEqual(before);
    // No order number was used up.
    const real = await post(desk.headers, {
      accountId: suite.fx.accountB,
      lines: [{ sku: "SKU-1", quantity: 1 }],
    });
    expect(real.json().order.number).toBe("SO-100002");
  });
});

describe("resolving identifiers", () => {
  it("finds the account by number, the ship-to by store number, items by GTIN, customer and vendor part", async () => {
    await sql("update items set upc = '012345678905' where sku = 'SKU-2'");
    await sql("update items set vendor_part_no = 'VP-4' where sku = 'SKU-4'");
    await sql("update ship_tos set edi_store_number = '0042' where id = $1", [suite.fx.shipToA]);
    await sql("insert into customer_part_numbers (account_id, item_id, part_no) values ($1, $2, 'ACME-77')", [
      suite.fx.accountA,
      suite.fx.items["SKU-3"],
    ]);
    const response = await post(desk.headers, {
      account: { number: "C-A001" },
      shipTo: { storeNumber: "42" },
      lines: [
        { item: { gtin: "00012345678905" }, quantity: 1 },
        { item: { customerPart: "ACME-77" }, quantity: 1 },
        { item: { vendorPart: "VP-4" }, quantity: 2, uom: "CS" },
      ],
    });
    expect(response.statusCode, response.body).toBe(201);
    const order = response.json().order;
    expect(order.accountId).toBe(suite.fx.accountA);
    expect(order.shipTo.id).toBe(suite.fx.shipToA);
    expect(order.lines.map((l: any) => [l.sku, l.quantity])).toEqual([
      ["SKU-2", 1],
      ["SKU-3", 1],
      ["SKU-4", 24], // 2 cases of 12
    ]);
    const buyer = await signIn(suite.app, "buyer@b.test");
    const other = await post(buyer.headers, {
      account: { number: "C-A001" },
      lines: [{ sku: "SKU-1", quantity: 1 }],
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe("UNKNOWN_ACCOUNT");
  });
});

describe("idempotency race", () => {
  it("50 identical concurrent submissions make exactly one order", { timeout: 120_000 }, async () => {
    const body = {
      accountId: suite.fx.accountA,
      poNumber: "PO-RACE",
      lines: [{ sku: "SKU-1", quantity: 3 }],
    };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => post({ ...api, "idempotency-key": "race-1" }, body)),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    expect(new Set(responses.map((r) => r.json().order.id)).size).toBe(1);
    expect(responses[0].json().order.status).toBe("confirmed"); // not held as its own duplicate PO
    const [counts] = await sql(
      `select (select count(*) from orders)::int as orders, (select sum(allocated) from stock_levels)::int as allocated,
              (select count(*) from exceptions)::int as exceptions, (select count(*) from outbox)::int as events`,
    );
    expect(counts).toEqual({ orders: 1, allocated: 3, exceptions: 0, events: 1 });
    const conflict = await post({ ...api, "idempotency-key": "race-1" }, { ...body, poNumber: "PO-OTHER" });
    expect(conflict.statusCode).toBe(422);
    expect(conflict.json().error.code).toBe("IDEMPOTENCY_CONFLICT");
  });
});
