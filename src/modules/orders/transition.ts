// Recording a status transition: checked against the declared state machine (status.ts) and kept
// as a history row, in the caller's transaction. The caller updates `orders.status` itself (often
// together with other columns).
import type { Queryable } from "../workflow/records.ts";
import { assertTransition, type OrderStatus } from "./status.ts";

export async function recordTransition(
  client: Queryable,
  orderId: number,
  from: OrderStatus,
  to: OrderStatus,
  userId: number | null,
  reason: string,
  now: Date,
): Promise<void> {
  assertTransition(from, to);
  await client.query({
    text: `insert into order_status_history (order_id, from_status, to_status, user_id, reason, at)
           values ($1, $2, $3, $4, $5, $6)`,
    values: [orderId, from, to, userId, reason, now],
  });
}
