// Seeds exception types, escalation paths and approval rules into an empty installation. Runs at
// start; once any type exists it does nothing, so admins' changes (and deletions) stay.
import { type Db, withTransaction } from "../../app/db.ts";
import { DEFAULT_APPROVAL_RULES, DEFAULT_EXCEPTION_TYPES } from "./types.ts";

export async function ensureWorkflowDefaults(db: Db): Promise<boolean> {
  return withTransaction(db, async (client) => {
    // Two nodes starting together: the lock makes the second wait and then see the rows.
    await client.query("lock table exception_types in share row exclusive mode");
    const existing = await client.query("select 1 from exception_types limit 1");
    if (existing.rowCount) return false;
    for (const t of DEFAULT_EXCEPTION_TYPES) {
      await client.query(
        "insert into exception_types (code, name, sla_minutes, default_role, actions) values ($1, $2, $3, $4, $5)",
        [t.code, t.name, t.slaMinutes, t.defaultRole, t.actions],
      );
      for (const [i, level] of t.escalation.entries()) {
        await client.query(
          "insert into exception_escalation_levels (type_code, level, role, sla_minutes) values ($1, $2, $3, $4)",
          [t.code, i + 1, level.role, level.slaMinutes ?? null],
        );
      }
    }
    for (const r of DEFAULT_APPROVAL_RULES) {
      await client.query(
        `insert into approval_rules (type_code, metric, threshold, level, approver_role, description)
         values ($1, $2, $3, $4, $5, $6)`,
        [r.typeCode, r.metric, r.threshold, r.level, r.approverRole, r.description],
      );
    }
    return true;
  });
}
