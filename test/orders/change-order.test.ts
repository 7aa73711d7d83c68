// changeOrder: quantity down releases exactly, up allocates then backorders, lines cancelled and
// added, the order cancelled with everything released, refusals, price expectations, replays.
import { beforeEach, describe, expect, it } from "vitest";
import type { Caller } from "../../src/app/access.ts";
import type { Db } from "../../src/app/db.ts";
import { changeOrder, type LineChange } from "../../src/modules/orders/change-order.ts";
import { createOrder } from "../../src/modules/orders/create-order.ts";
import { submit } from "../../src/modules/orders/intake/submit.ts";
import { resetDb, testDb } from "../support/db.ts";
import { type Fixture, seedFixture } from "../support/fixture.ts";

let db: Db;
let fx: Fixture;
let caller: Caller;

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  fx = await seedFixture(db);
  const u = (await db.pool.query("select id from users where role = 'order_desk'")).rows[0].id;
  caller = { userId: u, role: "order_desk", accountId: null, name: "desk", email: "d@x", scopes: null };
});

const sql = async (text: string, values: unknown[] = []) => (await db.pool.query(text, values)).rows;

/** Every stock counter equals the sum of its allocations (no leak, no double count). */
async function expectCountersMatchAllocations() {
  const rows = await sql(
    `select s.item_id, s.warehouse_id, s.allocated, coalesce(sum(a.quantity), 0)::int as allocs
       from stock_levels s left join allocations a on a.item_id = s.item_id and a.warehouse_id = s.warehouse_id
      group by s.item_id, s.warehouse_id, s.allocated`,
  );
  for (const r of rows) expect(r.allocated, JSON.stringify(r)).toBe(r.allocs);
}

const allocatedOf = async (sku: string) =>
  Number(
    (await sql("select sum(allocated)::int as n from stock_levels where item_id = $1", [fx.items[sku]]))[0].n,
  );

async function order(lines: { sku: string; quantity: number }[]) {
  return (await createOrder(db, { accountId: fx.accountA, poNumber: "PO-C1", lines }, caller, "desk"))
    .orderId;
}

const change = (orderId: number, changes: LineChange[], key?: string) =>
  changeOrder(
    db,
    { orderId, changes, source: "test", reason: "buyer asked", idempotencyKey: key ?? null },
    caller,
    new Date(),
  );

const lineOf = async (orderId: number, lineNo: number) =>
  (
    await sql(
      `select quantity, backordered_quantity as back, status, extended_amount as ext, expected_unit_price as exp
         from order_lines where order_id = $1 and line_no = $2`,
      [orderId, lineNo],
    )
  )[0];

describe("changeOrder", () => {
  it("a quantity decrease releases exactly the difference, with release movements and a change record", async () => {
    const id = await order([{ sku: "SKU-1", quantity: 150 }]); // 100 east + 50 west
    expect(await allocatedOf("SKU-1")).toBe(150);
    const out = await change(id, [{ kind: "quantity", lineNo: 1, quantity: 70 }]);
    expect(out.ok, JSON.stringify(out)).toBe(true);
    expect(await allocatedOf("SKU-1")).toBe(70);
    await expectCountersMatchAllocations();
    const moves = await sql(
      "select sum(allocated_delta)::int as n from stock_movements where kind = 'release'",
    );
    expect(moves[0].n).toBe(-80);
    expect(await lineOf(id, 1)).toMatchObject({ quantity: 70, back: 0, status: "open", ext: "875.00" });
    expect((await sql("select total from orders where id = $1", [id]))[0].total).toBe("875.00");
    const rec = await sql(
      "select kind, line_no, before, after, source, reason from order_changes where order_id = $1",
      [id],
    );
    expect(rec).toEqual([
      {
        kind: "quantity",
        line_no: 1,
        before: expect.objectContaining({ quantity: 150, allocated: 150 }),
        after: expect.objectContaining({ quantity: 70, allocated: 70 }),
        source: "test",
        reason: "buyer asked",
      },
    ]);
    expect((await sql("select topic from outbox order by id")).map((r) => r.topic)).toContain(
      "order.changed",
    );
  });

  it("a quantity increase allocates what is free and backorders the rest", async () => {
    const id = await order([{ sku: "SKU-3", quantity: 15 }]); // 20 in stock
    const out = await change(id, [{ kind: "quantity", sku: "SKU-3", quantity: 25 }]);
    expect(out.ok, JSON.stringify(out)).toBe(true);
    expect(await allocatedOf("SKU-3")).toBe(20);
    expect(await lineOf(id, 1)).toMatchObject({ quantity: 25, back: 5 });
    await expectCountersMatchAllocations();
    // Down again: the backorder goes first, then allocated units.
    await change(id, [{ kind: "quantity", lineNo: 1, quantity: 12 }]);
    expect(await lineOf(id, 1)).toMatchObject({ quantity: 12, back: 0 });
    expect(await allocatedOf("SKU-3")).toBe(12);
    await expectCountersMatchAllocations();
  });

  it("deletes a line and adds one (priced by the engine), recomputing the total", async () => {
    const id = await order([
      { sku: "SKU-1", quantity: 2 },
      { sku: "SKU-2", quantity: 3 },
    ]);
    const out = await change(id, [
      { kind: "cancel_line", lineNo: 2 },
      { kind: "add_line", sku: "SKU-4", quantity: 10 },
    ]);
    expect(out.ok, JSON.stringify(out)).toBe(true);
    expect(await lineOf(id, 2)).toMatchObject({ status: "cancelled", back: 0 });
    expect(await allocatedOf("SKU-2")).toBe(0);
    expect(await lineOf(id, 3)).toMatchObject({ quantity: 10, status: "open", ext: "1.00" });
    expect(await allocatedOf("SKU-4")).toBe(10);
    const head = (await sql("select total, line_count from orders where id = $1", [id]))[0];
    expect(head).toEqual({ total: "26.00", line_count: 2 });
    await expectCountersMatchAllocations();
  });

  it("cancelling the order releases everything and records the transition", async () => {
    const id = await order([
      { sku: "SKU-1", quantity: 120 },
      { sku: "SKU-3", quantity: 4 },
    ]);
    const out = await change(id, [{ kind: "cancel_order" }]);
    expect(out.ok && out.status).toBe("cancelled");
    expect(await allocatedOf("SKU-1")).toBe(0);
    expect(await allocatedOf("SKU-3")).toBe(0);
    expect((await sql("select count(*)::int as n from allocations"))[0].n).toBe(0);
    await expectCountersMatchAllocations();
    const h = await sql(
      "select from_status, to_status from order_status_history where order_id = $1 order by id",
      [id],
    );
    expect(h.at(-1)).toEqual({ from_status: "confirmed", to_status: "cancelled" });
    // A cancelled order changes no more.
    const again = await change(id, [{ kind: "quantity", lineNo: 1, quantity: 1 }]);
    expect(again).toMatchObject({ ok: false, code: "ORDER_NOT_CHANGEABLE" });
  });

  it("refuses changes to a shipped order, an unknown line, and an unknown order, changing nothing", async () => {
    const id = await order([{ sku: "SKU-1", quantity: 5 }]);
    expect(await change(id, [{ kind: "quantity", lineNo: 9, quantity: 1 }])).toMatchObject({
      ok: false,
      code: "LINE_NOT_FOUND",
    });
    expect(await change(999999, [{ kind: "cancel_order" }])).toMatchObject({
      ok: false,
      code: "ORDER_NOT_FOUND",
    });
    await sql("update orders set status = 'shipped' where id = $1", [id]);
    expect(await change(id, [{ kind: "quantity", lineNo: 1, quantity: 1 }])).toMatchObject({
      ok: false,
      code: "ORDER_NOT_CHANGEABLE",
      data: { status: "shipped" },
    });
    expect(await allocatedOf("SKU-1")).toBe(5);
    expect((await sql("select count(*)::int as n from order_changes"))[0].n).toBe(0);
  });

  it("a buyer's expected price beyond tolerance raises price_discrepancy and holds; our price stays", async () => {
    const id = await order([{ sku: "SKU-1", quantity: 2 }]);
    const out = await change(id, [{ kind: "price", lineNo: 1, unitPrice: "11.0000" }]);
    expect(out.ok && out.status).toBe("on_hold");
    expect(out.ok && out.exceptions.map((e) => e.type)).toEqual(["price_discrepancy"]);
    expect(await lineOf(id, 1)).toMatchObject({ exp: "11.0000", ext: "25.00" });
  });

  it("a replayed change request (same key) applies nothing twice", async () => {
    const id = await order([{ sku: "SKU-1", quantity: 10 }]);
    const first = await change(id, [{ kind: "quantity", lineNo: 1, quantity: 4 }], "k-1");
    const second = await change(id, [{ kind: "quantity", lineNo: 1, quantity: 4 }], "k-1");
    expect(first).toMatchObject({ ok: true, replayed: false });
    expect(second).toMatchObject({ ok: true, replayed: true });
    expect(await allocatedOf("SKU-1")).toBe(4);
    expect((await sql("select count(*)::int as n from order_changes"))[0].n).toBe(1);
  });

  it("works on orders made by the intake pipeline with backorders", async () => {
    const made = await submit(
      db,
      { account: { id: fx.accountA }, channel: "desk", lines: [{ item: { sku: "SKU-3" }, quantity: 30 }] },
      caller,
      new Date(),
    );
    const id = made.orderId!;
    expect(await lineOf(id, 1)).toMatchObject({ back: 10 });
    await change(id, [
      { kind: "cancel_line", lineNo: 1 },
      { kind: "add_line", sku: "SKU-1", quantity: 1 },
    ]);
    expect(await allocatedOf("SKU-3")).toBe(0);
    await expectCountersMatchAllocations();
  });
  it("concurrent changes and new orders on the same item never oversell or leak allocations", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push(await order([{ sku: "SKU-3", quantity: 4 }])); // 16 of 20
    const work = [
      ...ids.map((id, i) =>
        i === 0
          ? change(id, [{ kind: "cancel_order" }])
          : change(id, [{ kind: "quantity", lineNo: 1, quantity: 7 }]),
      ),
      ...[1, 2].map(() =>
        submit(
          db,
          { account: { id: fx.accountB }, channel: "desk", lines: [{ item: { sku: "SKU-3" }, quantity: 3 }] },
          caller,
          new Date(),
        ),
      ),
    ];
    const results = await Promise.allSettled(work);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    await expectCountersMatchAllocations();
    const levels = await sql("select on_hand, allocated from stock_levels where item_id = $1", [
      fx.items["SKU-3"],
    ]);
    for (const l of levels) expect(l.allocated).toBeLessThanOrEqual(l.on_hand);
    // What the open lines say is allocated is exactly what the counters hold.
    const promised = await sql(
      `select coalesce(sum(l.quantity - l.backordered_quantity), 0)::int as n
         from order_lines l join orders o on o.id = l.order_id
        where l.item_id = $1 and l.status = 'open' and o.status <> 'cancelled'`,
      [fx.items["SKU-3"]],
    );
    expect(promised[0].n).toBe(await allocatedOf("SKU-3"));
    expect(await allocatedOf("SKU-3")).toBe(20); // 3 × 7 + 2 × 3 = 27 wanted, 20 there
  });
});
