// The demo's sample EDI files create real orders end to end on a freshly loaded demo (default seed).
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/db.ts";
import { ingestDocument } from "../../src/modules/channels/edi/ingest.ts";
import { loadDemo } from "../../src/modules/demo/load.ts";
import { resetDb, testDb } from "../support/db.ts";

const sample = (name: string) =>
  readFileSync(new URL(`../../src/modules/channels/edi/fixtures/demo/${name}`, import.meta.url));
let db: Db;

beforeAll(async () => {
  db = await testDb();
  await resetDb(db);
  await loadDemo(db, { scale: 0.05, now: new Date("2026-03-01T12:00:00Z") });
  // The demo was generated as of 2026-03-01 but the files are ingested today: its open invoices
  // would all be months overdue and hold the orders on credit. This test is about EDI, so they are paid.
  await db.pool.query("update invoices set status = 'paid', paid_amount = amount where status = 'open'");
}, 120_000);

describe("demo EDI partners", () => {
  it("the grocery chain's X12 850s become two orders for the right stores", async () => {
    const result = await ingestDocument(db, sample("northstar-850.edi"), "test");
    expect(result.status, JSON.stringify(result.interchanges[0]?.transactions)).toBe("processed");
    expect(result.orders.map((o) => [o.accountName, o.poNumber, o.lineCount])).toEqual([
      ["Northstar Food Stores", "NS-260301-006", 4],
      ["Northstar Food Stores", "NS-260301-DC1", 2],
    ]);
    const shipTos = (
      await db.pool.query(
        "select s.code from orders o join ship_tos s on s.id = o.ship_to_id where o.id = any($1::bigint[]) order by o.id",
        [result.orders.map((o) => o.id)],
      )
    ).rows.map((r) => r.code);
    expect(shipTos).toEqual(["S0006", "DC01"]);
    expect(result.interchanges[0].acknowledgment).toContain("AK9*A*2*2*2");
  });

  it("the European buyer's EDIFACT ORDERS becomes an order at its Hamburg warehouse", async () => {
    const result = await ingestDocument(db, sample("grossmarkt-orders.edi"), "test");
    expect(result.status, JSON.stringify(result.interchanges[0]?.transactions)).toBe("processed");
    expect(result.orders).toHaveLength(1);
    expect(result.orders[0]).toMatchObject({
      accountName: "Grossmarkt Nord GmbH",
      poNumber: "GN-2026-0301",
      lineCount: 3,
    });
    expect(result.interchanges[0].acknowledgment).toContain("UCM+1+ORDERS:D:96A:UN+7");
    expect(result.interchanges[0].outbound.map((o) => o.docType)).toEqual(["CONTRL", "ORDRSP"]);
  });

  it("sending the same file again makes nothing new", async () => {
    const before = Number((await db.pool.query("select count(*) as n from orders")).rows[0].n);
    const again = await ingestDocument(db, sample("northstar-850.edi"), "test");
    expect(again.status).toBe("rejected");
    expect(again.orders.every((o) => o.replayed)).toBe(true);
    expect(Number((await db.pool.query("select count(*) as n from orders")).rows[0].n)).toBe(before);
  });
});
