// EDI over HTTP: raw inbound with an API key, access rules, the message log and reprocess.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/db.ts";
import { createApiKey } from "../../src/modules/auth/api-keys.ts";
import { testServer } from "../support/app.ts";
import { resetDb, testDb } from "../support/db.ts";
import { type Fixture, seedFixture } from "../support/fixture.ts";
import { signIn } from "../support/http.ts";
import { addPartner, outboxDir, partnerInput, x12Order } from "./support.ts";

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let adminId: number;

beforeAll(async () => {
  db = await testDb();
  app = await testServer(db);
  await resetDb(db);
  fx = await seedFixture(db);
  await addPartner(db, fx.accountA, outboxDir());
  adminId = (await db.pool.query("select id from users where email = 'admin@staff.test'")).rows[0].id;
});
afterAll(() => app.close());

const file = (icn: number, sku = "SKU-1") =>
  x12Order({ icn, po: `PO-${icn}`, lines: [["1", "EA", "VN", sku]] });

describe("POST /api/edi/inbound", () => {
  it("takes a raw 850 with an edi:write API key and answers with orders and the 997", async () => {
    const { key } = await createApiKey(db, adminId, "EDI VAN", ["edi:write"]);
    const response = await app.inject({
      method: "POST",
      url: "/api/edi/inbound",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/edi-x12" },
      payload: file(1),
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.status).toBe("processed");
    expect(body.orders).toHaveLength(1);
    expect(body.orders[0].number).toMatch(/^SO-/);
    expect(body.interchanges[0].acknowledgment).toContain("AK9*A*1*1*1");
  });

  it("accepts text/plain and octet-stream too, and refuses JSON", async () => {
    const { key } = await createApiKey(db, adminId, "EDI 2", ["edi:write"]);
    const auth = { authorization: `Bearer ${key}` };
    for (const [i, type] of ["text/plain", "application/octet-stream"].entries()) {
      const response = await app.inject({
        method: "POST",
        url: "/api/edi/inbound",
        headers: { ...auth, "content-type": type },
        payload: file(10 + i),
      });
      expect(response.statusCode, type).toBe(200);
    }
    const json = await app.inject({
      method: "POST",
      url: "/api/edi/inbound",
      headers: auth,
      payload: { x: 1 },
    });
    expect(json.statusCode).toBe(415);
  });

  it("refuses a key without edi:write (403) and a caller without credentials (401)", async () => {
    const { key } = await createApiKey(db, adminId, "orders only", ["orders:write"]);
    const forbidden = await app.inject({
      method: "POST",
      url: "/api/edi/inbound",
      headers: { authorization: `Bearer ${key}`, "content-type": "text/plain" },
      payload: file(20),
    });
    expect(forbidden.statusCode).toBe(403);
    const anonymous = await app.inject({
      method: "POST",
      url: "/api/edi/inbound",
      headers: { "content-type": "text/plain" },
      payload: file(21),
    });
    expect(anonymous.statusCode).toBe(401);
    for (const url of ["/api/edi/messages", "/api/edi/partners", "/api/edi/messages/1"]) {
      expect((await app.inject({ url })).statusCode, url).toBe(401);
    }
  });

  it("refuses roles other than admin and order desk", async () => {
    const rep = await signIn(app, "sales_rep@staff.test");
    const response = await app.inject({ url: "/api/edi/messages", headers: rep.headers });
    expect(response.statusCode).toBe(403);
  });
});

describe("message log and partners", () => {
  it("lists, shows and reprocesses a rejected message once the data is fixed", async () => {
    const desk = await signIn(app, "order_desk@staff.test");
    const sent = await app.inject({
      method: "POST",
      url: "/api/edi/inbound",
      headers: { ...desk.headers, "content-type": "text/plain" },
      // A store we do not know yet: the order cannot be placed (an unknown item would only hold it).
      payload: x12Order({
        icn: 30,
        po: "PO-30",
        shipTo: ["92", "0777"],
        lines: [["1", "EA", "VN", "SKU-1"]],
      }),
    });
    const id = sent.json().messageId;
    expect(sent.json().status).toBe("rejected");
    const list = (
      await app.inject({ url: "/api/edi/messages?status=rejected&direction=in", headers: desk.headers })
    ).json();
    expect(list.messages.map((m: { id: number }) => m.id)).toContain(id);
    const detail = (await app.inject({ url: `/api/edi/messages/${id}`, headers: desk.headers })).json()
      .message;
    expect(detail.raw).toContain("0777");
    expect(JSON.stringify(detail.transactions)).toContain("SHIP_TO_UNRESOLVED");
    expect(detail.replies.map((r: { docTypes: string[] }) => r.docTypes[0]).sort()).toEqual(["855", "997"]);

    await db.pool.query("update ship_tos set edi_store_number = '777' where id = $1", [fx.shipToA]);
    const again = await app.inject({
      method: "POST",
      url: `/api/edi/messages/${id}/reprocess`,
      headers: desk.headers,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().status).toBe("processed");
    expect(again.json().orders).toHaveLength(1);
    const twice = await app.inject({
      method: "POST",
      url: `/api/edi/messages/${id}/reprocess`,
      headers: desk.headers,
    });
    expect(twice.statusCode).toBe(409);
  });

  it("lets an admin create and edit a partner, and an order desk only read", async () => {
    const admin = await signIn(app, "admin@staff.test");
    const body = { ...partnerInput(fx.accountB, "/tmp/out-b"), name: "Blue EDI", theirId: "BLUEHW" };
    const created = await app.inject({
      method: "POST",
      url: "/api/edi/partners",
      headers: admin.headers,
      payload: body,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().partner.id;
    const dup = await app.inject({
      method: "POST",
      url: "/api/edi/partners",
      headers: admin.headers,
      payload: body,
    });
    expect(dup.statusCode).toBe(409);
    const edited = await app.inject({
      method: "PUT",
      url: `/api/edi/partners/${id}`,
      headers: admin.headers,
      payload: { ...body, outboundKind: "http", outboundTarget: "ftp://nope" },
    });
    expect(edited.statusCode, edited.body).toBe(400);
    const desk = await signIn(app, "order_desk@staff.test");
    expect(
      (await app.inject({ url: `/api/edi/partners/${id}`, headers: desk.headers })).json().partner.name,
    ).toBe("Blue EDI");
    const denied = await app.inject({
      method: "PUT",
      url: `/api/edi/partners/${id}`,
      headers: desk.headers,
      payload: body,
    });
    expect(denied.statusCode).toBe(403);
  });
});
