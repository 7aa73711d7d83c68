// Fuzzing: random bytes and mutations of real files never throw out of translateFile and never
// hang. Iterations are bounded so the whole EDI suite stays well under 30 s.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { translateFile } from "./translate.ts";

const corpusDir = path.resolve(process.cwd(), "../shared/edi-corpus");
const fixtureDir = new URL("./fixtures/", import.meta.url);

function seeds(): Buffer[] {
  // Files in fixtures/ and its subfolders (fixtures/demo/ holds the demo partners' samples).
  const out = readdirSync(fixtureDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(path.join(e.parentPath, e.name)));
  if (existsSync(corpusDir)) {
    for (const sub of readdirSync(corpusDir, { withFileTypes: true })) {
      if (!sub.isDirectory()) continue;
      for (const f of readdirSync(path.join(corpusDir, sub.name)))
        out.push(readFileSync(path.join(corpusDir, sub.name, f)));
    }
  }
  return out;
}

function mustNotThrow(input: Uint8Array | string): void {
  const start = performance.now();
  const r = translateFile(input, { now: new Date(0) });
  expect(performance.now() - start).toBeLessThan(2000);
  expect(Array.isArray(r.interchanges)).toBe(true);
  JSON.stringify(r);
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("dup" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(buf: Uint8Array, muts: Mutation[]): Uint8Array {
  let b = Buffer.from(buf);
  for (const m of muts) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.kind === "flip") b[at] = m.byte;
    else if (m.kind === "cut") b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)]);
    else if (m.kind === "dup")
      b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + m.len), b.subarray(at)]);
    else if (m.kind === "insert") b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
    else b = b.subarray(0, at);
  }
  return b;
}

describe("fuzz translateFile", () => {
  it("random bytes and random near-EDI text", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => mustNotThrow(bytes)),
      { numRuns: 300 },
    );
    const ediish = fc.stringMatching(
      /^(ISA|UNA|UNB|UNH|GS|ST|SE|GE|IEA|UNT|UNZ|[*+:'~?\n>|^]|[A-Z0-9 ]){0,120}$/,
    );
    fc.assert(
      fc.property(ediish, (s) => mustNotThrow(s)),
      { numRuns: 300 },
    );
  });

  it("mutations of every seed file (fixtures and corpus)", () => {
    const all = seeds();
    fc.assert(
      fc.property(
        fc.nat({ max: all.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (i, muts) => {
          mustNotThrow(mutate(all[i], muts));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("pathological inputs stay fast", () => {
    mustNotThrow(`ISA${"*".repeat(100_000)}`);
    mustNotThrow(`UNB+${"?".repeat(100_000)}`);
    mustNotThrow("ISA*".repeat(50_000));
    mustNotThrow(`${"UNA:+.? '".repeat(10_000)}UNB`);
    mustNotThrow(
      `ISA*00*          *00*          *ZZ*A              *ZZ*B              *260101*0000*U*00401*000000001*0*P*>~${"ST*850*0001~".repeat(20_000)}`,
    );
  });
});
