// In-app notifications to a user or a role; each also queues one mail per recipient.
import type pg from "pg";
import type { Db } from "../../app/db.ts";
import type { Role } from "../auth/schema.ts";
import { queueMail } from "./mail.ts";

type Queryable = Pick<pg.PoolClient, "query">;

export type NotificationInput = {
  userId?: number | null;
  role?: Role | string | null;
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  data?: Record<string, unknown>;
};

/** Inside the caller's transaction: stores the notification and queues mail to its recipients. */
export async function notify(client: Queryable, input: NotificationInput, now: Date): Promise<number> {
  if (!input.userId && !input.role) throw new Error("a notification needs a user or a role");
  const { rows } = await client.query({
    text: `insert into notifications (user_id, role, kind, title, body, link, data, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    values: [
      input.userId ?? null,
      input.userId ? null : input.role,
      input.kind,
      input.title,
      input.body,
      input.link ?? null,
      JSON.stringify(input.data ?? {}),
      now,
    ],
  });
  const id = Number(rows[0].id);
  const recipients = await client.query({
    text: `select email from users
            where active and role <> 'buyer' and ((id = $1) or ($1::int is null and role = $2))
            order by id`,
    values: [input.userId ?? null, input.role ?? null],
  });
  for (const r of recipients.rows) {
    await queueMail(client, { to: r.email, subject: input.title, text: input.body, notificationId: id }, now);
  }
  return id;
}

export type NotificationView = {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  data: Record<string, unknown>;
  userId: number | null;
  role: string | null;
  createdAt: string;
  readAt: string | null;
};

/** The user's own notifications and their role's, newest first. */
export async function listNotifications(
  db: Db,
  user: { userId: number; role: string },
  options: { unreadOnly: boolean; limit: number },
): Promise<{ notifications: NotificationView[]; unread: number }> {
  const { rows } = await db.pool.query(
    `select n.id, n.kind, n.title, n.body, n.link, n.data, n.user_id as "userId", n.role,
            n.created_at as "createdAt", r.read_at as "readAt",
            count(*) filter (where r.read_at is null) over () as unread_total
       from notifications n
       left join notification_reads r on r.notification_id = n.id and r.user_id = $1
      where (n.user_id = $1 or n.role = $2) and (not $3 or r.read_at is null)
      order by n.id desc
      limit $4`,
    [user.userId, user.role, options.unreadOnly, options.limit],
  );
  const unread = await db.pool.query(
    `select count(*)::int as n from notifications n
      where (n.user_id = $1 or n.role = $2)
        and not exists (select 1 from notification_reads r where r.notification_id = n.id and r.user_id = $1)`,
    [user.userId, user.role],
  );
  return {
    notifications: rows.map(({ unread_total: _, ...n }) => ({
      ...n,
      id: Number(n.id),
      createdAt: new Date(n.createdAt).toISOString(),
      readAt: n.readAt ? new Date(n.readAt).toISOString() : null,
    })),
    unread: unread.rows[0].n,
  };
}

/** Marks one of the user's (or their role's) notifications read; false when it is not theirs. */
export async function markNotificationRead(
  db: Db,
  id: number,
  user: { userId: number; role: string },
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.pool.query(
    `insert into notification_reads (notification_id, user_id, read_at)
     select n.id, $2, $4 from notifications n where n.id = $1 and (n.user_id = $2 or n.role = $3)
     on conflict do nothing`,
    [id, user.userId, user.role, now],
  );
  if (rowCount) return true;
  const visible = await db.pool.query(
    "select 1 from notifications where id = $1 and (user_id = $2 or role = $3)",
    [id, user.userId, user.role],
  );
  return visible.rowCount === 1;
}
