// 856/DESADV and 810/INVOIC for orders that came in by EDI: shipped with shipOrder (or inserted with
// SQL), sent with the partner's control numbers, and read back through our own reader to the same
// content — hierarchy, SSCC-18 labels, the buyer's line references, identifiers and units, prices.
import { readdirSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/app/db.ts";
import { Dec, extend, sumMoney } from "../../src/lib/money.ts";
import { ingestDocument } from "../../src/modules/channels/edi/ingest.ts";
import { linkedOrders } from "../../src/modules/channels/edi/messages.ts";
import { sendInvoiceDocument, sendShipNotice } from "../../src/modules/channels/edi/outbound-lifecycle.ts";
import {
  documentBodies,
  read810,
  read856,
  readDesadv,
  readInvoic,
} from "../../src/modules/channels/edi/outbound-read.ts";
import { controlNumbers } from "../../src/modules/channels/edi/partners.ts";
import { isValidSscc, makeSscc } from "../../src/modules/channels/edi/sscc.ts";
import { translateFile } from "../../src/modules/channels/edi/translate.ts";
import { shipOrder } from "../../src/modules/fulfillment/ship.ts";
import { resetDb, testDb } from "../support/db.ts";
import { type Fixture, seedFixture } from "../support/fixture.ts";
import { addPartner, outboxDir } from "./support.ts";

let db: Db;
let fx: Fixture;
let outbox: string;
let partnerId: number;

const q = async (text: string, values: unknown[] = []) => (await db.pool.query(text, values)).rows;
const upcOf = (sku: string) => `0${String(fx.items[sku]).padStart(11, "0")}`;
const actor = { userId: null, name: "test" };

beforeEach(async () => {
  db = await testDb();
  await resetDb(db);
  fx = await seedFixture(db);
  await q("update items set upc = '0' || lpad(id::text, 11, '0'), vendor_part_no = 'V-' || sku");
  await q("insert into customer_part_numbers (account_id, item_id, part_no) values ($1, $2, 'ACME-77')", [
    fx.accountA,
    fx.items["SKU-3"],
  ]);
  await q("update ship_tos set edi_store_number = '0042', gln = '0614141000012' where id = $1", [fx.shipToA]);
  await q("update ship_tos set gln = '4012345000016' where id = $1", [fx.shipToB]);
  outbox = outboxDir();
  partnerId = (await addPartner(db, fx.accountA, outbox, { documents: ["850", "855", "856", "810"] })).id;
});

/** An 850 with a buyer party; lines are [qty, uom, ...id pairs]. */
function x12Order(icn: number, po: string, lines: string[][]): string {
  const pad = (s: string, n: number) => s.padEnd(n, " ");
  const body = [
    "ST*850*0001",
    `BEG*00*SA*${po}**20260115`,
    "N1*BY*ACME FOODS HQ*9*0012345000019",
    "N1*ST*STORE 42*92*42",
    ...lines.map((l, i) => `PO1*${i + 1}*${l[0]}*${l[1]}***${l.slice(2).join("*")}`),
    `CTT*${lines.length}`,
  ];
  const icn9 = String(icn).padStart(9, "0");
  return `${[
    `ISA*00*${pad("", 10)}*00*${pad("", 10)}*ZZ*${pad("ACMEFOODS", 15)}*ZZ*${pad("WHOLESAIL", 15)}*260115*0930*U*00401*${icn9}*0*P*>`,
    `GS*PO*ACMEFOODS*WHOLESAIL*20260115*0930*${icn}*X*004010`,
    ...body,
    `SE*${body.length + 1}*0001`,
    `GE*1*${icn}`,
    `IEA*1*${icn9}`,
  ].join("~\n")}~\n`;
}

async function ingestOrder(file: string): Promise<number> {
  const result = await ingestDocument(db, file, "test");
  expect(result.status, JSON.stringify(result.interchanges)).toBe("processed");
  return result.interchanges[0].transactions[0].orderId!;
}

/** Translates what we wrote: one interchange, no errors, every set accepted; returns it and the bodies. */
function readBack(raw: string) {
  const r = translateFile(raw);
  expect(r.interchanges).toHaveLength(1);
  const ic = r.interchanges[0];
  expect(ic.errors).toEqual([]);
  for (const t of ic.transactions) expect(t.errors).toEqual([]);
  return { ic, bodies: documentBodies(raw) };
}

const price = async (orderId: number, lineNo: number) =>
  (
    await q("select unit_price::text as p from order_lines where order_id = $1 and line_no = $2", [
      orderId,
      lineNo,
    ])
  )[0].p as string;
const times = (p: string, f: number) => Dec(p).times(f).toFixed();

// Ship-from, ship-to and buyer as the 856 and the 810 of the X12 partner both name them.
const X12_PARTIES = [
  {
    role: "SF",
    name: "EAST DC",
    address: { lines: ["1 Dock Rd"], city: "City", region: "ST", postalCode: "00000", country: "US" },
  },
  {
    role: "ST",
    name: "A-MAIN store",
    identifier: { qualifier: "92", value: "42" },
    address: { lines: ["9 Elm St"], city: "Town", region: "NY", postalCode: "10001", country: "US" },
  },
  { role: "BY", name: "ACME FOODS HQ", identifier: { qualifier: "9", value: "0012345000019" } },
];

describe("856 and 810 for an X12 partner", () => {
  it("sends the shipment and its invoice in the buyer's terms, numbered from the partner's sequences", async () => {
    const orderId = await ingestOrder(
      x12Order(101, "PO-1", [
        ["3", "CA", "UP", upcOf("SKU-1")],
        ["5", "EA", "VN", "SKU-2"],
        ["1", "EA", "BP", "ACME-77"],
      ]),
    );
    expect(await controlNumbers(db, partnerId)).toEqual({ interchange: 2, group: 2, set: 1 }); // 997 + 855
    const now = new Date("2026-01-20T14:15:00Z");
    const first = await shipOrder(
      db,
      {
        orderId,
        carrier: "UPSN",
        trackingNumber: "1Z999",
        warehouseId: fx.warehouses.east,
        packages: [
          {
            lines: [
              { lineNo: 1, quantity: 12 },
              { lineNo: 2, quantity: 5 },
            ],
          },
          {
            lines: [
              { lineNo: 1, quantity: 12 },
              { lineNo: 3, quantity: 1 },
            ],
          },
        ],
      },
      actor,
      now,
    );
    const shipment = first.shipments[0];
    const [sscc1, sscc2] = shipment.packages.map((p) => p.sscc);
    expect([sscc1, sscc2].every(isValidSscc)).toBe(true);

    const asn = (await sendShipNotice(db, shipment.id, now))!;
    expect(asn).toMatchObject({ docType: "856", status: "sent", interchangeControl: "000000003" });
    const { ic, bodies } = readBack(asn.raw);
    expect(ic).toMatchObject({
      standard: "x12",
      controlNumber: "000000003",
      sender: { qualifier: "ZZ", id: "WHOLESAIL" },
      receiver: { qualifier: "ZZ", id: "ACMEFOODS" },
    });
    expect(ic.transactions.map((t) => [t.type, t.controlNumber, t.groupControlNumber, t.status])).toEqual([
      ["856", "0002", "3", "accepted"],
    ]);
    expect(asn.raw).toMatch(/HL\*1\*\*S\*1~\n.*HL\*2\*1\*O\*1~\nPRF\*PO-1~\nHL\*3\*2\*P\*1~\nMAN\*GM\*/s);
    const ups = [{ qualifier: "UP", value: upcOf("SKU-1") }];
    expect(read856(bodies[0].body)).toEqual({
      shipmentId: shipment.number,
      shipDate: "2026-01-20",
      shipTime: "1415",
      carrier: "UPSN",
      trackingNumber: "1Z999",
      parties: X12_PARTIES,
      orders: [
        {
          poNumber: "PO-1",
          packs: [
            {
              sscc: sscc1,
              items: [
                { lineRef: "1", itemIds: ups, quantity: "1", uom: "CA" },
                { lineRef: "2", itemIds: [{ qualifier: "VN", value: "SKU-2" }], quantity: "5", uom: "EA" },
              ],
            },
            {
              sscc: sscc2,
              items: [
                { lineRef: "1", itemIds: ups, quantity: "1", uom: "CA" },
                { lineRef: "3", itemIds: [{ qualifier: "BP", value: "ACME-77" }], quantity: "1", uom: "EA" },
              ],
            },
          ],
        },
      ],
    });

    const bill = (await sendInvoiceDocument(db, shipment.invoice.id, now))!;
    expect(bill).toMatchObject({ docType: "810", status: "sent", interchangeControl: "000000004" });
    const inv = readBack(bill.raw);
    expect(inv.ic.transactions.map((t) => [t.type, t.controlNumber, t.groupControlNumber])).toEqual([
      ["810", "0003", "4"],
    ]);
    const [p1, p2, p3] = [await price(orderId, 1), await price(orderId, 2), await price(orderId, 3)];
    const amounts = [extend(24, p1, "USD"), extend(5, p2, "USD"), extend(1, p3, "USD")];
    expect(shipment.invoice.amount).toBe(sumMoney(amounts, "USD"));
    const cents = shipment.invoice.amount.replace(".", "").replace(/^0+(?=\d)/, "");
    expect(read810(inv.bodies[0].body)).toEqual({
      invoiceNumber: shipment.invoice.number,
      invoiceDate: "2026-01-20",
      poNumber: "PO-1",
      poDate: "2026-01-15",
      currency: "USD",
      parties: X12_PARTIES,
      lines: [
        // 24 base units = 2 cases, at the case price (12 × the base-unit price).
        { lineRef: "1", itemIds: ups, quantity: "2", uom: "CA", unitPrice: times(p1, 12), amount: "" },
        {
          lineRef: "2",
          itemIds: [{ qualifier: "VN", value: "SKU-2" }],
          quantity: "5",
          uom: "EA",
          unitPrice: times(p2, 1),
          amount: "",
        },
        {
          lineRef: "3",
          itemIds: [{ qualifier: "BP", value: "ACME-77" }],
          quantity: "1",
          uom: "EA",
          unitPrice: times(p3, 1),
          amount: "",
        },
      ].map((l, i) => ({
        ...l,
        description: ["SKU-1 Paper towels", "SKU-2 Hand soap", "SKU-3 Trash bags"][i],
      })),
      total: cents,
    });
    // The fixture's prices, so the arithmetic above is pinned down too.
    expect([p1, p2, p3, times(p1, 12)]).toEqual(["12.5000", "3.3333", "60.3250", "150"]);
    expect(bill.raw).toContain(`IT1*1*2*CA*150*PE*UP*${upcOf("SKU-1")}~`);
    expect(bill.raw).toContain(`TDS*${cents}~`);

    // A second shipment of 10 of the 12 left on line 1: 7 and 3 are no whole cases → base units.
    const second = (
      await shipOrder(
        db,
        {
          orderId,
          warehouseId: fx.warehouses.east,
          packages: [{ lines: [{ lineNo: 1, quantity: 7 }] }, { lines: [{ lineNo: 1, quantity: 3 }] }],
        },
        actor,
        now,
      )
    ).shipments[0];
    const asn2 = (await sendShipNotice(db, second.id, now))!;
    const back2 = read856(readBack(asn2.raw).bodies[0].body);
    expect(back2.orders[0].packs.map((p) => [isValidSscc(p.sscc), p.items])).toEqual([
      [true, [{ lineRef: "1", itemIds: ups, quantity: "7", uom: "EA" }]],
      [true, [{ lineRef: "1", itemIds: ups, quantity: "3", uom: "EA" }]],
    ]);
    const bill2 = (await sendInvoiceDocument(db, second.invoice.id, now))!;
    const back810 = read810(readBack(bill2.raw).bodies[0].body);
    expect(back810.lines.map((l) => [l.quantity, l.uom, l.unitPrice])).toEqual([["10", "EA", "12.5"]]);
    expect(back810.total).toBe("12500");
    expect([asn2.interchangeControl, bill2.interchangeControl]).toEqual(["000000005", "000000006"]);
    expect(await controlNumbers(db, partnerId)).toEqual({ interchange: 6, group: 6, set: 5 });

    // Each document is linked to the order and written to the outbox once; a repeat call (the
    // outbox publisher retrying) returns the document already sent.
    expect((await linkedOrders(db, asn.messageId)).map((o) => o.id)).toEqual([orderId]);
    const again = await sendShipNotice(db, shipment.id, now);
    expect(again).toMatchObject({ messageId: asn.messageId, status: "sent", raw: asn.raw });
    expect(await controlNumbers(db, partnerId)).toEqual({ interchange: 6, group: 6, set: 5 });
    const files = readdirSync(outbox);
    expect(files.filter((f) => f.startsWith("856"))).toHaveLength(2);
    expect(files.filter((f) => f.startsWith("810"))).toHaveLength(2);
    const logged = await q(
      `select doc_types, status, in_reply_to from edi_messages where direction = 'out' and partner_id = $1 order by id`,
      [partnerId],
    );
    expect(logged.map((m) => [m.doc_types.join(), m.status, m.in_reply_to])).toEqual([
      ["997", "sent", expect.anything()],
      ["855", "sent", expect.anything()],
      ["856", "sent", null],
      ["810", "sent", null],
      ["856", "sent", null],
      ["810", "sent", null],
    ]);
  });

  it("a held document is delivered as written once the partner has a destination", async () => {
    await q("update edi_trading_partners set outbound_kind = 'none', outbound_target = null where id = $1", [
      partnerId,
    ]);
    const orderId = await ingestOrder(x12Order(102, "PO-H", [["2", "EA", "VN", "SKU-2"]]));
    const shipped = await shipOrder(db, { orderId }, actor, new Date("2026-01-20T10:00:00Z"));
    const held = (await sendShipNotice(db, shipped.shipments[0].id))!;
    expect(held.status).toBe("held");
    await q("update edi_trading_partners set outbound_kind = 'folder', outbound_target = $2 where id = $1", [
      partnerId,
      outbox,
    ]);
    const sent = (await sendShipNotice(db, shipped.shipments[0].id))!;
    expect(sent).toMatchObject({ messageId: held.messageId, status: "sent", raw: held.raw });
    expect(readdirSync(outbox).filter((f) => f.startsWith("856"))).toHaveLength(1);
  });
});

describe("partners and orders that get nothing", () => {
  it("a partner without 856/810 in its documents, or an account without a partner: null, nothing logged", async () => {
    await q("update edi_trading_partners set documents = '{850,855}' where id = $1", [partnerId]);
    const orderId = await ingestOrder(x12Order(103, "PO-N", [["1", "EA", "VN", "SKU-2"]]));
    const before = await controlNumbers(db, partnerId);
    const shipped = (await shipOrder(db, { orderId }, actor, new Date())).shipments[0];
    expect(await sendShipNotice(db, shipped.id)).toBeNull();
    expect(await sendInvoiceDocument(db, shipped.invoice.id)).toBeNull();
    expect(await controlNumbers(db, partnerId)).toEqual(before);
    const out = await q("select doc_types from edi_messages where direction = 'out'");
    expect(out.map((m) => m.doc_types.join())).toEqual(["997", "855"]);

    // Account B has no trading partner at all.
    const [order] = await q(
      `insert into orders (number, account_id, ship_to_id, channel, status, currency, ordered_at, total, line_count)
       values ('SO-B', $1, $2, 'desk', 'confirmed', 'USD', now(), '0', 0) returning id`,
      [fx.accountB, fx.shipToB],
    );
    const [s] = await q(
      `insert into shipments (number, order_id, warehouse_id, shipped_at) values ('SH-B', $1, $2, now()) returning id`,
      [order.id, fx.warehouses.west],
    );
    expect(await sendShipNotice(db, Number(s.id))).toBeNull();
  });

  it("an order keyed at the desk for the partner's account: ids in the partner's preference, base units", async () => {
    const [order] = await q(
      `insert into orders (number, account_id, ship_to_id, po_number, channel, status, currency, ordered_at, total, line_count)
       values ('SO-D', $1, $2, 'PO-DESK', 'desk', 'confirmed', 'USD', '2026-01-10T12:00:00Z', '0', 2) returning id`,
      [fx.accountA, fx.shipToA],
    );
    const lines = await q(
      `insert into order_lines (order_id, line_no, item_id, quantity, unit_price, extended_amount, requested)
       values ($1, 1, $2, 24, '12.5000', '300.00', '{"item":{"sku":"SKU-1"},"quantity":2,"uom":"CS","lineRef":"A"}'),
              ($1, 2, $3, 1, '60.3250', '60.33', null) returning id`,
      [order.id, fx.items["SKU-1"], fx.items["SKU-3"]],
    );
    const [s] = await q(
      `insert into shipments (number, order_id, warehouse_id, shipped_at) values ('SH-D', $1, $2, '2026-01-12T08:00:00Z') returning id`,
      [order.id, fx.warehouses.east],
    );
    const [pack] = await q(
      "insert into shipment_packages (shipment_id, seq, sscc) values ($1, 1, $2) returning id",
      [s.id, makeSscc(0, "0614141", 777)],
    );
    await q(
      `insert into shipment_lines (shipment_id, package_id, order_line_id, item_id, quantity)
       values ($1, $2, $3, $4, 24), ($1, $2, $5, $6, 1), ($1, $2, $5, $7, 3)`,
      [s.id, pack.id, lines[0].id, fx.items["SKU-1"], lines[1].id, fx.items["SKU-3"], fx.items["SKU-4"]],
    );
    const asn = (await sendShipNotice(db, Number(s.id)))!;
    const back = read856(readBack(asn.raw).bodies[0].body);
    expect(back.parties.find((p) => p.role === "ST")?.identifier).toEqual({ qualifier: "92", value: "0042" });
    expect(back.parties.find((p) => p.role === "BY")).toEqual({ role: "BY", name: "Acme Foods" });
    expect(back.orders).toEqual([
      {
        poNumber: "PO-DESK",
        packs: [
          {
            sscc: makeSscc(0, "0614141", 777),
            items: [
              {
                lineRef: "A",
                itemIds: [
                  { qualifier: "UP", value: upcOf("SKU-1") },
                  { qualifier: "VN", value: "SKU-1" },
                ],
                quantity: "2",
                uom: "CS",
              },
              {
                lineRef: "2",
                itemIds: [
                  { qualifier: "UP", value: upcOf("SKU-3") },
                  { qualifier: "VN", value: "SKU-3" },
                  { qualifier: "BP", value: "ACME-77" },
                ],
                quantity: "1",
                uom: "EA",
              },
              {
                // Another item shipped on line 2 (a substitute): our identifiers, the buyer's line.
                lineRef: "2",
                itemIds: [
                  { qualifier: "UP", value: upcOf("SKU-4") },
                  { qualifier: "VN", value: "SKU-4" },
                ],
                quantity: "3",
                uom: "EA",
              },
            ],
          },
        ],
      },
    ]);
  });
});

describe("DESADV and INVOIC for an EDIFACT partner", () => {
  it("writes consignment → packs (SSCC) → items and the invoice, read back to the same content", async () => {
    const eOutbox = outboxDir();
    const eid = (
      await addPartner(db, fx.accountB, eOutbox, {
        name: "Blue EDIFACT",
        standard: "edifact",
        version: "D96A",
        ourQualifier: "14",
        ourId: "5412345000013",
        theirQualifier: "14",
        theirId: "4012345000009",
        documents: ["ORDERS", "ORDRSP", "DESADV", "INVOIC"],
        itemIdPreference: ["EN", "SA"],
        acknowledgments: ["CONTRL"],
      })
    ).id;
    const ean = (sku: string) => `0${upcOf(sku)}`;
    const segs = [
      "UNH+1+ORDERS:D:96A:UN:EAN008",
      "BGM+220+PO-E1+9",
      "DTM+137:20260114:102",
      "NAD+BY+4012345000009::9++Blue Hardware Einkauf",
      "NAD+DP+4012345000016::9",
      `LIN+1++${ean("SKU-1")}:EN`,
      "QTY+21:2:CS",
      "LIN+2++SKU-2:SA",
      "QTY+21:5:PCE",
      "UNS+S",
      "CNT+2:2",
    ];
    const file = `UNA:+.? 'UNB+UNOC:3+4012345000009:14+5412345000013:14+260114:0800+E1'${segs.join("'")}'UNT+${segs.length + 1}+1'UNZ+1+E1'`;
    const orderId = await ingestOrder(file);
    const ol = await q(
      "select id, line_no, item_id, unit_price::text as p from order_lines where order_id = $1 order by line_no",
      [orderId],
    );
    expect(ol.map((l) => l.p)).toEqual(["12.5000", "3.3333"]);

    // Shipment and invoice written directly, as billing does: base units, per-base-unit prices.
    const [s] = await q(
      `insert into shipments (number, order_id, warehouse_id, carrier, shipped_at)
       values ('SH-E1', $1, $2, 'DHL', '2026-01-16T07:05:00Z') returning id`,
      [orderId, fx.warehouses.west],
    );
    const ssccs = [makeSscc(0, "0614141", 9001), makeSscc(0, "0614141", 9002)];
    const packs = [];
    for (const [i, sscc] of ssccs.entries())
      packs.push(
        (
          await q("insert into shipment_packages (shipment_id, seq, sscc) values ($1, $2, $3) returning id", [
            s.id,
            i + 1,
            sscc,
          ])
        )[0].id,
      );
    await q(
      `insert into shipment_lines (shipment_id, package_id, order_line_id, item_id, quantity)
       values ($1, $2, $3, $4, 12), ($1, $2, $5, $6, 5), ($1, $7, $3, $4, 12)`,
      [s.id, packs[0], ol[0].id, ol[0].item_id, ol[1].id, ol[1].item_id, packs[1]],
    );
    const amounts = [extend(24, "12.5000", "USD"), extend(5, "3.3333", "USD")];
    const total = sumMoney(amounts, "USD");
    expect([amounts, total]).toEqual([["300.00", "16.67"], "316.67"]);
    const [inv] = await q(
      `insert into invoices (number, account_id, order_id, shipment_id, currency, issued_on, due_on, amount)
       values ('INV-E1', $1, $2, $3, 'USD', '2026-01-16', '2026-02-15', $4) returning id`,
      [fx.accountB, orderId, s.id, total],
    );
    await q(
      `insert into invoice_lines (invoice_id, line_no, order_line_id, item_id, description, quantity, unit_price, amount)
       values ($1, 1, $2, $3, 'Paper towels', 24, '12.5000', $6), ($1, 2, $4, $5, 'Hand soap', 5, '3.3333', $7)`,
      [inv.id, ol[0].id, ol[0].item_id, ol[1].id, ol[1].item_id, amounts[0], amounts[1]],
    );

    const before = await controlNumbers(db, eid);
    const desadv = (await sendShipNotice(db, Number(s.id)))!;
    expect(desadv).toMatchObject({ docType: "DESADV", status: "sent" });
    const { ic, bodies } = readBack(desadv.raw);
    expect(ic).toMatchObject({
      standard: "edifact",
      controlNumber: String(before.interchange + 1),
      sender: { qualifier: "14", id: "5412345000013" },
      receiver: { qualifier: "14", id: "4012345000009" },
    });
    expect(ic.transactions.map((t) => [t.type, t.controlNumber, t.status])).toEqual([
      ["DESADV", String(before.set + 1), "accepted"],
    ]);
    expect(desadv.raw).toContain(`GIN+BJ+${ssccs[0]}'`);
    const towels = [{ qualifier: "EN", value: ean("SKU-1") }];
    const west = { lines: ["1 Dock Rd"], city: "City", region: "ST", postalCode: "00000", country: "US" };
    const parties = [
      { role: "SF", name: "WEST DC", address: west },
      {
        role: "DP",
        name: "B-MAIN store",
        identifier: { qualifier: "9", value: "4012345000016" },
        address: { lines: ["9 Elm St"], city: "Town", region: "NY", postalCode: "10001", country: "US" },
      },
      { role: "BY", name: "Blue Hardware Einkauf", identifier: { qualifier: "9", value: "4012345000009" } },
    ];
    expect(readDesadv(bodies[0].body)).toEqual({
      shipmentId: "SH-E1",
      shipDate: "2026-01-16",
      shipTime: "0705",
      carrier: "DHL",
      parties,
      orders: [
        {
          poNumber: "PO-E1",
          packs: [
            {
              sscc: ssccs[0],
              items: [
                { lineRef: "1", itemIds: towels, quantity: "1", uom: "CS" },
                { lineRef: "2", itemIds: [{ qualifier: "SA", value: "SKU-2" }], quantity: "5", uom: "PCE" },
              ],
            },
            { sscc: ssccs[1], items: [{ lineRef: "1", itemIds: towels, quantity: "1", uom: "CS" }] },
          ],
        },
      ],
    });

    const invoic = (await sendInvoiceDocument(db, Number(inv.id)))!;
    const back = readBack(invoic.raw);
    expect(back.ic.controlNumber).toBe(String(before.interchange + 2));
    expect(back.ic.transactions.map((t) => [t.type, t.controlNumber])).toEqual([
      ["INVOIC", String(before.set + 2)],
    ]);
    expect(readInvoic(back.bodies[0].body)).toEqual({
      invoiceNumber: "INV-E1",
      invoiceDate: "2026-01-16",
      poNumber: "PO-E1",
      poDate: "2026-01-14",
      currency: "USD",
      parties,
      lines: [
        {
          lineRef: "1",
          itemIds: towels,
          quantity: "2",
          uom: "CS",
          unitPrice: "150",
          amount: "300.00",
          description: "Paper towels",
        },
        {
          lineRef: "2",
          itemIds: [{ qualifier: "SA", value: "SKU-2" }],
          quantity: "5",
          uom: "PCE",
          unitPrice: "3.3333",
          amount: "16.67",
          description: "Hand soap",
        },
      ],
      total: "316.67",
    });
    // The X12 partner's sequences did not move: numbers are per partner.
    expect(await controlNumbers(db, partnerId)).toEqual({});
    expect(readdirSync(eOutbox).filter((f) => /^(DESADV|INVOIC)/.test(f))).toHaveLength(2);
  });
});
