// The outbox publisher: hands committed events, oldest first, to the handlers of their topic (EDI
// ship notices and invoices, …) and marks them published. A handler that throws leaves its event
// unpublished with the error and an attempt count; the next run retries it (delivery is at least
// once: handlers must tolerate a repeat). Events without a handler are simply marked published.
// No connection is held while a handler runs (embedded mode has one); one publisher at a time is
// guaranteed by its pg-boss queue's singleton policy (app/jobs.ts), not by row locks.
import type { Db } from "../../app/db.ts";

export type EventHandler = (
  payload: Record<string, unknown>,
  event: { id: number; topic: string },
) => Promise<void>;
export type Handlers = Record<string, EventHandler>;

export type PublishResult = { published: number; failed: number };

/** Gives up on an event after this many failed attempts (it stays in the outbox with its error). */
export const MAX_ATTEMPTS = 10;

export async function publishPending(
  db: Db,
  handlers: Handlers,
  now: Date,
  limit = 100,
): Promise<PublishResult> {
  const result: PublishResult = { published: 0, failed: 0 };
  // A cursor, so an event that fails is retried on the next run, not straight away.
  let after = 0;
  for (let i = 0; i < limit; i++) {
    const outcome = await publishOne(db, handlers, now, after);
    if (outcome === null) break;
    result[outcome.status] += 1;
    after = outcome.id;
  }
  return result;
}

async function publishOne(
  db: Db,
  handlers: Handlers,
  now: Date,
  after: number,
): Promise<{ id: number; status: "published" | "failed" } | null> {
  const row = (
    await db.pool.query(
      `select id, topic, payload from outbox where published_at is null and attempts < $1 and id > $2 order by id limit 1`,
      [MAX_ATTEMPTS, after],
    )
  ).rows[0];
  if (!row) return null;
  const handler = handlers[row.topic];
  try {
    if (handler) await handler(row.payload, { id: Number(row.id), topic: row.topic });
  } catch (error) {
    await db.pool.query("update outbox set attempts = attempts + 1, last_error = $2 where id = $1", [
      row.id,
      error instanceof Error ? error.message : String(error),
    ]);
    return { id: Number(row.id), status: "failed" };
  }
  await db.pool.query(
    "update outbox set published_at = $2, attempts = attempts + 1, last_error = null where id = $1",
    [row.id, now],
  );
  return { id: Number(row.id), status: "published" };
}
