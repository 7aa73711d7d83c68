// escalateOverdue: every open exception past its deadline moves to the next level of its type's
// escalation path (new owner, new deadline, audit entry, notification). Idempotent: the new
// deadline lies in the future, and an exception at the last level stays where it is (overdue).
import { type Db, withTransaction } from "../../app/db.ts";
import { notify } from "../notifications/notify.ts";
import {
  addMinutes,
  appendAudit,
  EXCEPTION_COLUMNS,
  exceptionLink,
  humanDeadline,
  snapshot,
} from "./records.ts";
import { SYSTEM_ACTOR } from "./types.ts";

const BATCH = 100;

export async function escalateOverdue(db: Db, now: Date): Promise<{ escalated: number[] }> {
  const escalated: number[] = [];
  for (;;) {
    const batch = await withTransaction(db, async (client) => {
      // SKIP LOCKED: several nodes running the job, or a user resolving one, never block each other.
      const { rows } = await client.query(
        `select ${EXCEPTION_COLUMNS}, t.name as type_name, l.level as next_level, l.role as next_role,
                l.user_id as next_user_id, coalesce(l.sla_minutes, t.sla_minutes) as next_sla,
                u.role as next_user_role
           from exceptions e
           join exception_types t on t.code = e.type
           join exception_escalation_levels l on l.type_code = e.type and l.level = e.escalation_level + 1
           left join users u on u.id = l.user_id
          where e.status = 'open' and e.deadline < $1
          order by e.deadline, e.id
          limit $2
          for update of e skip locked`,
        [now, BATCH],
      );
      for (const row of rows) {
        const ownerUserId = row.next_user_id ?? null;
        const ownerRole = row.next_role ?? row.next_user_role;
        const updated = (
          await client.query(
            `update exceptions e set owner_role = $2, owner_user_id = $3, deadline = $4, escalation_level = $5,
                    updated_at = $6
              where e.id = $1 returning ${EXCEPTION_COLUMNS}`,
            [row.id, ownerRole, ownerUserId, addMinutes(now, row.next_sla), row.next_level, now],
          )
        ).rows[0];
        const id = Number(row.id);
        await appendAudit(
          client,
          {
            exceptionId: id,
            actor: SYSTEM_ACTOR,
            action: "escalated",
            reason: `deadline ${new Date(row.deadline).toISOString()} passed; escalation level ${row.next_level}`,
            before: snapshot(row),
            after: snapshot(updated),
          },
          now,
        );
        await notify(
          client,
          {
            userId: ownerUserId,
            role: ownerRole,
            kind: "exception.escalated",
            title: `Escalated: ${row.type_name}: ${row.summary}`,
            body: `Exception ${id} passed its deadline and is now yours (level ${row.next_level}).\nDue ${humanDeadline(updated.deadline)}.`,
            link: exceptionLink(id),
            data: { exceptionId: id, type: row.type, level: row.next_level },
          },
          now,
        );
        escalated.push(id);
      }
      return rows.length;
    });
    if (batch < BATCH) return { escalated };
  }
}
