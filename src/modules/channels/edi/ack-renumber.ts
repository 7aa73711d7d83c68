// The codec writes acknowledgments while it reads (one per interchange), before we know which partner
// sent them; intake then gives each ack the partner's own control numbers. We only ever renumber text
// our writers produced, so the delimiters are known exactly (fixed-width ISA, or the UNA) and no value
// contains an unescaped delimiter.

/** X12: ISA13/IEA02 ← interchange, GS06/GE02 ← group (counting up per group). */
export function renumberX12(ack: string, interchange: number, firstGroup: number): string {
  if (!ack.startsWith("ISA") || ack.length < 106) return ack;
  const element = ack[3];
  const terminator = ack[105];
  const newline = ack[106] === "\n" && terminator !== "\n";
  const segments = ack.split(terminator).map((s) => (newline ? s.replace(/^\n/, "") : s));
  if (segments[segments.length - 1] === "") segments.pop();
  let group = firstGroup - 1;
  const out = segments.map((s) => {
    const els = s.split(element);
    switch (els[0]) {
      case "ISA":
        els[13] = String(interchange).padStart(9, "0");
        break;
      case "GS":
        els[6] = String(++group);
        break;
      case "GE":
        els[2] = String(group);
        break;
      case "IEA":
        els[2] = String(interchange).padStart(9, "0");
        break;
    }
    return els.join(element);
  });
  return out.map((s) => s + terminator + (newline ? "\n" : "")).join("");
}

/** Number of functional groups (GS) in an X12 ack, to reserve that many group numbers. */
export function countX12Groups(ack: string): number {
  if (!ack.startsWith("ISA") || ack.length < 106) return 0;
  const element = ack[3];
  const terminator = ack[105];
  return ack.split(terminator).filter((s) => s.replace(/^\s+/, "").startsWith(`GS${element}`)).length;
}

/** EDIFACT: UNB 0020 and UNZ 0020 ← interchange reference. */
export function renumberEdifact(ack: string, reference: number): string {
  if (!ack.startsWith("UNA") || ack.length < 9) return ack;
  const element = ack[4];
  const release = ack[6] === " " ? null : ack[6];
  const terminator = ack[8];
  const segments: string[] = [];
  let current = "";
  for (let i = 9; i < ack.length; i++) {
    const ch = ack[i];
    if (release !== null && ch === release && i + 1 < ack.length) {
      current += ch + ack[++i];
      continue;
    }
    current += ch;
    if (ch === terminator) {
      segments.push(current);
      current = "";
    }
  }
  if (current) segments.push(current);
  const ref = String(reference);
  const patched = segments.map((s) => {
    const body = s.replace(/^\s+/, "");
    const lead = s.slice(0, s.length - body.length);
    if (body.startsWith(`UNB${element}`))
      return lead + replaceElement(body, element, release, terminator, 5, ref);
    if (body.startsWith(`UNZ${element}`))
      return lead + replaceElement(body, element, release, terminator, 2, ref);
    return s;
  });
  return ack.slice(0, 9) + patched.join("");
}

function replaceElement(
  seg: string,
  element: string,
  release: string | null,
  terminator: string,
  index: number,
  value: string,
): string {
  // Split on unescaped element separators; the terminator stays on the last part.
  const parts: string[] = [];
  let cur = "";
  for (let i = 0; i < seg.length; i++) {
    const ch = seg[i];
    if (release !== null && ch === release && i + 1 < seg.length) {
      cur += ch + seg[++i];
      continue;
    }
    if (ch === element) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  const last = parts.length - 1;
  const hadTerminator = parts[last].endsWith(terminator);
  if (hadTerminator) parts[last] = parts[last].slice(0, -terminator.length);
  if (index < parts.length) parts[index] = value;
  return parts.join(element) + (hadTerminator ? terminator : "");
}
