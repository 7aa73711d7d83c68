import { describe, expect, it } from "vitest";
import { writeEdifactDocuments } from "./edifact-outbound.ts";
import {
  documentBodies,
  read810,
  read855,
  read856,
  readDesadv,
  readInvoic,
  readOrdrsp,
} from "./outbound-read.ts";
import type { Invoice, OrderAck, Shipment } from "./outbound-types.ts";
import { gs1CheckDigit, isValidSscc, makeSscc } from "./sscc.ts";
import { translateFile } from "./translate.ts";
import { impliedCents, writeX12Documents } from "./x12-outbound.ts";
import { tokenizeX12 } from "./x12-tokenizer.ts";

const date = new Date("2026-01-16T08:30:00Z");
const x12Env = {
  envelope: {
    sender: { qualifier: "ZZ", id: "WHOLESAIL" },
    receiver: { qualifier: "ZZ", id: "GROCERYCHAIN" },
    controlNumber: 42,
    date,
  },
  groupControlNumber: 42,
  firstSetControlNumber: 1,
};
const edifactEnv = {
  envelope: {
    sender: { id: "5412345000013", qualifier: "14" },
    receiver: { id: "4012345000009", qualifier: "14" },
    controlRef: "OUT42",
    date,
  },
  firstMessageRef: 1,
};

const ack: OrderAck = {
  poNumber: "PO-7781",
  poDate: "2026-01-15",
  ackDate: "2026-01-16",
  orderNumber: "SO-100",
  status: "changed",
  currency: "USD",
  parties: [
    {
      role: "ST",
      name: "FRESHMART DC 12",
      identifier: { qualifier: "92", value: "DC12" },
      address: {
        lines: ["100 DEPOT ROAD"],
        city: "COLUMBUS",
        region: "OH",
        postalCode: "43004",
        country: "US",
      },
    },
  ],
  lines: [
    {
      lineRef: "1",
      itemIds: [
        { qualifier: "UP", value: "012345678905" },
        { qualifier: "VN", value: "WS-1001" },
      ],
      quantity: "24",
      uom: "CA",
      unitPrice: "18.5000",
      status: "accepted",
    },
    {
      lineRef: "2",
      itemIds: [{ qualifier: "VN", value: "WS-2002" }],
      quantity: "10",
      uom: "LB",
      unitPrice: "3.25",
      status: "backordered",
      statusQuantity: "4",
      date: "2026-02-01",
    },
    {
      lineRef: "3",
      itemIds: [{ qualifier: "VN", value: "WS-3003" }],
      quantity: "5",
      uom: "EA",
      unitPrice: "2.10",
      status: "price-changed",
    },
    {
      lineRef: "4",
      itemIds: [{ qualifier: "VN", value: "WS-4005" }],
      quantity: "5",
      uom: "EA",
      status: "substituted",
    },
    {
      lineRef: "5",
      itemIds: [{ qualifier: "VN", value: "WS-5005" }],
      quantity: "1",
      uom: "EA",
      status: "rejected",
    },
  ],
};

const shipment: Shipment = {
  shipmentId: "SH-9001",
  shipDate: "2026-01-20",
  shipTime: "1415",
  carrier: "UPSN",
  trackingNumber: "1Z999",
  parties: [{ role: "ST", name: "FRESHMART DC 12", identifier: { qualifier: "92", value: "DC12" } }],
  orders: [
    {
      poNumber: "PO-7781",
      packs: [
        {
          sscc: makeSscc(0, "0614141", 1),
          items: [
            {
              lineRef: "1",
              itemIds: [{ qualifier: "UP", value: "012345678905" }],
              quantity: "12",
              uom: "CA",
            },
          ],
        },
        {
          sscc: makeSscc(0, "0614141", 2),
          items: [
            {
              lineRef: "1",
              itemIds: [{ qualifier: "UP", value: "012345678905" }],
              quantity: "12",
              uom: "CA",
            },
            { lineRef: "2", itemIds: [{ qualifier: "VN", value: "WS-2002" }], quantity: "6", uom: "LB" },
          ],
        },
      ],
    },
    {
      poNumber: "PO-7790",
      packs: [
        {
          sscc: makeSscc(1, "0614141", 3),
          items: [{ lineRef: "1", itemIds: [{ qualifier: "VN", value: "WS-9" }], quantity: "1", uom: "EA" }],
        },
      ],
    },
  ],
};

const invoice: Invoice = {
  invoiceNumber: "INV-3001",
  invoiceDate: "2026-01-21",
  poNumber: "PO-7781",
  poDate: "2026-01-15",
  currency: "USD",
  parties: [{ role: "BT", name: "FRESHMART STORES", identifier: { qualifier: "9", value: "0012345000019" } }],
  lines: [
    {
      lineRef: "1",
      itemIds: [{ qualifier: "VN", value: "WS-1001" }],
      quantity: "24",
      uom: "CA",
      unitPrice: "18.5000",
      amount: "444.00",
      description: "OLIVE OIL 1L",
    },
    {
      lineRef: "2",
      itemIds: [{ qualifier: "VN", value: "WS-2002" }],
      quantity: "6",
      uom: "LB",
      unitPrice: "3.25",
      amount: "19.50",
    },
  ],
  total: "463.50",
};

function acceptedBodies(text: string) {
  const r = translateFile(text, { now: date });
  expect(r.error).toBeUndefined();
  for (const ic of r.interchanges) {
    expect(ic.errors).toEqual([]);
    for (const t of ic.transactions) expect(t.errors).toEqual([]);
  }
  return documentBodies(text);
}

describe("X12 writers round-trip through our reader", () => {
  it("855 with every line status", () => {
    const text = writeX12Documents("855", [ack], x12Env);
    const [set] = acceptedBodies(text);
    expect(set.type).toBe("855");
    expect(read855(set.body)).toEqual(ack);
  });

  it("856 shipment → order → pack (SSCC-18) → item", () => {
    const text = writeX12Documents("856", [shipment], x12Env);
    const [set] = acceptedBodies(text);
    expect(text).toContain(`MAN*GM*${shipment.orders[0].packs[0].sscc}~`);
    expect(text).toContain("HL*1**S*1~");
    expect(text).toMatch(/HL\*3\*2\*P\*1~/);
    expect(read856(set.body)).toEqual(shipment);
  });

  it("810 with a TDS in implied cents", () => {
    const text = writeX12Documents("810", [invoice, { ...invoice, invoiceNumber: "INV-3002" }], x12Env);
    const sets = acceptedBodies(text);
    expect(sets).toHaveLength(2);
    expect(text).toContain("TDS*46350~");
    expect(text).toContain("SE*10*0002~");
    const back = read810(sets[0].body);
    expect(back).toEqual({
      ...invoice,
      total: "46350",
      lines: invoice.lines.map(({ amount: _, ...l }) => ({ ...l, amount: "" })),
    });
  });

  it("writes a fixed-width 106-character ISA and matching trailers", () => {
    const text = writeX12Documents("855", [ack], x12Env);
    const isa = text.split("\n")[0];
    expect(isa).toHaveLength(106);
    expect(isa).toBe(
      "ISA*00*          *00*          *ZZ*WHOLESAIL      *ZZ*GROCERYCHAIN   *260116*0830*U*00401*000000042*0*P*:~",
    );
    expect(text.trim().split("\n").at(-1)).toBe("IEA*1*000000042~");
    expect(text).toContain("GE*1*42~");
    expect(tokenizeX12(text).filter((t) => t.kind === "error")).toEqual([]);
  });

  it("refuses a value that contains a delimiter instead of corrupting the document", () => {
    expect(() => writeX12Documents("855", [{ ...ack, poNumber: "PO*1" }], x12Env)).toThrow(/delimiter/);
  });
});

describe("EDIFACT writers round-trip through our reader", () => {
  it("ORDRSP", () => {
    const text = writeEdifactDocuments("ORDRSP", [ack], edifactEnv);
    const [m] = acceptedBodies(text);
    expect(m.type).toBe("ORDRSP");
    expect(readOrdrsp(m.body)).toEqual(ack);
  });

  it("DESADV with SSCC labels", () => {
    const text = writeEdifactDocuments("DESADV", [shipment], edifactEnv);
    const [m] = acceptedBodies(text);
    expect(text).toContain(`GIN+BJ+${shipment.orders[0].packs[0].sscc}'`);
    expect(readDesadv(m.body)).toEqual(shipment);
  });

  it("INVOIC, escaping delimiters in free text with the release character", () => {
    const tricky = {
      ...invoice,
      lines: [{ ...invoice.lines[0], description: "Oil 1L: 'extra' + virgin?" }, invoice.lines[1]],
    };
    const text = writeEdifactDocuments("INVOIC", [tricky], {
      ...edifactEnv,
      envelope: { ...edifactEnv.envelope, syntax: { id: "UNOC", version: "4" } },
    });
    expect(text.startsWith("UNA:+.?*'UNB+UNOC:4+")).toBe(true);
    const [m] = acceptedBodies(text);
    expect(readInvoic(m.body)).toEqual(tricky);
  });
});

describe("SSCC-18 and amounts", () => {
  it("computes the GS1 check digit", () => {
    expect(gs1CheckDigit("00614141123456789")).toBe("0"); // GS1 example SSCC 006141411234567890
    expect(makeSscc(0, "0614141", "123456789")).toBe("006141411234567890");
    expect(isValidSscc("006141411234567890")).toBe(true);
    expect(isValidSscc("006141411234567891")).toBe(false);
  });

  it("converts amounts to implied cents without floats", () => {
    expect(impliedCents("463.5")).toBe("46350");
    expect(impliedCents("0.07")).toBe("7");
    expect(impliedCents("-12.30")).toBe("-1230");
    expect(impliedCents("90071992547409.99")).toBe("9007199254740999");
    expect(() => impliedCents("1.005")).toThrow();
  });
});
