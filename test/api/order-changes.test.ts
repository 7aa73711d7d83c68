// POST /api/orders/:id/changes: order takers change any order, buyers only their own company's and
// only quantities/cancellations; refusals map to 404/409/422; GET /api/orders/:id lists the changes.
import { beforeEach, describe, expect, it } from "vitest";
import { apiSuite } from "../support/app.ts";
import { type Session, signIn } from "../support/http.ts";

const suite = apiSuite();
let desk: Session;
let buyerA: Session;

beforeEach(async () => {
  desk = await signIn(suite.app, "order_desk@staff.test");
  buyerA = await signIn(suite.app, "buyer@a.test");
});

async function place(accountId: number) {
  const response = await suite.app.inject({
    method: "POST",
    url: "/api/orders",
    headers: desk.headers,
    payload: {
      accountId,
      lines: [
        { sku: "SKU-1", quantity: 10 },
        { sku: "SKU-2", quantity: 4 },
      ],
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().order.id as number;
}

const changes = (session: Session, id: number, payload: unknown, headers: Record<string, string> = {}) =>
  suite.app.inject({
    method: "POST",
    url: `/api/orders/${id}/changes`,
    headers: { ...session.headers, ...headers },
    payload: payload as Record<string, unknown>,
  });

describe("POST /api/orders/:id/changes", () => {
  it("the order desk changes, adds and cancels lines; the detail shows the history", async () => {
    const id = await place(suite.fx.accountA);
    const response = await changes(desk, id, {
      reason: "phoned in",
      changes: [
        { kind: "quantity", lineNo: 1, quantity: 6 },
        { kind: "cancel_line", sku: "SKU-2" },
        { kind: "add_line", sku: "SKU-4", quantity: 20 },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.order.total).toBe("77.00");
    expect(body.order.lines.map((l: any) => [l.sku, l.quantity, l.status])).toEqual([
      ["SKU-1", 6, "open"],
      ["SKU-2", 4, "cancelled"],
      ["SKU-4", 20, "open"],
    ]);
    const detail = (await suite.app.inject({ url: `/api/orders/${id}`, headers: buyerA.headers })).json()
      .order;
    expect(detail.changes.map((c: any) => [c.kind, c.lineNo, c.source, c.reason, c.userName])).toEqual([
      ["quantity", 1, "desk", "phoned in", "order_desk"],
      ["cancel_line", 2, "desk", "phoned in", "order_desk"],
      ["add_line", 3, "desk", "phoned in", "order_desk"],
    ]);
    expect(detail.changes[0].before.quantity).toBe(10);
    expect(detail.changes[0].after.quantity).toBe(6);
  });

  it("an Idempotency-Key replay applies nothing twice", async () => {
    const id = await place(suite.fx.accountA);
    const payload = { changes: [{ kind: "quantity", lineNo: 1, quantity: 3 }] };
    const first = await changes(desk, id, payload, { "idempotency-key": "chg-1" });
    const second = await changes(desk, id, payload, { "idempotency-key": "chg-1" });
    expect([first.json().replayed, second.json().replayed]).toEqual([false, true]);
    expect(second.json().order.changes).toHaveLength(1);
  });

  it("a buyer changes quantities of their own company's orders only", async () => {
    const own = await place(suite.fx.accountA);
    const other = await place(suite.fx.accountB);
    const ok = await changes(buyerA, own, { changes: [{ kind: "quantity", lineNo: 2, quantity: 1 }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().order.changes[0].source).toBe("portal");
    const theirs = await changes(buyerA, other, { changes: [{ kind: "cancel_order" }] });
    expect(theirs.statusCode).toBe(404);
    expect(Object.keys(theirs.json())).toEqual(["error"]);
    const add = await changes(buyerA, own, { changes: [{ kind: "add_line", sku: "SKU-4", quantity: 1 }] });
    expect(add.statusCode).toBe(403);
    const price = await changes(buyerA, own, { changes: [{ kind: "price", lineNo: 1, unitPrice: "1.00" }] });
    expect(price.statusCode).toBe(403);
  });

  it("refuses a shipped order (409), an unknown line (422) and an unknown item (422)", async () => {
    const id = await place(suite.fx.accountA);
    const line = await changes(desk, id, { changes: [{ kind: "quantity", lineNo: 7, quantity: 1 }] });
    expect([line.statusCode, line.json().error.code]).toEqual([422, "LINE_NOT_FOUND"]);
    const item = await changes(desk, id, { changes: [{ kind: "add_line", sku: "NOPE", quantity: 1 }] });
    expect([item.statusCode, item.json().error.code]).toEqual([422, "UNKNOWN_SKU"]);
    await suite.db.pool.query("update orders set status = 'shipped' where id = $1", [id]);
    const shipped = await changes(desk, id, { changes: [{ kind: "cancel_order" }] });
    expect([shipped.statusCode, shipped.json().error.code]).toEqual([409, "ORDER_NOT_CHANGEABLE"]);
  });
});
