// Trading partners: settings per partner, lookup by interchange ids, and per-partner control-number
// sequences (one atomic upsert per reservation, so concurrent intakes never reuse a number).
import type { Db } from "../../../app/db.ts";
import { DomainError, notFound } from "../../../lib/errors.ts";

export const EDI_DOCUMENTS = [
  "850",
  "855",
  "856",
  "810",
  "860",
  "ORDERS",
  "ORDRSP",
  "DESADV",
  "INVOIC",
] as const;
export const EDI_ACKS = ["997", "999", "TA1", "CONTRL"] as const;

export type PartnerInput = {
  accountId: number | null;
  name: string;
  standard: "x12" | "edifact";
  version: string;
  ourQualifier: string;
  ourId: string;
  theirQualifier: string;
  theirId: string;
  ourAppCode: string | null;
  theirAppCode: string | null;
  elementSeparator: string | null;
  componentSeparator: string | null;
  segmentTerminator: string | null;
  repetitionSeparator: string | null;
  documents: string[];
  itemIdPreference: string[];
  acknowledgments: string[];
  duplicateWindowDays: number;
  outboundKind: "none" | "folder" | "http";
  outboundTarget: string | null;
  active: boolean;
};

export type Partner = PartnerInput & { id: number; accountName: string | null; accountNumber: string | null };

const COLUMNS: [keyof PartnerInput, string][] = [
  ["accountId", "account_id"],
  ["name", "name"],
  ["standard", "standard"],
  ["version", "version"],
  ["ourQualifier", "our_qualifier"],
  ["ourId", "our_id"],
  ["theirQualifier", "their_qualifier"],
  ["theirId", "their_id"],
  ["ourAppCode", "our_app_code"],
  ["theirAppCode", "their_app_code"],
  ["elementSeparator", "element_separator"],
  ["componentSeparator", "component_separator"],
  ["segmentTerminator", "segment_terminator"],
  ["repetitionSeparator", "repetition_separator"],
  ["documents", "documents"],
  ["itemIdPreference", "item_id_preference"],
  ["acknowledgments", "acknowledgments"],
  ["duplicateWindowDays", "duplicate_window_days"],
  ["outboundKind", "outbound_kind"],
  ["outboundTarget", "outbound_target"],
  ["active", "active"],
];

const SELECT = `select p.id, ${COLUMNS.map(([k, c]) => `p.${c} as "${k}"`).join(", ")},
  a.name as "accountName", a.number as "accountNumber"
  from edi_trading_partners p left join accounts a on a.id = p.account_id`;

export async function listPartners(db: Db): Promise<Partner[]> {
  return (await db.pool.query(`${SELECT} order by p.name, p.id`)).rows;
}

export async function getPartner(db: Db, id: number): Promise<Partner> {
  const row = (await db.pool.query(`${SELECT} where p.id = $1`, [id])).rows[0];
  if (!row) throw notFound("Trading partner", id);
  return row;
}

/** The partner that sends with these interchange ids (ISA05/06, UNB S002); ids compared trimmed. */
export async function findPartnerBySender(
  db: Db,
  standard: "x12" | "edifact",
  sender: { qualifier: string; id: string },
): Promise<Partner | null> {
  const rows = (
    await db.pool.query(`${SELECT} where p.standard = $1 and p.their_id = $2 and p.active order by p.id`, [
      standard,
      sender.id.trim(),
    ])
  ).rows as Partner[];
  // The qualifier must agree when both sides give one; EDIFACT often omits it.
  return (
    rows.find((p) => p.theirQualifier === sender.qualifier.trim()) ??
    rows.find((p) => !sender.qualifier.trim() || !p.theirQualifier) ??
    null
  );
}

export async function savePartner(db: Db, input: PartnerInput, id?: number): Promise<Partner> {
  checkPartner(input);
  // Checked up front rather than by catching the constraint error: on embedded PGlite a failed
  // statement drops the pooled connection, so the next query would fail.
  const clash = await db.pool.query(
    "select 1 from edi_trading_partners where standard = $1 and their_qualifier = $2 and their_id = $3 and id <> $4",
    [input.standard, input.theirQualifier, input.theirId, id ?? 0],
  );
  if (clash.rowCount) throw conflict(input);
  if (input.accountId !== null) {
    const account = await db.pool.query("select 1 from accounts where id = $1", [input.accountId]);
    if (!account.rowCount)
      throw new DomainError("UNKNOWN_ACCOUNT", `No account ${input.accountId}`, {
        accountId: input.accountId,
      });
  }
  const values = COLUMNS.map(([k]) => input[k]);
  try {
    if (id === undefined) {
      const cols = COLUMNS.map(([, c]) => c).join(", ");
      const params = COLUMNS.map((_, i) => `$${i + 1}`).join(", ");
      const row = (
        await db.pool.query(
          `insert into edi_trading_partners (${cols}) values (${params}) returning id`,
          values,
        )
      ).rows[0];
      return getPartner(db, row.id);
    }
    const sets = COLUMNS.map(([, c], i) => `${c} = $${i + 1}`).join(", ");
    const result = await db.pool.query(
      `update edi_trading_partners set ${sets}, updated_at = now() where id = $${values.length + 1}`,
      [...values, id],
    );
    if (result.rowCount === 0) throw notFound("Trading partner", id);
    return getPartner(db, id);
  } catch (error) {
    if ((error as { code?: string }).code === "23505") throw conflict(input);
    if ((error as { code?: string }).code === "23503") {
      throw new DomainError("UNKNOWN_ACCOUNT", `No account ${input.accountId}`, {
        accountId: input.accountId,
      });
    }
    throw error;
  }
}

function conflict(input: PartnerInput): DomainError {
  return new DomainError(
    "CONFLICT",
    `Another partner already sends as ${input.theirQualifier}:${input.theirId}`,
    {
      theirQualifier: input.theirQualifier,
      theirId: input.theirId,
    },
  );
}

function checkPartner(p: PartnerInput): void {
  const bad = (message: string, field: string) => new DomainError("VALIDATION_FAILED", message, { field });
  if (p.outboundKind === "folder" && !p.outboundTarget?.startsWith("/"))
    throw bad("An outbound folder must be an absolute path", "outboundTarget");
  if (p.outboundKind === "http" && !/^https?:\/\//.test(p.outboundTarget ?? ""))
    throw bad("An outbound URL must start with http:// or https://", "outboundTarget");
  const delimiters = [
    p.elementSeparator,
    p.componentSeparator,
    p.segmentTerminator,
    p.repetitionSeparator,
  ].filter((d): d is string => d !== null && d !== "");
  if (delimiters.some((d) => [...d].length !== 1 || /[A-Za-z0-9 ]/.test(d)))
    throw bad("Delimiters are single characters other than letters, digits and space", "delimiters");
  if (new Set(delimiters).size !== delimiters.length)
    throw bad("Delimiters must differ from each other", "delimiters");
}

const LIMIT = { interchange: 999_999_999, group: 999_999_999, set: 999_999_999 } as const;

/**
 * Reserves `count` consecutive control numbers of one kind for a partner and returns the first.
 * One upsert: concurrent callers serialise on the row. Numbers wrap back to 1 after the field's
 * maximum (ISA13 is 9 digits).
 */
export async function reserveControlNumbers(
  db: Db,
  partnerId: number,
  kind: "interchange" | "group" | "set",
  count = 1,
): Promise<number> {
  const row = (
    await db.pool.query(
      `insert into edi_control_numbers (partner_id, kind, last_value) values ($1, $2, $3)
       on conflict (partner_id, kind) do update
         set last_value = case when edi_control_numbers.last_value + $3 > $4 then $3
                               else edi_control_numbers.last_value + $3 end
       returning last_value`,
      [partnerId, kind, count, LIMIT[kind]],
    )
  ).rows[0];
  return Number(row.last_value) - count + 1;
}

export async function controlNumbers(db: Db, partnerId: number): Promise<Record<string, number>> {
  const rows = (
    await db.pool.query("select kind, last_value from edi_control_numbers where partner_id = $1", [partnerId])
  ).rows;
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.last_value)]));
}
