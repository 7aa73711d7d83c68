// Exceptions end to end on the database: routing, SLA deadlines, escalation with a controlled
// clock, resolution with a reason and before/after audit, append-only audit, routes' access.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, withTransaction } from "../../src/app/db.ts";
import { ensureWorkflowDefaults } from "../../src/modules/workflow/defaults.ts";
import { escalateOverdue } from "../../src/modules/workflow/escalate.ts";
import { getException } from "../../src/modules/workflow/queries.ts";
import { type RaiseExceptionInput, raiseException } from "../../src/modules/workflow/raise.ts";
import { assignException, resolveException } from "../../src/modules/workflow/resolve.ts";
import type { Actor } from "../../src/modules/workflow/types.ts";
import { testServer } from "../support/app.ts";
import { resetDb, testDb } from "../support/db.ts";
import { type Fixture, seedFixture } from "../support/fixture.ts";
import { signIn } from "../support/http.ts";

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const users: Record<string, Actor> = {};
const T0 = new Date("2030-01-15T09:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

// Embedded PGlite (pglite-socket) closes the connection after any SQL error, so the pool's next
// query on it fails once; on PostgreSQL this is a plain `select 1`.
async function settleAfterError(db: Db): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await db.pool.query("select 1");
      return;
    } catch {}
  }
}

const raise = (input: RaiseExceptionInput, now = T0) =>
  withTransaction(db, (client) => raiseException(client, input, now));

beforeAll(async () => {
  db = await testDb();
  await resetDb(db);
  fx = await seedFixture(db);
  await ensureWorkflowDefaults(db);
  const { rows } = await db.pool.query("select id, role, name from users");
  for (const u of rows)
    users[u.role === "buyer" ? u.name : u.role] = { userId: u.id, name: u.name, role: u.role };
  // Big credit holds go to admin; everything about account B's prices to the sales manager in person.
  await db.pool.query(
    `insert into exception_routing_rules (type_code, account_id, min_amount, max_amount, owner_role, owner_user_id, priority)
     values ('credit_hold', null, '10000.00', null, 'admin', null, 0),
            ('price_discrepancy', $1, null, null, null, $2, 10)`,
    [fx.accountB, users.sales_manager.userId],
  );
  app = await testServer(db);
});
afterAll(() => app?.close());

describe("raiseException", () => {
  it("routes to the type's default role, or to the matching rule's role or user", async () => {
    const plain = await raise({
      type: "credit_hold",
      summary: "over limit",
      accountId: fx.accountA,
      amount: "500.00",
    });
    expect([plain.ownerRole, plain.ownerUserId]).toEqual(["finance", null]);
    const big = await raise({
      type: "credit_hold",
      summary: "way over",
      accountId: fx.accountA,
      amount: "25000.00",
    });
    expect([big.ownerRole, big.ownerUserId]).toEqual(["admin", null]);
    const priceB = await raise({ type: "price_discrepancy", summary: "B price", accountId: fx.accountB });
    expect([priceB.ownerRole, priceB.ownerUserId]).toEqual([null, users.sales_manager.userId]);
    const priceA = await raise({ type: "price_discrepancy", summary: "A price", accountId: fx.accountA });
    expect(priceA.ownerRole).toBe("order_desk");
  });

  it("sets the deadline from the type's SLA, the approval level from the rules, and audits and notifies", async () => {
    const e = await raise({
      type: "price_discrepancy",
      summary: "PO 9 line 1: 9.10 expected 8.00",
      accountId: fx.accountA,
      facts: { discount_pct: "12.5" },
    });
    expect(e.deadline).toBe(minutes(240).toISOString());
    expect(e.approval).toMatchObject({ level: 1, role: "sales_manager" });
    expect(e.approvalRole).toBe("sales_manager");
    const detail = await getException(db, e.id, T0);
    expect(detail.audit).toMatchObject([{ action: "raised", actor: "system", before: null }]);
    expect(detail.audit[0].after).toMatchObject({ status: "open", ownerRole: "order_desk" });
    const note = await db.pool.query(
      "select role, kind from notifications where (data->>'exceptionId')::int = $1",
      [e.id],
    );
    expect(note.rows).toEqual([{ role: "order_desk", kind: "exception.raised" }]);
    const mail = await db.pool.query(
      "select m.to_address from outbound_mail m join notifications n on n.id = m.notification_id where (n.data->>'exceptionId')::int = $1",
      [e.id],
    );
    expect(mail.rows.map((r) => r.to_address)).toEqual(["order_desk@staff.test"]);
  });

  it("rolls back with the caller's transaction", async () => {
    const before = (await db.pool.query("select count(*)::int as n from exceptions")).rows[0].n;
    await expect(
      withTransaction(db, async (client) => {
        await raiseException(client, { type: "backorder", summary: "x" }, T0);
        throw new Error("intake failed later");
      }),
    ).rejects.toThrow("intake failed later");
    expect((await db.pool.query("select count(*)::int as n from exceptions")).rows[0].n).toBe(before);
  });
});

describe("escalateOverdue", () => {
  it("moves overdue exceptions to the next level with a new deadline, once per deadline", async () => {
    const e = await raise({ type: "unresolved_item", summary: "SKU ??? on line 4" }); // SLA 120 min
    expect(await escalateOverdue(db, minutes(120))).toEqual({ escalated: [] }); // due, not yet overdue
    const first = await escalateOverdue(db, minutes(121));
    expect(first.escalated).toContain(e.id);
    let now = await getException(db, e.id, minutes(121));
    expect(now).toMatchObject({
      ownerRole: "sales_manager",
      escalationLevel: 1,
      deadline: minutes(241).toISOString(),
    });
    expect(await escalateOverdue(db, minutes(121))).toEqual({ escalated: [] }); // idempotent
    expect((await escalateOverdue(db, minutes(200))).escalated).not.toContain(e.id);
    await escalateOverdue(db, minutes(242));
    now = await getException(db, e.id, minutes(242));
    expect(now).toMatchObject({ ownerRole: "admin", escalationLevel: 2 });
    // Last level: it stays overdue with its owner instead of bouncing.
    expect((await escalateOverdue(db, minutes(10_000))).escalated).not.toContain(e.id);
    const final = await getException(db, e.id, minutes(10_000));
    expect(final).toMatchObject({ ownerRole: "admin", escalationLevel: 2, overdue: true });
    const escalations = final.audit.filter((a) => a.action === "escalated");
    expect(escalations).toHaveLength(2);
    expect(escalations[0].before).toMatchObject({ ownerRole: "order_desk", escalationLevel: 0 });
    expect(escalations[0].after).toMatchObject({ ownerRole: "sales_manager", escalationLevel: 1 });
    const notes = await db.pool.query(
      "select role from notifications where kind = 'exception.escalated' and (data->>'exceptionId')::int = $1 order by id",
      [e.id],
    );
    expect(notes.rows.map((r) => r.role)).toEqual(["sales_manager", "admin"]);
  });
});

describe("resolveException", () => {
  it("requires a reason and an action allowed for the type", async () => {
    const e = await raise({ type: "backorder", summary: "short 4" });
    await expect(resolveException(db, e.id, "split", "  ", users.order_desk, T0)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(
      resolveException(db, e.id, "approve_price", "ok", users.order_desk, T0),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(
      resolveException(db, e.id, "split", "ship what we have", users.warehouse, T0),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const done = await resolveException(db, e.id, "split", "ship what we have", users.order_desk, minutes(5));
    expect(done).toMatchObject({
      status: "resolved",
      resolutionAction: "split",
      resolvedBy: users.order_desk.userId,
    });
    const trail = (await getException(db, e.id, minutes(5))).audit;
    expect(trail.map((a) => a.action)).toEqual(["raised", "resolved:split"]);
    expect(trail[1]).toMatchObject({
      actor: users.order_desk.name,
      actorUserId: users.order_desk.userId,
      reason: "ship what we have",
      before: { status: "open", resolutionAction: null },
      after: { status: "resolved", resolutionAction: "split", resolutionReason: "ship what we have" },
    });
    await expect(resolveException(db, e.id, "split", "again", users.order_desk, T0)).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("reserves approving actions to the approval role", async () => {
    const e = await raise({
      type: "price_discrepancy",
      summary: "deep discount",
      facts: { discount_pct: "15" },
    });
    await expect(
      resolveException(db, e.id, "approve_price", "fine", users.order_desk, T0),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      data: { requiredRole: "sales_manager" },
    });
    const ok = await resolveException(
      db,
      e.id,
      "approve_price",
      "customer contract",
      users.sales_manager,
      T0,
    );
    expect(ok.status).toBe("resolved");
  });

  it("assignment changes the owner, audits and notifies the new owner", async () => {
    const e = await raise({ type: "duplicate_po", summary: "PO 77 again" });
    await assignException(
      db,
      e.id,
      { userId: users.sales_rep.userId! },
      users.order_desk,
      minutes(1),
      "rep knows",
    );
    const now = await getException(db, e.id, minutes(1));
    expect(now).toMatchObject({ ownerUserId: users.sales_rep.userId, ownerRole: "sales_rep" });
    expect(now.audit.at(-1)).toMatchObject({ action: "assigned", reason: "rep knows" });
    const n = await db.pool.query(
      "select user_id from notifications where kind = 'exception.assigned' and (data->>'exceptionId')::int = $1",
      [e.id],
    );
    expect(n.rows).toEqual([{ user_id: users.sales_rep.userId }]);
  });
});

describe("the audit trail", () => {
  it("refuses UPDATE and DELETE", async () => {
    const e = await raise({ type: "below_moq", summary: "2 < 12" });
    for (const statement of [
      "update exception_audit set reason = 'rewritten' where exception_id = $1",
      "delete from exception_audit where exception_id = $1",
    ]) {
      await expect(db.pool.query(statement, [e.id])).rejects.toMatchObject({ code: "42501" });
      await settleAfterError(db);
    }
    const trail = (await getException(db, e.id, T0)).audit;
    expect(trail).toHaveLength(1);
    expect(trail[0].reason).not.toBe("rewritten");
  });
});

describe("routes", () => {
  it("lists by scope sorted by deadline with overdue flags; resolves and assigns over HTTP", async () => {
    const desk = await signIn(app, "order_desk@staff.test");
    const overdue = await raise(
      { type: "duplicate_po", summary: "HTTP old" },
      new Date(Date.now() - 3 * 3600_000),
    );
    const fresh = await raise({ type: "backorder", summary: "HTTP new" }, new Date());
    const list = await app.inject({ url: "/api/exceptions?scope=mine", headers: desk.headers });
    expect(list.statusCode, list.body).toBe(200);
    const rows = list.json().exceptions as any[];
    const deadlines = rows.map((r) => r.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    expect(rows.find((r) => r.id === overdue.id)?.overdue).toBe(true);
    expect(rows.find((r) => r.id === fresh.id)?.overdue).toBe(false);
    expect(
      rows.every(
        (r) =>
          r.status === "open" && (r.ownerRole === "order_desk" || r.ownerUserId === users.order_desk.userId),
      ),
    ).toBe(true);

    const noReason = await app.inject({
      method: "POST",
      url: `/api/exceptions/${fresh.id}/resolve`,
      headers: desk.headers,
      payload: { action: "split", reason: "" },
    });
    expect(noReason.statusCode).toBe(400);
    const resolved = await app.inject({
      method: "POST",
      url: `/api/exceptions/${fresh.id}/resolve`,
      headers: desk.headers,
      payload: { action: "split", reason: "partial now" },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json().exception.audit.at(-1).action).toBe("resolved:split");

    const assigned = await app.inject({
      method: "POST",
      url: `/api/exceptions/${overdue.id}/assign`,
      headers: desk.headers,
      payload: { role: "sales_manager" },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const manager = await signIn(app, "sales_manager@staff.test");
    const team = (await app.inject({ url: "/api/exceptions?scope=team", headers: manager.headers })).json();
    expect(team.exceptions.map((e: any) => e.id)).toContain(overdue.id);

    const notes = await app.inject({ url: "/api/notifications", headers: manager.headers });
    expect(notes.statusCode).toBe(200);
    const first = notes.json().notifications[0];
    expect(first.readAt).toBeNull();
    const read = await app.inject({
      method: "POST",
      url: `/api/notifications/${first.id}/read`,
      headers: manager.headers,
    });
    expect(read.statusCode).toBe(200);
    const after = (await app.inject({ url: "/api/notifications", headers: manager.headers })).json();
    expect(after.notifications[0].readAt).not.toBeNull();
    expect(after.unread).toBe(notes.json().unread - 1);
    // Someone else's notification is not found, not marked.
    const deskNote = (await db.pool.query("select id from notifications where role = 'order_desk' limit 1"))
      .rows[0].id;
    const foreign = await app.inject({
      method: "POST",
      url: `/api/notifications/${deskNote}/read`,
      headers: manager.headers,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it("mail is stored without SMTP and readable by admins only; buyers get 403 everywhere", async () => {
    const admin = await signIn(app, "admin@staff.test");
    const mail = await app.inject({ url: "/api/mail", headers: admin.headers });
    expect(mail.statusCode).toBe(200);
    expect(mail.json().mail.length).toBeGreaterThan(0);
    expect(mail.json().mail.every((m: any) => m.status === "queued")).toBe(true);
    const desk = await signIn(app, "order_desk@staff.test");
    expect((await app.inject({ url: "/api/mail", headers: desk.headers })).statusCode).toBe(403);
    const buyer = await signIn(app, "buyer@a.test");
    for (const url of ["/api/exceptions", "/api/exceptions/1", "/api/notifications", "/api/mail"]) {
      expect((await app.inject({ url, headers: buyer.headers })).statusCode, url).toBe(403);
    }
    const post = await app.inject({
      method: "POST",
      url: "/api/exceptions/1/resolve",
      headers: buyer.headers,
      payload: { action: "reject", reason: "x" },
    });
    expect(post.statusCode).toBe(403);
  });
});
