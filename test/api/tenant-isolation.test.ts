// Walks EVERY registered route, so a new route without isolation fails here until it is covered.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/db.ts";
import { testServer } from "../support/app.ts";
import { resetDb, testDb } from "../support/db.ts";
import { type Fixture, seedFixture } from "../support/fixture.ts";
import { type Session, signIn } from "../support/http.ts";

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let buyerA: Session;
let orderOfA: number;
let orderOfB: number;

// For each buyer-visible route with an :id, how to get company A's and company B's object (and, for
// a route that takes a body, a valid one).
const OBJECTS: Record<string, () => { own: number; other: number; body?: Record<string, unknown> }> = {
  "GET /api/orders/:id": () => ({ own: orderOfA, other: orderOfB }),
  "POST /api/orders/:id/changes": () => ({
    own: orderOfA,
    other: orderOfB,
    body: { changes: [{ kind: "quantity", lineNo: 1, quantity: 1 }] },
  }),
  "GET /api/accounts/:id": () => ({ own: fx.accountA, other: fx.accountB }),
};

beforeAll(async () => {
  db = await testDb();
  app = await testServer(db);
  await resetDb(db);
  fx = await seedFixture(db);
  const place = async (session: Session, accountId: number, po: string) => {
    const response = await app.inject({
      method: "POST",
      url: "/api/orders",
      headers: session.headers,
      payload: { accountId, poNumber: po, lines: [{ sku: "SKU-1", quantity: 1 }] },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().order.id as number;
  };
  buyerA = await signIn(app, "buyer@a.test");
  orderOfA = await place(buyerA, fx.accountA, "PO-A-SECRET");
  orderOfB = await place(await signIn(app, "buyer@b.test"), fx.accountB, "PO-B-SECRET");
});
afterAll(() => app.close());

const allowsBuyer = (access: any) =>
  access === "public" || access.roles === "any" || access.roles.includes("buyer");

describe("a buyer of company A", () => {
  it("gets 403 on every staff route, before any input is looked at", async () => {
    const staffRoutes = app.routeAccess.filter((r) => !allowsBuyer(r.access));
    expect(staffRoutes.length).toBeGreaterThan(3);
    for (const route of staffRoutes) {
      const response = await app.inject({
        method: route.method as any,
        url: route.url.replace(":id", "1"),
        headers: buyerA.headers,
        payload: route.method === "GET" ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(response.json().error.code).toBe("FORBIDDEN");
    }
  });

  it("gets 404 and no data for company B's object on every route that takes an id", async () => {
    const idRoutes = app.routeAccess.filter((r) => allowsBuyer(r.access) && r.url.includes(":id"));
    for (const route of idRoutes) {
      const key = `${route.method} ${route.url}`;
      expect(OBJECTS[key], `${key} needs an entry in OBJECTS`).toBeDefined();
      const { own, other, body } = OBJECTS[key]();
      const mine = await app.inject({
        method: route.method as any,
        url: route.url.replace(":id", String(own)),
        headers: buyerA.headers,
        ...(body ? { payload: body } : {}),
      });
      expect(mine.statusCode, key).toBe(200);
      const theirs = await app.inject({
        method: route.method as any,
        url: route.url.replace(":id", String(other)),
        headers: buyerA.headers,
        ...(body ? { payload: body } : {}),
      });
      expect(theirs.statusCode, key).toBe(404);
      expect(theirs.body).not.toContain("B-SECRET");
      expect(theirs.body).not.toContain("Blue Hardware");
      expect(Object.keys(theirs.json())).toEqual(["error"]);
    }
  });

  it("sees only company A in lists, even when filtering for company B", async () => {
    const all = (await app.inject({ url: "/api/orders", headers: buyerA.headers })).json();
    expect(all.orders.map((o: any) => o.accountId)).toEqual([fx.accountA]);
    const filtered = (
      await app.inject({ url: `/api/orders?accountId=${fx.accountB}`, headers: buyerA.headers })
    ).json();
    expect(filtered.orders).toEqual([]);
    const searched = (await app.inject({ url: "/api/orders?q=B-SECRET", headers: buyerA.headers })).json();
    expect(searched.total).toBe(0);
  });

  it("cannot place an order for company B", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/orders",
      headers: buyerA.headers,
      payload: { accountId: fx.accountB, lines: [{ sku: "SKU-1", quantity: 1 }] },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe("UNKNOWN_ACCOUNT");
  });

  it("gets 401 everywhere without signing in", async () => {
    for (const route of app.routeAccess.filter((r) => r.access !== "public")) {
      const response = await app.inject({ method: route.method as any, url: route.url.replace(":id", "1") });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });
});
