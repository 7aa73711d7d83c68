import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import type { Db } from "../../src/app/db.ts";
import { buildServer } from "../../src/app/server.ts";
import { testServer } from "../support/app.ts";
import { resetDb, testDb } from "../support/db.ts";
import { type Fixture, PASSWORD, seedFixture } from "../support/fixture.ts";
import { signIn } from "../support/http.ts";

let db: Db;
let app: FastifyInstance;
let fx: Fixture;

beforeAll(async () => {
  db = await testDb();
  app = await testServer(db);
});
afterAll(() => app.close());
beforeEach(async () => {
  await resetDb(db);
  fx = await seedFixture(db);
});

describe("sign-in", () => {
  it("stores argon2id hashes, refuses wrong passwords with one message, and signs out", async () => {
    const hash = (await db.pool.query("select password_hash from users limit 1")).rows[0].password_hash;
    expect(hash).toMatch(/^\$argon2id\$/);
    const wrong = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "buyer@a.test", password: "nope" },
    });
    const unknown = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "who@x.test", password: "nope" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());

    const session = await signIn(app, "buyer@a.test");
    const me = await app.inject({ url: "/api/auth/session", headers: session.headers });
    expect(me.json().user).toMatchObject({
      role: "buyer",
      accountId: fx.accountA,
      accountName: "Acme Foods",
    });
    const out = await app.inject({ method: "POST", url: "/api/auth/logout", headers: session.headers });
    expect(out.statusCode).toBe(200);
    const after = await app.inject({ url: "/api/orders", headers: session.headers });
    expect(after.statusCode).toBe(401);
  });

  it("requires the CSRF token for cookie-authenticated writes", async () => {
    const session = await signIn(app, "order_desk@staff.test");
    const payload = { accountId: fx.accountA, lines: [{ sku: "SKU-1", quantity: 1 }] };
    const missing = await app.inject({
      method: "POST",
      url: "/api/orders",
      headers: { cookie: session.cookie },
      payload,
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe("CSRF_INVALID");
    const forged = await app.inject({
      method: "POST",
      url: "/api/orders",
      headers: { cookie: session.cookie, "x-csrf-token": "forged" },
      payload,
    });
    expect(forged.statusCode).toBe(403);
    const ok = await app.inject({ method: "POST", url: "/api/orders", headers: session.headers, payload });
    expect(ok.statusCode).toBe(201);
  });

  it("rate-limits repeated sign-in attempts for one email", async () => {
    const strict = await buildServer(db, loadConfig({ WHOLESAIL_LOGIN_ATTEMPTS_PER_MINUTE: "3" }), {
      logger: false,
    });
    const attempt = (email: string) =>
      strict.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: "wrong" } });
    for (let i = 0; i < 3; i++) expect((await attempt("buyer@a.test")).statusCode).toBe(401);
    const limited = await attempt("buyer@a.test");
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe("RATE_LIMITED");
    // Another account from the same address is not locked out.
    const other = await strict.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "buyer@b.test", password: PASSWORD },
    });
    expect(other.statusCode).toBe(200);
    await strict.close();
  });
});

describe("API keys", () => {
  it("authenticate integrations by scope, are stored hashed, and can be revoked", async () => {
    const admin = await signIn(app, "admin@staff.test");
    const created = await app.inject({
      method: "POST",
      url: "/api/api-keys",
      headers: admin.headers,
      payload: { name: "ERP sync", scopes: ["orders:read"] },
    });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json().apiKey;
    const stored = (await db.pool.query("select key_hash from api_keys where id = $1", [id])).rows[0]
      .key_hash;
    expect(stored).not.toContain(key);
    const bearer = { authorization: `Bearer ${key}` };
    expect((await app.inject({ url: "/api/orders", headers: bearer })).statusCode).toBe(200);
    const write = await app.inject({
      method: "POST",
      url: "/api/orders",
      headers: bearer,
      payload: { accountId: fx.accountA, lines: [{ sku: "SKU-1", quantity: 1 }] },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.data).toEqual({ scope: "orders:write" });
    await app.inject({ method: "DELETE", url: `/api/api-keys/${id}`, headers: admin.headers });
    expect((await app.inject({ url: "/api/orders", headers: bearer })).statusCode).toBe(401);
    expect(
      (await app.inject({ url: "/api/orders", headers: { authorization: "Bearer wsk_nonsense" } }))
        .statusCode,
    ).toBe(401);
  });
});

describe("system routes", () => {
  it("serves health and the OpenAPI document without sign-in", async () => {
    expect((await app.inject({ url: "/api/health" })).json()).toMatchObject({ status: "ok" });
    const spec = (await app.inject({ url: "/api/openapi.json" })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toContain("/api/orders/{id}");
  });
});
