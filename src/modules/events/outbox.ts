// Writes events to the outbox inside the caller's transaction (see schema.ts).
import type pg from "pg";

type Queryable = Pick<pg.PoolClient, "query">;

export type OutboxEvent = { topic: string; payload: Record<string, unknown> };

/**
 * Inserts the events in one statement; they commit or roll back with the caller's transaction.
 * Returns their ids, in order.
 */
export async function writeEvents(
  client: Queryable,
  events: OutboxEvent[],
  now: Date,
): Promise<{ id: number; topic: string }[]> {
  if (events.length === 0) return [];
  const { rows } = await client.query({
    name: "outbox_write_events",
    text: `${outboxInsertSql("$1", "$2", "$3")} returning id, topic`,
    values: [...outboxColumns(events), now],
  });
  return rows.map((r) => ({ id: Number(r.id), topic: r.topic })).sort((a, b) => a.id - b.id);
}

/**
 * The insert for a caller's statement (placeholders: text[] topics, jsonb[] payloads, timestamp).
 * `orderIdFrom`: a CTE of the same statement with one row whose `id` goes into every payload as
 * `orderId` (the order that statement inserts).
 */
export function outboxInsertSql(topics: string, payloads: string, at: string, orderIdFrom?: string): string {
  const rows = `unnest(${topics}::text[], ${payloads}::jsonb[]) as t(topic, payload)`;
  return orderIdFrom
    ? `insert into outbox (topic, payload, created_at)
       select t.topic, t.payload || jsonb_build_object('orderId', x.id), ${at} from ${orderIdFrom} x cross join ${rows}`
    : `insert into outbox (topic, payload, created_at) select t.topic, t.payload, ${at} from ${rows}`;
}

export function outboxColumns(events: readonly OutboxEvent[]): [string[], string[]] {
  return [events.map((e) => e.topic), events.map((e) => JSON.stringify(e.payload))];
}
