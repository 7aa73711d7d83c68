// `wholesail edi ingest FILE`: sends a file through the real intake and prints what happened.
// Exit codes: 0 processed, 1 partially processed or rejected, 2 failed / unreadable.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../../../app/db.ts";
import { ingestDocument } from "./ingest.ts";

export async function runIngestCli(db: Db, file: string, json: boolean): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    console.error(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const result = await ingestDocument(db, bytes, `cli:${path.basename(file)}`);
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const out: string[] = [`Message ${result.messageId}: ${result.status}`];
    for (const e of result.errors) out.push(`  ! ${e.code}: ${e.message}`);
    for (const ic of result.interchanges) {
      out.push(
        `Interchange ${ic.controlNumber} ${ic.standard.toUpperCase()} from ${ic.sender} to ${ic.receiver}` +
          ` — partner ${ic.partnerName ?? "unknown"}${ic.duplicateOf ? ` (duplicate of message ${ic.duplicateOf})` : ""}`,
      );
      for (const t of ic.transactions) {
        const order = t.orderNumber ? ` → order ${t.orderNumber}` : "";
        out.push(`  ${t.type} ${t.set} PO ${t.poNumber ?? "-"}: ${t.status}${order}`);
        for (const l of t.lines ?? []) {
          const what =
            l.status === "accepted"
              ? `${l.sku} × ${l.baseQuantity}`
              : `${l.problem?.code}: ${l.problem?.message}`;
          out.push(`    line ${l.lineRef} (${l.quantity} ${l.uom}) ${l.status}: ${what}`);
        }
        for (const e of t.errors.filter((e) => !e.message.startsWith("line ")))
          out.push(`    ! ${e.code}: ${e.message}`);
      }
      for (const o of ic.outbound) {
        out.push(
          `  sent ${o.docType} #${o.interchangeControl}: ${o.status}${o.destination ? ` → ${o.destination}` : ""}${o.error ? ` (${o.error})` : ""}`,
        );
      }
      if (ic.acknowledgment)
        out.push(
          "  acknowledgment:",
          ...ic.acknowledgment
            .trimEnd()
            .split("\n")
            .map((l) => `    ${l}`),
        );
    }
    if (result.orders.length > 0) {
      out.push("Orders:");
      for (const o of result.orders)
        out.push(
          `  ${o.number} ${o.accountName} PO ${o.poNumber ?? "-"}: ${o.lineCount} lines, ${o.total} ${o.currency}${o.replayed ? " (already made earlier)" : ""}`,
        );
    }
    console.log(out.join("\n"));
  }
  return result.status === "processed" ? 0 : result.status === "failed" ? 2 : 1;
}
