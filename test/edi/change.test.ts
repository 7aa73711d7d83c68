// EDI 860 end to end: an 850 makes the order, an 860 for the same PO changes it (quantity down and
// up, a line deleted, a line added), the 855 reflects the changed order, and a replay (same file,
// or the same transaction outside the duplicate window) applies nothing twice.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/db.ts";
import { ingestDocument } from "../../src/modules/channels/edi/ingest.ts";
import { resetDb, testDb } from "../support/db.ts";
import { type Fixture, seedFixture } from "../support/fixture.ts";
import { addPartner, outboxDir } from "./support.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../../src/modules/channels/edi/fixtures/${name}`, import.meta.url), "utf8");
const ORDER = fixture("x12-850-acme-change-base.edi");
const CHANGE = fixture("x12-860-acme-change.edi");
/** The 860 under another interchange/group control number (a new transmission, not a duplicate). */
const renumbered = (text: string, n: number) =>
  text
    .replaceAll("000000502", String(n).padStart(9, "0"))
    .replace("*1000*502*X", `*1000*${n}*X`)
    .replace("GE*1*502", `GE*1*${n}`);

let db: Db;
let fx: Fixture;
let outbox: string;

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  fx = await seedFixture(db);
  await db.pool.query("update ship_tos set edi_store_number = '0042' where id = $1", [fx.shipToA]);
  outbox = outboxDir();
  await addPartner(db, fx.accountA, outbox);
});

const sql = async (text: string, values: unknown[] = []) => (await db.pool.query(text, values)).rows;
const lines = (orderId: number) =>
  sql(
    `select l.line_no, i.sku, l.quantity, l.status from order_lines l join items i on i.id = l.item_id
      where l.order_id = $1 order by l.line_no`,
    [orderId],
  );

async function expectCountersMatchAllocations() {
  const rows = await sql(
    `select s.allocated, coalesce(sum(a.quantity), 0)::int as allocs
       from stock_levels s left join allocations a on a.item_id = s.item_id and a.warehouse_id = s.warehouse_id
      group by s.item_id, s.warehouse_id, s.allocated`,
  );
  for (const r of rows) expect(r.allocated).toBe(r.allocs);
}

describe("EDI 860 change requests", () => {
  it("apply to the order with the PO, answer with a 997 and an 855, and never apply twice", async () => {
    const made = await ingestDocument(db, ORDER, "test");
    const orderId = made.interchanges[0].transactions[0].orderId!;
    expect(made.status, JSON.stringify(made.interchanges[0].transactions)).toBe("processed");

    const changed = await ingestDocument(db, CHANGE, "test");
    const tx = changed.interchanges[0].transactions[0];
    expect(tx, JSON.stringify(tx)).toMatchObject({
      type: "860",
      status: "order_changed",
      orderId,
      poNumber: "PO-CHG-1",
    });
    expect(changed.status).toBe("processed");
    expect(await lines(orderId)).toEqual([
      { line_no: 1, sku: "SKU-1", quantity: 4, status: "open" },
      { line_no: 2, sku: "SKU-2", quantity: 5, status: "cancelled" },
      { line_no: 3, sku: "SKU-4", quantity: 36, status: "open" },
      { line_no: 4, sku: "SKU-3", quantity: 3, status: "open" },
    ]);
    await expectCountersMatchAllocations();
    const allocated = await sql(
      "select i.sku, sum(s.allocated)::int as n from stock_levels s join items i on i.id = s.item_id group by i.sku order by i.sku",
    );
    expect(allocated.map((r) => [r.sku, r.n])).toEqual([
      ["SKU-1", 4],
      ["SKU-2", 0],
      ["SKU-3", 3],
      ["SKU-4", 36],
      ["SKU-5", 0],
    ]);
    // 4 × 12.50 + 36 × 0.10 + 3 × 60.325 (= 180.98 rounded once per line)
    expect((await sql("select total, status from orders where id = $1", [orderId]))[0]).toEqual({
      total: "234.58",
      status: "confirmed",
    });
    const kinds = (
      await sql("select kind, source from order_changes where order_id = $1 order by seq", [orderId])
    ).map((r) => `${r.source}:${r.kind}`);
    expect(kinds).toEqual(["edi:quantity", "edi:price", "edi:cancel_line", "edi:quantity", "edi:add_line"]);

    const files = readdirSync(outbox).sort();
    expect(files.filter((f) => f.startsWith("997"))).toHaveLength(2);
    const acks855 = files.filter((f) => f.startsWith("855"));
    expect(acks855).toHaveLength(2);
    const texts855 = acks855.map((f) => readFileSync(path.join(outbox, f), "utf8"));
    // The second 855 is the changed order: the deleted line rejected (IR), the others accepted.
    const after = texts855.find((t) => t.includes("*IR*"));
    expect(after, texts855.join("\n")).toContain("BAK*00*AC*PO-CHG-1");

    // The same file again: a duplicate interchange, nothing applied.
    const again = await ingestDocument(db, CHANGE, "test");
    expect(again.interchanges[0].transactions[0].status).toBe("duplicate");
    // The same transaction outside the duplicate window: the key on order_changes replays it.
    await sql("delete from edi_interchanges");
    const late = await ingestDocument(db, CHANGE, "test");
    expect(late.interchanges[0].transactions[0]).toMatchObject({ status: "change_replayed", orderId });
    expect((await sql("select count(*)::int as n from order_changes"))[0].n).toBe(5);
    expect(await lines(orderId)).toHaveLength(4);
    expect((await sql("select sum(allocated)::int as n from stock_levels"))[0].n).toBe(43);
    await expectCountersMatchAllocations();
  });

  it("refuses with a specific reason: unknown PO, order no longer changeable, line not on the order", async () => {
    const unknown = await ingestDocument(db, CHANGE, "test");
    expect(unknown.interchanges[0].transactions[0]).toMatchObject({ status: "rejected" });
    expect(unknown.interchanges[0].transactions[0].errors.map((e) => e.code)).toContain("ORDER_NOT_FOUND");

    const made = await ingestDocument(db, ORDER, "test");
    const orderId = made.interchanges[0].transactions[0].orderId!;
    const noLine = renumbered(CHANGE, 503).replace("VN*SKU-2", "VN*SKU-5");
    const r1 = await ingestDocument(db, noLine, "test");
    expect(r1.interchanges[0].transactions[0].errors.map((e) => e.code)).toContain("LINE_NOT_FOUND");
    expect((await sql("select count(*)::int as n from order_changes"))[0].n).toBe(0);

    await sql("update orders set status = 'shipped' where id = $1", [orderId]);
    const r2 = await ingestDocument(db, renumbered(CHANGE, 504), "test");
    expect(r2.interchanges[0].transactions[0].errors.map((e) => e.code)).toContain("ORDER_NOT_CHANGEABLE");
    expect(await lines(orderId)).toEqual([
      { line_no: 1, sku: "SKU-1", quantity: 10, status: "open" },
      { line_no: 2, sku: "SKU-2", quantity: 5, status: "open" },
      { line_no: 3, sku: "SKU-4", quantity: 24, status: "open" },
    ]);
  });

  it("BCH01 01 cancels the order and releases all its stock", async () => {
    const made = await ingestDocument(db, ORDER, "test");
    const orderId = made.interchanges[0].transactions[0].orderId!;
    const cancel = CHANGE.replace("BCH*04*SA*PO-CHG-1", "BCH*01*SA*PO-CHG-1");
    const result = await ingestDocument(db, cancel, "test");
    expect(result.interchanges[0].transactions[0]).toMatchObject({ status: "order_changed", orderId });
    expect((await sql("select status from orders where id = $1", [orderId]))[0].status).toBe("cancelled");
    expect((await sql("select sum(allocated)::int as n from stock_levels"))[0].n).toBe(0);
    await expectCountersMatchAllocations();
    const acks855 = readdirSync(outbox).filter((f) => f.startsWith("855"));
    const texts = acks855.map((f) => readFileSync(path.join(outbox, f), "utf8"));
    expect(texts.some((t) => t.includes("BAK*00*RJ*PO-CHG-1"))).toBe(true);
  });
});
