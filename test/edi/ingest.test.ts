// EDI intake end to end on the test fixture: orders made, replays, duplicates, unresolved data,
// acknowledgments with the partner's control numbers in its outbox.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/db.ts";
import { ingestDocument } from "../../src/modules/channels/edi/ingest.ts";
import { controlNumbers } from "../../src/modules/channels/edi/partners.ts";
import { translateFile } from "../../src/modules/channels/edi/translate.ts";
import { resetDb, testDb } from "../support/db.ts";
import { type Fixture, seedFixture } from "../support/fixture.ts";
import { addPartner, outboxDir, x12Order } from "./support.ts";

let db: Db;
let fx: Fixture;
let outbox: string;
let partnerId: number;

const count = async (sql: string) => Number((await db.pool.query(sql)).rows[0].n);

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  fx = await seedFixture(db);
  await db.pool.query("update items set upc = '0' || lpad(id::text, 11, '0'), vendor_part_no = 'V-' || sku");
  await db.pool.query(
    "insert into customer_part_numbers (account_id, item_id, part_no) values ($1, $2, 'ACME-77')",
    [fx.accountA, fx.items["SKU-3"]],
  );
  await db.pool.query("update ship_tos set edi_store_number = '0042', gln = '0614141000012' where id = $1", [
    fx.shipToA,
  ]);
  outbox = outboxDir();
  partnerId = (await addPartner(db, fx.accountA, outbox)).id;
});

const upcOf = (sku: string) => `0${String(fx.items[sku]).padStart(11, "0")}`;

describe("EDI intake", () => {
  it("creates an order from an 850, resolving UPC, vendor and buyer part numbers and cases", async () => {
    const file = x12Order({
      icn: 101,
      po: "PO-1",
      shipTo: ["92", "42"],
      lines: [
        ["2", "CA", "UP", upcOf("SKU-1")],
        ["5", "EA", "VN", "SKU-2"],
        ["1", "EA", "BP", "ACME-77"],
        ["3", "EA", "VN", "V-SKU-4"],
      ],
    });
    const result = await ingestDocument(db, file, "test");
    expect(result.status, JSON.stringify(result.errors)).toBe("processed");
    const tx = result.interchanges[0].transactions[0];
    expect(tx.status).toBe("order_created");
    expect(result.orders).toHaveLength(1);
    const lines = (
      await db.pool.query(
        "select i.sku, l.quantity from order_lines l join items i on i.id = l.item_id where l.order_id = $1 order by l.line_no",
        [tx.orderId],
      )
    ).rows;
    expect(lines).toEqual([
      { sku: "SKU-1", quantity: 24 },
      { sku: "SKU-2", quantity: 5 },
      { sku: "SKU-3", quantity: 1 },
      { sku: "SKU-4", quantity: 3 },
    ]);
    const order = (
      await db.pool.query("select channel, ship_to_id, po_number from orders where id = $1", [tx.orderId])
    ).rows[0];
    expect(order).toEqual({ channel: "edi", ship_to_id: fx.shipToA, po_number: "PO-1" });
  });

  it("writes the 997 and the 855 to the partner's outbox with the partner's control numbers", async () => {
    await ingestDocument(db, x12Order({ icn: 7, po: "PO-A", lines: [["1", "EA", "VN", "SKU-1"]] }), "test");
    await ingestDocument(db, x12Order({ icn: 8, po: "PO-B", lines: [["1", "EA", "VN", "SKU-1"]] }), "test");
    const files = readdirSync(outbox).sort();
    expect(files.filter((f) => f.startsWith("997"))).toHaveLength(2);
    expect(files.filter((f) => f.startsWith("855"))).toHaveLength(2);
    const interchanges = files.map(
      (f) => translateFile(readFileSync(path.join(outbox, f), "utf8")).interchanges[0],
    );
    // 997, 855, 997, 855: one sequence per partner, counting up without gaps.
    expect(interchanges.map((ic) => Number(ic.controlNumber)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
    expect(interchanges.every((ic) => ic.errors.length === 0 && ic.sender.id === "WHOLESAIL")).toBe(true);
    expect(await controlNumbers(db, partnerId)).toMatchObject({ interchange: 4, group: 4, set: 2 });
    const ack855 = interchanges.find((ic) => ic.transactions[0].type === "855")!;
    expect(ack855.transactions[0].status).toBe("accepted");
    expect(
      await count("select count(*) as n from edi_messages where direction = 'out' and status = 'sent'"),
    ).toBe(4);
  });

  it("returns the original orders for a re-sent file, flags the duplicate and creates nothing", async () => {
    const file = x12Order({ icn: 55, po: "PO-R", lines: [["1", "EA", "VN", "SKU-1"]], sets: 2 });
    const first = await ingestDocument(db, file, "test");
    expect(first.orders).toHaveLength(2);
    const again = await ingestDocument(db, file, "test");
    expect(again.status).toBe("rejected");
    expect(again.interchanges[0].duplicateOf).toBe(first.messageId);
    expect(again.interchanges[0].errors.map((e) => e.code)).toContain("DUPLICATE_INTERCHANGE");
    expect(again.orders.map((o) => o.id).sort()).toEqual(first.orders.map((o) => o.id).sort());
    expect(again.orders.every((o) => o.replayed)).toBe(true);
    expect(await count("select count(*) as n from orders")).toBe(2);
    // The partner is told: TA1 rejecting the interchange as a duplicate (025).
    expect(again.interchanges[0].acknowledgment).toMatch(/TA1\*000000055\*\d{6}\*\d{4}\*R\*025/);
  });

  it("a duplicate outside the partner's window is taken again, and idempotency returns the original orders", async () => {
    const file = x12Order({ icn: 60, po: "PO-W", lines: [["1", "EA", "VN", "SKU-1"]] });
    const first = await ingestDocument(db, file, "test");
    await db.pool.query("update edi_interchanges set received_at = now() - interval '40 days'");
    const again = await ingestDocument(db, file, "test");
    expect(again.interchanges[0].duplicateOf).toBeNull();
    expect(again.interchanges[0].transactions[0].status).toBe("order_replayed");
    expect(again.orders.map((o) => o.id)).toEqual(first.orders.map((o) => o.id));
    expect(await count("select count(*) as n from orders")).toBe(1);
  });

  it("keeps unidentified items on the order (held), backorders what is short, and says so in the 855", async () => {
    const file = x12Order({
      icn: 70,
      po: "PO-U",
      lines: [
        ["1", "EA", "VN", "SKU-1"],
        ["1", "EA", "UP", "999999999993"],
        ["1", "BX", "VN", "SKU-2"],
        ["1", "EA", "VN", "SKU-5"],
      ],
    });
    const result = await ingestDocument(db, file, "test");
    // Every line was taken: the message is processed; what needs a person is on the order's exceptions.
    expect(result.status).toBe("processed");
    const tx = result.interchanges[0].transactions[0];
    expect(tx.status).toBe("order_created");
    expect(tx.lines!.map((l) => [l.status, l.problem?.code ?? null, l.backordered ?? 0])).toEqual([
      ["accepted", null, 0],
      ["on-hold", "ITEM_UNRESOLVED", 0],
      ["on-hold", "UOM_UNKNOWN", 0],
      ["accepted", null, 1],
    ]);
    expect(tx.lines![1].problem!.message).toContain("UP 999999999993");
    // Nothing dropped: all four lines are on the order, held for the two we could not identify.
    const order = (await db.pool.query("select id, status from orders where po_number = 'PO-U'")).rows[0];
    expect(order.status).toBe("on_hold");
    const lines = (
      await db.pool.query(
        "select item_id is null as unresolved, backordered_quantity from order_lines where order_id = $1 order by line_no",
        [order.id],
      )
    ).rows;
    expect(lines.map((l) => [l.unresolved, l.backordered_quantity])).toEqual([
      [false, 0],
      [true, 0],
      [true, 0],
      [false, 1],
    ]);
    const exceptions = (
      await db.pool.query("select type from exceptions where order_id = $1 order by id", [order.id])
    ).rows.map((r) => r.type);
    expect(exceptions.filter((t) => t === "unresolved_item")).toHaveLength(2);
    const stored = (
      await db.pool.query("select errors, transactions from edi_messages where id = $1", [result.messageId])
    ).rows[0];
    expect(JSON.stringify(stored.transactions)).toContain("ITEM_UNRESOLVED");
    const file855 = readdirSync(outbox).find((f) => f.startsWith("855"))!;
    const ack = readFileSync(path.join(outbox, file855), "utf8");
    expect(ack).toContain("BAK*00*AC*PO-U");
    expect(ack.match(/ACK\*IA/g)).toHaveLength(1);
    expect(ack.match(/ACK\*IH/g)).toHaveLength(2);
    expect(ack.match(/ACK\*IB\*1\*EA/g)).toHaveLength(1);
  });

  it("rejects an order whose ship-to cannot be found, with the identifiers tried, and sends a rejecting 855", async () => {
    const file = x12Order({
      icn: 80,
      po: "PO-S",
      shipTo: ["92", "9999"],
      lines: [["1", "EA", "VN", "SKU-1"]],
    });
    const result = await ingestDocument(db, file, "test");
    expect(result.status).toBe("rejected");
    const tx = result.interchanges[0].transactions[0];
    expect(tx.errors[0].code).toBe("SHIP_TO_UNRESOLVED");
    expect(tx.errors[0].message).toContain("92 9999");
    const file855 = readdirSync(outbox).find((f) => f.startsWith("855"))!;
    expect(readFileSync(path.join(outbox, file855), "utf8")).toContain("BAK*00*RJ*PO-S");
  });

  it("records an unknown sender with a specific reason, keeps the raw file and holds the 997", async () => {
    const file = x12Order({ icn: 90, po: "PO-X", sender: "STRANGER", lines: [["1", "EA", "VN", "SKU-1"]] });
    const result = await ingestDocument(db, file, "test");
    expect(result.status).toBe("rejected");
    expect(result.errors.map((e) => e.code)).toContain("PARTNER_UNKNOWN");
    expect(result.interchanges[0].transactions[0].status).toBe("not_processed");
    expect(result.interchanges[0].outbound[0]).toMatchObject({ status: "held" });
    const stored = (
      await db.pool.query("select raw, status from edi_messages where id = $1", [result.messageId])
    ).rows[0];
    expect(stored).toEqual({ raw: file, status: "rejected" });
    expect(await count("select count(*) as n from orders")).toBe(0);
  });

  it("resolves the account from the buyer's ids for a hub partner, and says so when it cannot", async () => {
    await db.pool.query("update edi_trading_partners set account_id = null");
    await db.pool.query(
      "insert into trading_partner_ids (account_id, qualifier, value) values ($1, 'ZZ', 'ACMEFOODS')",
      [fx.accountA],
    );
    const ok = await ingestDocument(
      db,
      x12Order({ icn: 91, po: "PO-H", lines: [["1", "EA", "VN", "SKU-1"]] }),
      "test",
    );
    expect(ok.status).toBe("processed");
    await db.pool.query("delete from trading_partner_ids");
    const bad = await ingestDocument(
      db,
      x12Order({ icn: 92, po: "PO-H2", lines: [["1", "EA", "VN", "SKU-1"]] }),
      "test",
    );
    expect(bad.interchanges[0].transactions[0].errors[0].code).toBe("ACCOUNT_UNRESOLVED");
  });

  it("stores input that is not EDI at all, rejected with the reason", async () => {
    const result = await ingestDocument(db, "hello, this is not an order", "test");
    expect(result).toMatchObject({ status: "rejected", errors: [{ code: "NOT_EDI" }] });
  });
});
