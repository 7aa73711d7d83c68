import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { buildServer } from "../../src/app/server.ts";
import { apiSuite } from "../support/app.ts";
import { PASSWORD } from "../support/fixture.ts";
import { signIn } from "../support/http.ts";

const suite = apiSuite();

describe("sign-in", () => {
  it("stores argon2id hashes, refuses wrong passwords with one message, and signs out", async () => {
    const hash = (await suite.db.pool.query("select password_hash from users limit 1")).rows[0].password_hash;
    expect(hash).toMatch(/^\$argon2id\$/);
    const wrong = await suite.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "buyer@a.test", password: "nope" },
    });
    const unknown = await suite.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "who@x.test", password: "nope" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());

    const session = await signIn(suite.app, "buyer@a.test");
    const me = await suite.app.inject({ url: "/api/auth/session", headers: session.headers });
    expect(me.json().user).toMatchObject({
      role: "buyer",
      accountId: suite.fx.accountA,
      accountName: "Acme Foods",
    });
    const out = await suite.app.inject({ method: "POST", url: "/api/auth/logout", headers: session.headers });
    expect(out.statusCode).toBe(200);
    const after = await suite.app.inject({ url: "/api/orders", headers: session.headers });
    expect(after.statusCode).toBe(401);
  });

  it("requires the CSRF token for cookie-authenticated writes", async () => {
    const session = await signIn(suite.app, "order_desk@staff.test");
    const payload = { accountId: suite.fx.accountA, lines: [{ sku: "SKU-1", quantity: 1 }] };
    const missing = await suite.app.inject({
      method: "POST",
      url: "/api/orders",
      headers: { cookie: session.cookie },
      payload,
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe("CSRF_INVALID");
    const forged = await suite.app.inject({
      method: "POST",
      url: "/api/orders",
      headers: { cookie: session.cookie, "x-csrf-token": "forged" },
      payload,
    });
    expect(forged.statusCode).toBe(403);
    const ok = await suite.app.inject({
      method: "POST",
      url: "/api/orders",
      headers: session.headers,
      payload,
    });
    expect(ok.statusCode).toBe(201);
  });

  it("rate-limits repeated sign-in attempts for one email", async () => {
    const strict = await buildServer(suite.db, loadConfig({ WHOLESAIL_LOGIN_ATTEMPTS_PER_MINUTE: "3" }), {
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
    const admin = await signIn(suite.app, "admin@staff.test");
    const created = await suite.app.inject({
      method: "POST",
      url: "/api/api-keys",
      headers: admin.headers,
      payload: { name: "ERP sync", scopes: ["orders:read"] },
    });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json().apiKey;
    const stored = (await suite.db.pool.query("select key_hash from api_keys where id = $1", [id])).rows[0]
      .key_hash;
    expect(stored).not.toContain(key);
    const bearer = { authorization: `Bearer ${key}` };
    expect((await suite.app.inject({ url: "/api/orders", headers: bearer })).statusCode).toBe(200);
    const write = await suite.app.inject({
      method: "POST",
      url: "/api/orders",
      headers: bearer,
      payload: { accountId: suite.fx.accountA, lines: [{ sku: "SKU-1", quantity: 1 }] },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.data).toEqual({ scope: "orders:write" });
    await suite.app.inject({ method: "DELETE", url: `/api/api-keys/${id}`, headers: admin.headers });
    expect((await suite.app.inject({ url: "/api/orders", headers: bearer })).statusCode).toBe(401);
    expect(
      (await suite.app.inject({ url: "/api/orders", headers: { authorization: "Bearer wsk_nonsense" } }))
        .statusCode,
    ).toBe(401);
  });
});

describe("system routes", () => {
  it("serves health and the OpenAPI document without sign-in", async () => {
    expect((await suite.app.inject({ url: "/api/health" })).json()).toMatchObject({ status: "ok" });
    const spec = (await suite.app.inject({ url: "/api/openapi.json" })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toContain("/api/orders/{id}");
  });
});
