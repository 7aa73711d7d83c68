import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runTranslateCli } from "./cli.ts";
import { translateFile, translateStream } from "./translate.ts";
import type { ChangeRequest, OrderRequest } from "./types.ts";

const now = new Date("2026-01-15T10:00:00Z");
const path = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const order = (name: string) =>
  translateFile(readFileSync(path(name)), { now }).interchanges[0].transactions[0].order;

describe("X12 850 → order request", () => {
  it("maps header, parties, notes and lines with values exactly as sent", () => {
    const o = order("x12-850-basic.edi") as OrderRequest;
    expect(o).toMatchObject({
      kind: "order",
      poNumber: "PO-7781",
      poDate: "2026-01-15",
      requestedDeliveryDate: "2026-01-22",
      requestedShipDate: "2026-01-20",
      currency: "USD",
      notes: ["Deliver to dock 4 before 10:00"],
      buyer: {
        role: "BY",
        identifiers: [{ qualifier: "9", value: "0012345000019" }],
        name: "FRESHMART STORES",
      },
      shipTo: {
        identifiers: [{ qualifier: "92", value: "DC12" }],
        name: "FRESHMART DC 12 RECEIVING",
        address: {
          lines: ["100 DEPOT ROAD", "UNIT 4"],
          city: "COLUMBUS",
          region: "OH",
          postalCode: "43004",
          country: "US",
        },
      },
    });
    expect(o.lines).toEqual([
      {
        lineRef: "1",
        quantity: "24",
        uom: "CA",
        unitPrice: "18.5000",
        itemIds: [
          { qualifier: "UP", value: "012345678905" },
          { qualifier: "VN", value: "WS-1001" },
        ],
        description: "OLIVE OIL 1L",
        requestedDeliveryDate: null,
        notes: [],
      },
      {
        lineRef: "2",
        quantity: "10.5",
        uom: "LB",
        unitPrice: "3.25",
        itemIds: [
          { qualifier: "VN", value: "WS-2002" },
          { qualifier: "BP", value: "FM-88" },
        ],
        description: "COFFEE BEANS",
        requestedDeliveryDate: "2026-01-25",
        notes: [],
      },
    ]);
  });

  it("maps an 860 to a change request", () => {
    const c = order("x12-860-change.edi") as ChangeRequest;
    expect(c.kind).toBe("change");
    expect(c.poNumber).toBe("PO-7781");
    expect(c.poDate).toBe("2026-01-15");
    expect(c.requestedDeliveryDate).toBe("2026-01-24");
    expect(c.lines.map((l) => [l.lineRef, l.changeCode, l.quantity, l.quantityLeftToReceive, l.uom])).toEqual(
      [
        ["1", "QI", "30", "30", "CA"],
        ["2", "DI", "0", "0", "LB"],
      ],
    );
  });

  it("recognises sets it does not map and still acknowledges them", () => {
    const text = readFileSync(path("x12-850-basic.edi"), "utf8")
      .replace("ST*850", "ST*940")
      .replace("GS*PO", "GS*OW");
    const ic = translateFile(text, { now }).interchanges[0];
    expect(ic.transactions[0]).toMatchObject({ type: "940", status: "accepted" });
    expect(ic.transactions[0].warnings[0].code).toBe("NOT_TRANSLATED");
    expect(ic.acknowledgment).toContain("AK2*940*0001~");
  });
});

describe("EDIFACT ORDERS → order request", () => {
  it("normalises the decimal comma, keeps qualifiers and joins party data", () => {
    const o = order("edifact-orders-decimal-comma.edi") as OrderRequest;
    expect(o).toMatchObject({
      poNumber: "ORD-5521",
      poDate: "2026-01-15",
      requestedDeliveryDate: "2026-01-29",
      currency: "EUR",
      notes: ["Please call 2h before delivery: Hans"],
      buyer: {
        identifiers: [{ qualifier: "9", value: "4012345000009" }],
        name: "Grossmarkt Nord GmbH",
        address: { lines: ["Hafenstrasse 7"], city: "Hamburg", postalCode: "20457", country: "DE" },
      },
      shipTo: { role: "DP", name: "Lager Nord" },
    });
    expect(o.lines.map((l) => [l.lineRef, l.quantity, l.uom, l.unitPrice, l.itemIds, l.description])).toEqual(
      [
        [
          "1",
          "12.5",
          "KGM",
          "4.1250",
          [
            { qualifier: "EN", value: "4006381333931" },
            { qualifier: "SA", value: "WS-1001" },
          ],
          "Olivenoel 1L",
        ],
        ["2", "30", "PCE", "0.99", [{ qualifier: "EN", value: "4006381333948" }], null],
      ],
    );
  });
});

describe("translateStream and the CLI", () => {
  it("gives the same result as translateFile for any chunk size", async () => {
    for (const name of ["x12-850-basic.edi", "edifact-orders-decimal-comma.edi"]) {
      const bytes = readFileSync(path(name));
      const whole = translateFile(bytes, { now });
      for (const size of [1, 5, 4096]) {
        const chunks: Uint8Array[] = [];
        for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
        expect(await translateStream(chunks, { now })).toEqual(whole);
      }
    }
  });

  it("runTranslateCli prints JSON and returns 0 / 1 / 2", async () => {
    const run = async (file: string) => {
      const chunks: string[] = [];
      const out = new Writable({
        write(chunk, _encoding, done) {
          chunks.push(String(chunk));
          done();
        },
      });
      const code = await runTranslateCli(file, out, { now });
      return { code, text: chunks.join("") };
    };
    const basic = await run(path("x12-850-basic.edi").pathname);
    expect(basic.code).toBe(0);
    const first = JSON.parse(basic.text);
    expect(first.interchanges[0].standard).toBe("x12");
    expect(first.interchanges[0].transactions[0].order.poNumber).toBe("PO-7781");
    expect((await run(path("x12-850-three-sets-one-bad-count.edi").pathname)).code).toBe(1);
    const missing = await run("/nonexistent/file.edi");
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.text).error.code).toBe("FILE_UNREADABLE");
    // Printed interchange by interchange, the output is exactly the whole result's JSON.
    for (const name of [
      "x12-850-basic.edi",
      "x12-850-three-sets-one-bad-count.edi",
      "edifact-orders-decimal-comma.edi",
    ]) {
      const bytes = readFileSync(path(name));
      const twice = Buffer.concat([bytes, Buffer.from("\n"), bytes, Buffer.from("\ntrailing junk")]);
      const file = `${tmpdir()}/wholesail-cli-${process.pid}-${name}`;
      for (const content of [bytes, twice]) {
        writeFileSync(file, content);
        expect((await run(file)).text).toBe(`${JSON.stringify(translateFile(content, { now }), null, 2)}\n`);
      }
      rmSync(file);
    }
    const notEdi = `${tmpdir()}/wholesail-cli-${process.pid}-not-edi.txt`;
    writeFileSync(notEdi, "hello");
    expect((await run(notEdi)).text).toBe(`${JSON.stringify(translateFile("hello", { now }), null, 2)}\n`);
    rmSync(notEdi);
  });
});
