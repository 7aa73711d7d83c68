import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { translateFile } from "./translate.ts";

const now = new Date("2026-01-15T10:00:00Z");
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const ISA = (ctl = "000000007", ack = "0", version = "00401") =>
  `ISA*00*          *00*          *ZZ*BUYER          *ZZ*SELLER         *260115*0930*U*${version}*${ctl}*${ack}*P*>~`;
const SET = (ctl: string, count = 4) =>
  `ST*850*${ctl}~BEG*00*SA*P${ctl}**20260115~PO1*1*1*EA*1.00**VN*X~SE*${count}*${ctl}~`;
const x12 = (body: string, iea = "IEA*1*000000007~", isa = ISA()) => `${isa}${body}${iea}`;
const run = (text: string | Uint8Array) => translateFile(text, { now });
const ackLines = (text: string) => run(text).interchanges[0].acknowledgment.split("\n");

describe("X12 envelope checks and 997/999/TA1", () => {
  it("group of 3 with one bad SE count → AK5*R*4 for it and AK9*P*3*3*2", () => {
    const r = run(fixture("x12-850-three-sets-one-bad-count.edi"));
    const tx = r.interchanges[0].transactions;
    expect(tx.map((t) => t.status)).toEqual(["accepted", "rejected", "accepted"]);
    expect(tx[1].errors.map((e) => e.code)).toEqual(["SE_COUNT_MISMATCH"]);
    const ack = r.interchanges[0].acknowledgment;
    expect(ack).toContain("AK2*850*0002~\nAK5*R*4~");
    expect(ack).toContain("AK9*P*3*3*2~");
    expect(ack).toMatch(/^ISA\*00\* {10}\*00\* {10}\*ZZ\*SELLER {9}\*ZZ\*BUYER {10}\*/);
  });

  it("SE02 ≠ ST02 → AK5*R*3; missing SE → AK5*R*2", () => {
    const bad = run(
      x12(`GS*PO*B*S*20260115*0930*7*X*004010~${SET("0001").replace("SE*4*0001", "SE*4*0009")}GE*1*7~`),
    );
    expect(bad.interchanges[0].transactions[0].errors[0].code).toBe("SE_CONTROL_MISMATCH");
    expect(bad.interchanges[0].acknowledgment).toContain("AK5*R*3~");
    const missing = run(
      x12(`GS*PO*B*S*20260115*0930*7*X*004010~${SET("0001").replace("SE*4*0001~", "")}GE*1*7~`),
    );
    expect(missing.interchanges[0].acknowledgment).toContain("AK5*R*2~");
  });

  it("duplicate ST02 inside a group → AK5*R*23", () => {
    const r = run(x12(`GS*PO*B*S*20260115*0930*7*X*004010~${SET("0001")}${SET("0001")}GE*2*7~`));
    expect(r.interchanges[0].acknowledgment).toContain("AK5*R*23~");
    expect(r.interchanges[0].acknowledgment).toContain("AK9*P*2*2*1~");
  });

  it("GE count and control mismatches → AK9 codes 5 and 4, sets still accepted (E)", () => {
    const r = run(x12(`GS*PO*B*S*20260115*0930*7*X*004010~${SET("0001")}GE*2*8~`));
    expect(r.interchanges[0].errors.map((e) => e.code)).toEqual(["GE_COUNT_MISMATCH", "GE_CONTROL_MISMATCH"]);
    expect(r.interchanges[0].acknowledgment).toContain("AK9*E*2*1*1*5*4~");
  });

  it("IEA mismatches and a missing IEA are answered with a TA1", () => {
    const body = `GS*PO*B*S*20260115*0930*7*X*004010~${SET("0001")}GE*1*7~`;
    expect(ackLines(x12(body, "IEA*1*000000008~"))).toContain("TA1*000000007*260115*0930*E*001~");
    expect(ackLines(x12(body, "IEA*2*000000007~"))).toContain("TA1*000000007*260115*0930*E*021~");
    expect(ackLines(x12(body, ""))).toContain("TA1*000000007*260115*0930*E*023~");
  });

  it("ISA14=1 asks for a TA1 even when all is well", () => {
    const text = x12(
      `GS*PO*B*S*20260115*0930*7*X*004010~${SET("0001")}GE*1*7~`,
      undefined,
      ISA("000000007", "1"),
    );
    expect(ackLines(text)).toContain("TA1*000000007*260115*0930*A*000~");
  });

  it("answers a 5010 group with a 999 and does not acknowledge acknowledgments", () => {
    const r = run(
      x12(
        `GS*PO*B*S*20260115*0930*7*X*005010~${SET("0001")}GE*1*7~`,
        undefined,
        ISA("000000007", "0", "00501"),
      ),
    );
    expect(r.interchanges[0].acknowledgment).toContain("ST*999*0001*005010X231A1~");
    expect(r.interchanges[0].acknowledgment).toContain("IK5*A~");
    const fa = run(
      x12("GS*FA*B*S*20260115*0930*7*X*004010~ST*997*0001~AK1*PO*1~AK9*A*1*1*1~SE*4*0001~GE*1*7~"),
    );
    expect(fa.interchanges[0].transactions[0].status).toBe("accepted");
    expect(fa.interchanges[0].acknowledgment).toBe("");
  });

  it("element errors become AK3/AK4 pointing at segment position and element", () => {
    const r = run(
      x12(
        `GS*PO*B*S*20260115*0930*7*X*004010~ST*850*0001~BEG*00*SA*P1**20260115~PO1*1*1*EA*1.00**VN~SE*4*0001~GE*1*7~`,
      ),
    );
    expect(r.interchanges[0].acknowledgment).toContain("AK3*PO1*3**8~\nAK4*7**2~\nAK5*R*5~");
  });

  it("flags a duplicate interchange in the same file and does not process it twice", () => {
    const one = x12(`GS*PO*B*S*20260115*0930*7*X*004010~${SET("0001")}GE*1*7~`);
    const r = run(`${one}\n${one}`);
    expect(r.interchanges.map((ic) => ic.transactions[0].status)).toEqual(["accepted", "rejected"]);
    expect(r.interchanges[1].errors.map((e) => e.code)).toEqual(["DUPLICATE_INTERCHANGE"]);
    expect(r.interchanges[1].acknowledgment).toContain("TA1*000000007*260115*0930*R*025~");
    expect(r.interchanges[1].acknowledgment).not.toContain("AK1");
  });

  it("our 997 re-reads through our reader as an accepted 997", () => {
    const ack = run(fixture("x12-850-three-sets-one-bad-count.edi")).interchanges[0].acknowledgment;
    const back = run(ack);
    expect(back.interchanges[0].transactions.map((t) => [t.type, t.status])).toEqual([["997", "accepted"]]);
    expect(back.interchanges[0].errors).toEqual([]);
  });
});

describe("EDIFACT envelope checks and CONTRL", () => {
  const UNB = "UNB+UNOC:3+BUYER:14+SELLER:14+260115:0930+REF7'";
  const MSG = (ref: string, count = 6) =>
    `UNH+${ref}+ORDERS:D:96A:UN'BGM+220+PO${ref}+9'DTM+137:20260115:102'LIN+1++4006381333931:EN'QTY+21:2'UNT+${count}+${ref}'`;

  it("accepts a clean interchange with UCI action 7 and UCM per message", () => {
    const r = run(`${UNB}${MSG("1")}${MSG("2")}UNZ+2+REF7'`);
    expect(r.interchanges[0].transactions.map((t) => t.status)).toEqual(["accepted", "accepted"]);
    const ack = r.interchanges[0].acknowledgment;
    expect(ack).toContain("UCI+REF7+BUYER:14+SELLER:14+7'");
    expect(ack).toContain("UCM+2+ORDERS:D:96A:UN+7'");
    expect(ack).toContain("UNB+UNOC:3+SELLER:14+BUYER:14+");
  });

  it("UNT count and reference mismatches reject the message (UCM action 4, codes 29/28)", () => {
    const r = run(`${UNB}${MSG("1", 9)}${MSG("2").replace("UNT+6+2", "UNT+6+3")}UNZ+2+REF7'`);
    expect(r.interchanges[0].transactions.map((t) => t.errors[0]?.code)).toEqual([
      "UNT_COUNT_MISMATCH",
      "UNT_REF_MISMATCH",
    ]);
    expect(r.interchanges[0].acknowledgment).toContain("UCM+1+ORDERS:D:96A:UN+4+29'");
    expect(r.interchanges[0].acknowledgment).toContain("UCM+2+ORDERS:D:96A:UN+4+28'");
  });

  it("UNZ count/reference mismatch and missing UNZ are interchange errors", () => {
    expect(run(`${UNB}${MSG("1")}UNZ+3+REF7'`).interchanges[0].errors[0].code).toBe("UNZ_COUNT_MISMATCH");
    expect(run(`${UNB}${MSG("1")}UNZ+1+REF8'`).interchanges[0].errors[0].code).toBe("UNZ_REF_MISMATCH");
    expect(run(`${UNB}${MSG("1")}`).interchanges[0].errors[0].code).toBe("UNZ_MISSING");
  });

  it("checks UNG/UNE groups and counts groups in UNZ", () => {
    const ok = run(`${UNB}UNG+ORDERS+BUYER+SELLER+260115:0930+G1+UN+D:96A'${MSG("1")}UNE+1+G1'UNZ+1+REF7'`);
    expect(ok.interchanges[0].errors).toEqual([]);
    const bad = run(`${UNB}UNG+ORDERS+BUYER+SELLER+260115:0930+G1+UN+D:96A'${MSG("1")}UNE+2+G2'UNZ+1+REF7'`);
    expect(bad.interchanges[0].errors.map((e) => e.code)).toEqual(["UNE_COUNT_MISMATCH", "UNE_REF_MISMATCH"]);
  });

  it("flags a duplicate interchange (same sender, recipient, reference) with UCI code 26", () => {
    const one = `${UNB}${MSG("1")}UNZ+1+REF7'`;
    const r = run(`${one}${one}`);
    expect(r.interchanges[1].transactions[0].status).toBe("rejected");
    expect(r.interchanges[1].acknowledgment).toContain("UCI+REF7+BUYER:14+SELLER:14+4+26+UNB'");
  });

  it("rejects an unknown syntax identifier with UCI action 4", () => {
    const r = run(`UNB+XXXX:3+BUYER:14+SELLER:14+260115:0930+REF7'${MSG("1")}UNZ+1+REF7'`);
    expect(r.interchanges[0].acknowledgment).toContain("UCI+REF7+BUYER:14+SELLER:14+4+2+UNB'");
  });

  it("points at element errors with UCS/UCD", () => {
    const r = run(`${UNB}${MSG("1").replace("QTY+21:2", "QTY+21:2A")}UNZ+1+REF7'`);
    expect(r.interchanges[0].acknowledgment).toContain("UCS+5'\nUCD+37+1'");
  });
});
