// Builders for EDI integration tests: a trading partner for fixture company A and small 850s/ORDERS.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "../../src/app/db.ts";
import { type PartnerInput, savePartner } from "../../src/modules/channels/edi/partners.ts";

export function outboxDir(): string {
  return mkdtempSync(path.join(tmpdir(), "wholesail-edi-out-"));
}

export function partnerInput(
  accountId: number | null,
  outbox: string,
  over: Partial<PartnerInput> = {},
): PartnerInput {
  return {
    accountId,
    name: "Acme Foods EDI",
    standard: "x12",
    version: "004010",
    ourQualifier: "ZZ",
    ourId: "WHOLESAIL",
    theirQualifier: "ZZ",
    theirId: "ACMEFOODS",
    ourAppCode: null,
    theirAppCode: null,
    elementSeparator: null,
    componentSeparator: null,
    segmentTerminator: null,
    repetitionSeparator: null,
    documents: ["850", "855"],
    itemIdPreference: ["UP", "VN", "BP"],
    acknowledgments: ["997"],
    duplicateWindowDays: 30,
    outboundKind: "folder",
    outboundTarget: outbox,
    active: true,
    ...over,
  };
}

export async function addPartner(
  db: Db,
  accountId: number | null,
  outbox: string,
  over: Partial<PartnerInput> = {},
) {
  return savePartner(db, partnerInput(accountId, outbox, over));
}

const pad = (s: string, n: number) => s.padEnd(n, " ");

/** An X12 4010 850 from ZZ:ACMEFOODS. `lines` are PO1 tails: [qty, uom, ...id pairs]. */
export function x12Order(o: {
  icn: number;
  po: string;
  lines: string[][];
  shipTo?: [string, string];
  sender?: string;
  sets?: number;
}): string {
  const icn = String(o.icn).padStart(9, "0");
  const sender = o.sender ?? "ACMEFOODS";
  const seg: string[] = [
    `ISA*00*${pad("", 10)}*00*${pad("", 10)}*ZZ*${pad(sender, 15)}*ZZ*${pad("WHOLESAIL", 15)}*260115*0930*U*00401*${icn}*0*P*>`,
    `GS*PO*${sender}*WHOLESAIL*20260115*0930*${o.icn}*X*004010`,
  ];
  const sets = o.sets ?? 1;
  for (let s = 1; s <= sets; s++) {
    const body = [
      `ST*850*${String(s).padStart(4, "0")}`,
      `BEG*00*SA*${o.po}${sets > 1 ? `-${s}` : ""}**20260115`,
      ...(o.shipTo ? [`N1*ST*STORE*${o.shipTo[0]}*${o.shipTo[1]}`] : []),
      ...o.lines.map((l, i) => `PO1*${i + 1}*${l[0]}*${l[1]}***${l.slice(2).join("*")}`),
      `CTT*${o.lines.length}`,
    ];
    seg.push(...body, `SE*${body.length + 1}*${String(s).padStart(4, "0")}`);
  }
  seg.push(`GE*${sets}*${o.icn}`, `IEA*1*${icn}`);
  return `${seg.join("~\n")}~\n`;
}
