// Duplicate interchanges across files: the readers flag a repeat of a key they have "seen"; intake
// loads the keys received from the same sender within the partner's window and passes them in.
import type { Db } from "../../../app/db.ts";
import type { InterchangeResult } from "./types.ts";

/** The readers' key for an interchange (x12-reader / edifact-reader build the same strings). */
export function interchangeKey(
  ic: Pick<InterchangeResult, "standard" | "sender" | "receiver" | "controlNumber">,
): string {
  if (ic.standard === "x12") {
    return `${ic.sender.qualifier}|${ic.sender.id}|${ic.receiver.qualifier}|${ic.receiver.id}|${ic.controlNumber}`.replace(
      / /g,
      "",
    );
  }
  return `${ic.sender.id}|${ic.sender.qualifier}|${ic.receiver.id}|${ic.receiver.qualifier}|${ic.controlNumber}`;
}

/** Keys of these interchanges already taken in by another message within `windowDays`. */
export async function earlierInterchanges(
  db: Db,
  keys: string[],
  windowDays: (key: string) => number,
  excludeMessageId: number,
): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = (
    await db.pool.query(
      `select key, message_id, received_at from edi_interchanges
        where key = any($1::text[]) and message_id <> $2 order by received_at`,
      [keys, excludeMessageId],
    )
  ).rows as { key: string; message_id: number; received_at: Date }[];
  const now = Date.now();
  const found = new Map<string, number>();
  for (const r of rows) {
    const ageDays = (now - new Date(r.received_at).getTime()) / 86_400_000;
    if (ageDays <= windowDays(r.key) && !found.has(r.key)) found.set(r.key, r.message_id);
  }
  return found;
}

export async function recordInterchanges(
  db: Db,
  messageId: number,
  rows: { key: string; partnerId: number | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.pool.query(
    `insert into edi_interchanges (message_id, partner_id, key)
     select $1, * from unnest($2::int[], $3::text[])`,
    [messageId, rows.map((r) => r.partnerId), rows.map((r) => r.key)],
  );
}
