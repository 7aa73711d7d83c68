// Finds accounts and ship-tos from the identifiers trading partners use: interchange or buyer ids
// (trading_partner_ids) and EDI store numbers or GLNs (ship_tos). Reusable by any intake channel.
import type { Db } from "../../app/db.ts";

export type PartyIdentifier = { qualifier: string; value: string };

/**
 * The account that owns one of these identifiers: an exact (qualifier, value) match first, then a
 * value that exactly one account uses (partners write DUNS as "1" in N1 but "01" in the ISA).
 */
export async function findAccountByPartnerIds(
  db: Db,
  ids: PartyIdentifier[],
): Promise<{ accountId: number; matchedBy: PartyIdentifier } | null> {
  const clean = ids
    .map((i) => ({ qualifier: i.qualifier.trim(), value: i.value.trim() }))
    .filter((i) => i.value);
  if (clean.length === 0) return null;
  const rows = (
    await db.pool.query(
      "select account_id, qualifier, value from trading_partner_ids where value = any($1::text[])",
      [clean.map((i) => i.value)],
    )
  ).rows as { account_id: number; qualifier: string; value: string }[];
  for (const id of clean) {
    const exact = rows.find((r) => r.value === id.value && r.qualifier === id.qualifier);
    if (exact) return { accountId: exact.account_id, matchedBy: id };
  }
  for (const id of clean) {
    const owners = new Set(rows.filter((r) => r.value === id.value).map((r) => r.account_id));
    if (owners.size === 1) return { accountId: [...owners][0], matchedBy: id };
  }
  return null;
}

/**
 * The account's ship-to named by a store number (leading zeros ignored: "0042" = "42") or a GLN.
 * Identifiers are tried in the order given.
 */
export async function findShipTo(
  db: Db,
  accountId: number,
  ids: PartyIdentifier[],
): Promise<{ shipToId: number; code: string; matchedBy: PartyIdentifier } | null> {
  const values = ids.map((i) => i.value.trim()).filter(Boolean);
  if (values.length === 0) return null;
  const rows = (
    await db.pool.query(
      `select id, code, edi_store_number, gln from ship_tos
        where account_id = $1
          and (gln = any($2::text[]) or ltrim(edi_store_number, '0') = any($3::text[]))`,
      [accountId, values, values.map(stripZeros)],
    )
  ).rows as { id: number; code: string; edi_store_number: string | null; gln: string | null }[];
  for (const id of ids) {
    const v = id.value.trim();
    const hit =
      rows.find((r) => r.gln === v) ??
      rows.find((r) => r.edi_store_number !== null && stripZeros(r.edi_store_number) === stripZeros(v));
    if (hit) return { shipToId: hit.id, code: hit.code, matchedBy: id };
  }
  return null;
}

const stripZeros = (s: string) => s.replace(/^0+(?=.)/, "");
