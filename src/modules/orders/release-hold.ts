// An order on hold is released the moment its last blocking exception is resolved or cancelled:
// one check, used by exception resolution and by order changes, in the caller's transaction.

import { notFound } from "../../lib/errors.ts";
import { writeEvents } from "../events/outbox.ts";
import type { Queryable } from "../workflow/records.ts";
import type { OrderStatus } from "./status.ts";
import { recordTransition } from "./transition.ts";

export type ReleaseActor = { userId: number | null; name: string };

/** Returns the order's status afterwards: `confirmed` if released, else what it was. */
export async function releaseIfClear(
  client: Queryable,
  orderId: number,
  actor: ReleaseActor,
  reason: string,
  now: Date,
): Promise<OrderStatus> {
  const order = (
    await client.query({
      text: `select o.id, o.number, o.account_id, o.status, o.total, o.currency,
                    exists (select 1 from exceptions e
                             where e.order_id = o.id and e.status = 'open'
                               and coalesce((e.data->>'blocking')::boolean, false)) as blocked
               from orders o where o.id = $1`,
      values: [orderId],
    })
  ).rows[0];
  if (!order) throw notFound("Order", orderId);
  if (order.status !== "on_hold" || order.blocked) return order.status;
  await recordTransition(client, orderId, "on_hold", "confirmed", actor.userId, reason, now);
  await client.query({ text: "update orders set status = 'confirmed' where id = $1", values: [orderId] });
  await writeEvents(
    client,
    [
      {
        topic: "order.confirmed",
        payload: {
          orderId,
          number: order.number,
          accountId: order.account_id,
          total: order.total,
          currency: order.currency,
          releasedBy: actor.name,
        },
      },
    ],
    now,
  );
  return "confirmed";
}
