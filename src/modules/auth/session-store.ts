// @fastify/session store backed by the `sessions` table, so any app node can serve any request.
import type { SessionStore } from "@fastify/session";
import type { Db } from "../../app/db.ts";

type Callback = (error?: any, result?: any) => void;

export function postgresSessionStore(db: Db, maxAgeMs: number): SessionStore {
  return {
    set(sid: string, session: any, callback: Callback) {
      const expires = session.cookie?.expires
        ? new Date(session.cookie.expires)
        : new Date(Date.now() + maxAgeMs);
      db.pool
        .query(
          `insert into sessions (sid, data, expires_at) values ($1, $2, $3)
           on conflict (sid) do update set data = excluded.data, expires_at = excluded.expires_at`,
          [sid, JSON.stringify(session), expires],
        )
        .then(() => callback(), callback);
    },
    get(sid: string, callback: Callback) {
      db.pool
        // Prepared (named): it runs on every signed-in request.
        .query({
          name: "session_get",
          text: "select data from sessions where sid = $1 and expires_at > now()",
          values: [sid],
        })
        .then((result) => callback(null, result.rows[0]?.data ?? null), callback);
    },
    destroy(sid: string, callback: Callback) {
      db.pool.query("delete from sessions where sid = $1", [sid]).then(() => callback(), callback);
    },
  };
}

export async function deleteExpiredSessions(db: Db): Promise<number> {
  const result = await db.pool.query("delete from sessions where expires_at <= now()");
  return result.rowCount ?? 0;
}
