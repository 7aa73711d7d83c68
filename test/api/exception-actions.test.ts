// Resolving an exception acts on its order in the same transaction: each resolution action through
// POST /api/exceptions/:id/resolve, what it does to the order, and the order's release once no
// blocking exception is left. Also: cancelling an order or a line closes its exceptions.
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

const sql = async (text: string, values: unknown[] = []) => (await suite.db.pool.query(text, values)).rows;
const order = async (headers: Record<string, string>, payload: Record<string, unknown>) => {
  const response = await suite.app.inject({ method: "POST", url: "/api/orders", headers, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().order;
};
const exceptionOf = (o: any, type: string) => {
  const e = o.exceptions.find((x: any) => x.type === type);
  expect(e, JSON.stringify(o.exceptions)).toBeTruthy();
  return e;
};
const resolve = (session: Session, id: number, action: string, reason = "checked with the buyer") =>
  suite.app.inject({
    method: "POST",
    url: `/api/exceptions/${id}/resolve`,
    headers: session.headers,
    payload: { action, reason },
  });
const detail = async (id: number) =>
  (await suite.app.inject({ url: `/api/orders/${id}`, headers: desk.headers })).json().order;
const stockOf = async (sku: string) =>
  (
    await sql(
      "select sum(on_hand)::int as on_hand, sum(allocated)::int as allocated from stock_levels where item_id = $1",
      [suite.fx.items[sku]],
    )
  )[0];

describe("resolution actions act on the order", () => {
  it("approve_price: the line sells at the buyer's price, only with the approval it needs", async () => {
    const held = await order(api, {
      accountId: suite.fx.accountA,
      lines: [
        { sku: "SKU-1", quantity: 10, expectedUnitPrice: "11.00" }, // 12 % off 12.50
        { sku: "SKU-2", quantity: 3 },
      ],
    });
    expect(held.status).toBe("on_hold");
    const e = exceptionOf(held, "price_discrepancy");
    const refused = await resolve(desk, e.id, "approve_price");
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain("sales_manager");

    const manager = await signIn(suite.app, "sales_manager@staff.test");
    const done = await resolve(manager, e.id, "approve_price", "matches their contract renewal");
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().exception).toMatchObject({ status: "resolved", resolutionAction: "approve_price" });
    const after = await detail(held.id);
    expect(after.status).toBe("confirmed");
    expect(after.lines[0]).toMatchObject({ unitPrice: "11.0000", extendedAmount: "110.00" });
    expect(after.total).toBe("120.00"); // 110.00 + 3 × 3.3333 = 10.00
    expect(after.history.at(-1)).toMatchObject({ fromStatus: "on_hold", toStatus: "confirmed" });
    expect(after.changes).toMatchObject([
      {
        kind: "price_approved",
        lineNo: 1,
        before: { unitPrice: "12.5000" },
        after: { unitPrice: "11.0000" },
      },
    ]);
    const waterfall = (
      await sql("select price_explanation from order_lines where id = (select min(id) from order_lines)")
    )[0].price_explanation.waterfall;
    expect(waterfall.at(-1)).toMatchObject({ kind: "approved_price", before: "12.5000", after: "11.0000" });
    const topics = (await sql("select topic from outbox order by id")).map((r) => r.topic);
    expect(topics.slice(-2)).toEqual(["order.changed", "order.confirmed"]);
    const trail = (await suite.app.inject({ url: `/api/exceptions/${e.id}`, headers: desk.headers })).json()
      .exception.audit;
    expect(trail.at(-1)).toMatchObject({
      action: "resolved:approve_price",
      reason: "matches their contract renewal",
    });
  });

  it("cancel_line: the unresolved line goes, the order is released; an only line cannot be cancelled", async () => {
    const held = await order(api, {
      accountId: suite.fx.accountA,
      lines: [
        { sku: "SKU-1", quantity: 2 },
        { item: { gtin: "00099999999993" }, quantity: 2, uom: "EA" },
      ],
    });
    const e = exceptionOf(held, "unresolved_item");
    expect((await resolve(desk, e.id, "cancel_line", "buyer says drop it")).statusCode).toBe(200);
    const after = await detail(held.id);
    expect(after.status).toBe("confirmed");
    expect(after.lines.map((l: any) => l.status)).toEqual(["open", "cancelled"]);
    expect(after.total).toBe("25.00");

    const only = await order(api, {
      accountId: suite.fx.accountA,
      lines: [{ item: { gtin: "00099999999993" }, quantity: 1, uom: "EA" }],
    });
    const e2 = exceptionOf(only, "unresolved_item");
    const refused = await resolve(desk, e2.id, "cancel_line");
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain("cancel the order");
    // Nothing happened: the exception is still open, the order still held.
    expect((await sql("select status from exceptions where id = $1", [e2.id]))[0].status).toBe("open");
    expect((await detail(only.id)).status).toBe("on_hold");
  });

  it("reject: the order is cancelled, its stock released and its other exceptions closed", async () => {
    const first = { accountId: suite.fx.accountA, poNumber: "PO-9", lines: [{ sku: "SKU-3", quantity: 4 }] };
    await order(desk.headers, first);
    const dup = await order(api, {
      ...first,
      lines: [{ sku: "SKU-3", quantity: 4, expectedUnitPrice: "1.00" }],
    });
    expect((await stockOf("SKU-3")).allocated).toBe(8);
    const e = exceptionOf(dup, "duplicate_po");
    expect((await resolve(desk, e.id, "reject", "already ordered on SO-100001")).statusCode).toBe(200);
    const after = await detail(dup.id);
    expect(after.status).toBe("cancelled");
    expect((await stockOf("SKU-3")).allocated).toBe(4);
    const statuses = Object.fromEntries(after.exceptions.map((x: any) => [x.type, x.status]));
    expect(statuses).toEqual({ duplicate_po: "resolved", price_discrepancy: "cancelled" });
  });

  it("release_hold and override_credit release once nothing else blocks", async () => {
    await sql("update accounts set credit_limit = '50.00' where id = $1", [suite.fx.accountA]);
    const body = { accountId: suite.fx.accountA, poNumber: "PO-7", lines: [{ sku: "SKU-1", quantity: 6 }] };
    await order(desk.headers, { ...body, lines: [{ sku: "SKU-2", quantity: 1 }] });
    const held = await order(desk.headers, body); // duplicate PO, and 3.33 + 75.00 over 50.00
    const dup = exceptionOf(held, "duplicate_po");
    const credit = exceptionOf(held, "credit_hold");
    expect((await resolve(desk, dup.id, "release_hold", "second delivery, same PO")).statusCode).toBe(200);
    expect((await detail(held.id)).status).toBe("on_hold"); // the credit hold still blocks
    expect((await resolve(desk, credit.id, "override_credit")).statusCode).toBe(403); // finance owns it
    const finance = await signIn(suite.app, "finance@staff.test");
    expect((await resolve(finance, credit.id, "override_credit", "payment promised Friday")).statusCode).toBe(
      200,
    );
    expect((await detail(held.id)).status).toBe("confirmed");
  });

  it("split: a ship-complete order ships what there is, the backorders follow on the same order", async () => {
    await sql("update accounts set ship_policy = 'complete' where id = $1", [suite.fx.accountA]);
    await sql("update stock_levels set on_hand = 5 where item_id = $1", [suite.fx.items["SKU-3"]]);
    const held = await order(desk.headers, {
      accountId: suite.fx.accountA,
      lines: [
        { sku: "SKU-1", quantity: 1 },
        { sku: "SKU-3", quantity: 12 }, // 10 in stock
        { sku: "SKU-5", quantity: 2 }, // none
      ],
    });
    const backorders = held.exceptions.filter((x: any) => x.type === "backorder");
    expect(backorders).toHaveLength(2);
    expect(
      (await resolve(desk, backorders[0].id, "split", "customer wants what we have now")).statusCode,
    ).toBe(200);
    const after = await detail(held.id);
    expect(after.status).toBe("confirmed");
    expect(after.exceptions.filter((x: any) => x.type === "backorder").map((x: any) => x.status)).toEqual([
      "resolved",
      "cancelled",
    ]);
    expect(after.lines.map((l: any) => l.backorderedQuantity)).toEqual([0, 2, 2]);
    expect((await sql("select ship_policy from orders where id = $1", [held.id]))[0].ship_policy).toBe(
      "partial",
    );
    expect(after.changes).toMatchObject([{ kind: "split", before: { shipPolicy: "complete" } }]);
  });
});

describe("substitutes", () => {
  beforeEach(async () => {
    await sql("insert into item_substitutes (item_id, substitute_item_id, priority) values ($1, $2, 1)", [
      suite.fx.items["SKU-5"],
      suite.fx.items["SKU-4"],
    ]);
  });

  it("a short item with an in-stock substitute proposes it; accepting switches the line", async () => {
    await sql("update accounts set ship_policy = 'complete' where id = $1", [suite.fx.accountA]);
    const held = await order(desk.headers, {
      accountId: suite.fx.accountA,
      lines: [
        { sku: "SKU-1", quantity: 1 },
        { sku: "SKU-5", quantity: 24 },
      ],
    });
    expect(held.status).toBe("on_hold"); // ship complete: the backorder holds it
    const proposal = exceptionOf(held, "substitution_awaiting_customer");
    expect(proposal).toMatchObject({ lineNo: 2, ownerRole: "sales_rep" });
    expect(proposal.data).toMatchObject({ substituteSku: "SKU-4", quantity: 24, available: 2000 });
    const rep = await signIn(suite.app, "sales_rep@staff.test");
    expect((await resolve(rep, proposal.id, "accept_substitution", "buyer OK'd by phone")).statusCode).toBe(
      200,
    );
    const after = await detail(held.id);
    expect(after.status).toBe("confirmed");
    expect(after.lines.map((l: any) => [l.sku, l.quantity, l.status, l.backorderedQuantity])).toEqual([
      ["SKU-1", 1, "open", 0],
      ["SKU-5", 24, "cancelled", 0],
      ["SKU-4", 24, "open", 0],
    ]);
    expect(exceptionOf(after, "backorder").status).toBe("cancelled");
    expect((await stockOf("SKU-4")).allocated).toBe(24);
  });

  it("declining keeps the backorder; a substitute without enough stock is not proposed", async () => {
    const confirmed = await order(desk.headers, {
      accountId: suite.fx.accountA,
      lines: [{ sku: "SKU-5", quantity: 6 }],
    });
    expect(confirmed.status).toBe("confirmed"); // ship partial: the proposal waits without holding
    const proposal = exceptionOf(confirmed, "substitution_awaiting_customer");
    const rep = await signIn(suite.app, "sales_rep@staff.test");
    expect((await resolve(rep, proposal.id, "decline_substitution", "they will wait")).statusCode).toBe(200);
    const after = await detail(confirmed.id);
    expect(after.lines[0]).toMatchObject({ sku: "SKU-5", backorderedQuantity: 6, status: "open" });

    const tooMany = await order(desk.headers, {
      accountId: suite.fx.accountA,
      lines: [{ sku: "SKU-5", quantity: 5000 }],
    });
    expect(tooMany.exceptions.map((x: any) => x.type)).not.toContain("substitution_awaiting_customer");
  });

  it("counts what the same order takes of the substitute (written with the order, after the proposal)", async () => {
    const lines = (sku4: number) => [
      { sku: "SKU-5", quantity: 6 },
      { sku: "SKU-4", quantity: sku4 },
    ];
    // SKU-4 has 2000 free: the order that takes 10 of them leaves 1990 to propose.
    const enough = await order(desk.headers, { accountId: suite.fx.accountA, lines: lines(10) });
    expect(exceptionOf(enough, "substitution_awaiting_customer").data).toMatchObject({ available: 1990 });
    // Taking 1985 of the 1990 left leaves 5, too few for the 6 short of SKU-5.
    const short = await order(desk.headers, { accountId: suite.fx.accountA, lines: lines(1985) });
    expect(short.exceptions.map((x: any) => x.type)).not.toContain("substitution_awaiting_customer");
  });
});

describe("changes close the exceptions of what they cancel", () => {
  it("cancelling an order cancels its open exceptions; cancelling the held line releases the order", async () => {
    const held = await order(api, {
      accountId: suite.fx.accountA,
      lines: [
        { sku: "SKU-1", quantity: 1 },
        { sku: "SKU-2", quantity: 1, expectedUnitPrice: "1.00" },
      ],
    });
    const e = exceptionOf(held, "price_discrepancy");
    const cancelLine = await suite.app.inject({
      method: "POST",
      url: `/api/orders/${held.id}/changes`,
      headers: desk.headers,
      payload: { changes: [{ kind: "cancel_line", lineNo: 2 }], reason: "buyer dropped it" },
    });
    expect(cancelLine.statusCode, cancelLine.body).toBe(200);
    let after = await detail(held.id);
    expect(after.status).toBe("confirmed");
    expect(after.exceptions.find((x: any) => x.id === e.id).status).toBe("cancelled");

    const second = await order(api, {
      accountId: suite.fx.accountA,
      lines: [{ sku: "SKU-2", quantity: 1, expectedUnitPrice: "1.00" }],
    });
    const cancel = await suite.app.inject({
      method: "POST",
      url: `/api/orders/${second.id}/changes`,
      headers: desk.headers,
      payload: { changes: [{ kind: "cancel_order" }], reason: "buyer cancelled" },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    after = await detail(second.id);
    expect(after.status).toBe("cancelled");
    expect(after.exceptions.map((x: any) => x.status)).toEqual(["cancelled"]);
    const trail = (
      await sql("select action, reason from exception_audit where exception_id = $1 order by id", [
        after.exceptions[0].id,
      ])
    ).map((r) => r.action);
    expect(trail).toEqual(["raised", "cancelled"]);
  });
});

describe("colleagues to hand work to", () => {
  it("GET /api/staff lists active staff by name and role, without emails or buyers", async () => {
    const response = await suite.app.inject({ url: "/api/staff", headers: desk.headers });
    expect(response.statusCode).toBe(200);
    const staff = response.json().staff;
    expect(staff.map((m: any) => m.role).sort()).toEqual(
      ["admin", "finance", "order_desk", "sales_manager", "sales_rep", "warehouse"].sort(),
    );
    expect(Object.keys(staff[0]).sort()).toEqual(["id", "name", "role"]);
    const buyer = await signIn(suite.app, "buyer@a.test");
    expect((await suite.app.inject({ url: "/api/staff", headers: buyer.headers })).statusCode).toBe(403);
  });
});
