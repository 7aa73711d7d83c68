// Reading the outbox: the events about one order, oldest first, with their delivery state.
import type { Db } from "../../app/db.ts";

export type EventView = {
  id: number;
  topic: string;
  at: string;
  publishedAt: string | null;
  attempts: number;
  lastError: string | null;
};

export async function eventsForOrder(db: Db, orderId: number): Promise<EventView[]> {
  const { rows } = await db.pool.query(
    `select id, topic, created_at, published_at, attempts, last_error from outbox
      where (payload->>'orderId') = $1::text order by id`,
    [String(orderId)],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    topic: r.topic,
    at: new Date(r.created_at).toISOString(),
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    attempts: r.attempts,
    lastError: r.last_error,
  }));
}
