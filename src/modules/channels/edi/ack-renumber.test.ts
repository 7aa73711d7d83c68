import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countX12Groups, renumberEdifact, renumberX12 } from "./ack-renumber.ts";
import { translateFile } from "./translate.ts";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("renumbering acknowledgments", () => {
  it("gives a 997 the partner's interchange and group numbers and it still reads cleanly", () => {
    const ack = translateFile(fixture("x12-850-basic.edi")).interchanges[0].acknowledgment;
    expect(countX12Groups(ack)).toBe(1);
    const renumbered = renumberX12(ack, 4711, 88);
    const back = translateFile(renumbered).interchanges[0];
    expect(back.controlNumber).toBe("000004711");
    expect(back.errors).toEqual([]);
    expect(back.transactions[0].groupControlNumber).toBe("88");
    expect(renumbered.length).toBe(ack.length + 2); // GS06 and GE02: "1" → "88"
  });

  it("gives a CONTRL the partner's interchange reference", () => {
    const ack = translateFile(fixture("edifact-orders-decimal-comma.edi")).interchanges[0].acknowledgment;
    const renumbered = renumberEdifact(ack, 512);
    const back = translateFile(renumbered).interchanges[0];
    expect(back.controlNumber).toBe("512");
    expect(back.errors).toEqual([]);
  });

  it("leaves text it did not write alone", () => {
    expect(renumberX12("", 1, 1)).toBe("");
    expect(renumberEdifact("UNB+x'", 1)).toBe("UNB+x'");
  });
});
