// Writes events to the outbox inside the caller's transaction (see schema.ts).
import type pg from "pg";

type Queryable = Pick<pg.PoolClient, "query">;

export type OutboxEvent = { topic: string; payload: Record<string, unknown> };

/** Inserts the events in one statement; they commit or roll back with the caller's transaction. */
export async function writeEvents(client: Queryable, events: OutboxEvent[], now: Date): Promise<void> {
  if (events.length === 0) return;
  await client.query({
    text: `insert into outbox (topic, payload, created_at)
           select t.topic, t.payload, $3 from unnest($1::text[], $2::jsonb[]) as t(topic, payload)`,
    values: [events.map((e) => e.topic), events.map((e) => JSON.stringify(e.payload)), now],
  });
}
