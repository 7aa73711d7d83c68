// Resolve step: the account, ship-to and items a request names, by any of their identifiers.
// Runs BEFORE the order's transaction, on the pool: the lookups in accounts/lookup.ts and
// catalog/lookup.ts read reference data through the pool, and the embedded database has one
// connection, which the transaction would hold.
import type { Caller } from "../../../app/access.ts";
import type { Db } from "../../../app/db.ts";
import { DomainError } from "../../../lib/errors.ts";
import { findAccountByPartnerIds, findShipTo } from "../../accounts/lookup.ts";
import { resolveItemLines } from "../../catalog/lookup.ts";
import { describeItem, itemIdentifiers, type OrderRequest, type OrderRequestLine } from "./request.ts";
import type { ShipPolicy } from "./rules.ts";

export type ResolvedAccount = {
  id: number;
  number: string;
  name: string;
  currency: string;
  creditLimit: string;
  repId: number | null;
  repUserId: number | null;
  shipPolicy: ShipPolicy;
  /** Days an invoice may be past due before new orders go on credit hold. */
  overdueGraceDays: number;
  /** pricing_policies.price_tolerance_percent; null = none set (exact match required). */
  priceTolerancePercent: string | null;
};

export type ResolvedShipTo = { id: number; latitude: string | null; longitude: string | null };

export type ResolvedLine =
  | {
      lineNo: number;
      request: OrderRequestLine;
      ok: true;
      itemId: number;
      sku: string;
      /** In base units. */
      quantity: number;
      /** Base units per ordered unit. */
      factor: number;
    }
  | { lineNo: number; request: OrderRequestLine; ok: false; code: string; message: string };

export type Resolved = {
  account: ResolvedAccount;
  shipTo: ResolvedShipTo;
  shipToDefaulted: boolean;
  lines: ResolvedLine[];
};

/**
 * Resolves everything the request names. An unknown account or ship-to is refused (there is no
 * order without them); an unknown item is NOT: its line comes back `ok: false` with the reason.
 */
export async function resolveRequest(db: Db, request: OrderRequest, caller: Caller): Promise<Resolved> {
  const accountId = await resolveAccountId(db, request.account);
  // A buyer orders only for their own company; another account looks exactly like a missing one.
  if (accountId === null || (caller.role === "buyer" && accountId !== caller.accountId)) {
    throw new DomainError("UNKNOWN_ACCOUNT", `No account ${describeAccount(request.account)}`);
  }
  // Independent reads run side by side (the chain is 2 round trips instead of 6): the account with
  // its rep, its price tolerance and the ship-to named by id (or the default one) ∥ the items.
  const [row, resolvedItems] = await Promise.all([
    loadAccount(db, accountId, request.shipTo),
    resolveItemLines(
      db,
      accountId,
      request.lines.map((l) => ({
        ids: itemIdentifiers(l.item),
        quantity: String(l.quantity),
        uom: l.uom ?? null,
      })),
    ),
  ]);
  if (!row) throw new DomainError("UNKNOWN_ACCOUNT", `No account ${describeAccount(request.account)}`);
  const account: ResolvedAccount = {
    id: row.id,
    number: row.number,
    name: row.name,
    currency: row.currency,
    creditLimit: row.credit_limit,
    repId: row.rep_id,
    repUserId: row.rep_user_id,
    shipPolicy: row.ship_policy,
    overdueGraceDays: row.overdue_grace_days,
    priceTolerancePercent: row.price_tolerance_percent,
  };
  const prefetched: ResolvedShipTo | null =
    row.ship_to_id === null
      ? null
      : { id: row.ship_to_id, latitude: row.ship_to_latitude, longitude: row.ship_to_longitude };
  const shipTo = await resolveShipTo(db, account.id, request.shipTo, prefetched);
  const lines = resolvedItems.map((r, i): ResolvedLine => {
    const base = { lineNo: i + 1, request: request.lines[i] };
    if (r.ok)
      return { ...base, ok: true, itemId: r.itemId, sku: r.sku, quantity: r.quantity, factor: r.factor };
    return {
      ...base,
      ok: false,
      code: r.code,
      message: `${describeItem(request.lines[i].item)}: ${r.message}`,
    };
  });
  return { account, shipTo: shipTo.row, shipToDefaulted: shipTo.defaulted, lines };
}

async function resolveAccountId(db: Db, ref: OrderRequest["account"]): Promise<number | null> {
  if (ref.id !== undefined) return ref.id;
  if (ref.number !== undefined) {
    const { rows } = await db.pool.query("select id from accounts where number = $1", [ref.number]);
    if (rows[0]) return rows[0].id;
  }
  if (ref.partnerIds?.length) return (await findAccountByPartnerIds(db, ref.partnerIds))?.accountId ?? null;
  return null;
}

function describeAccount(ref: OrderRequest["account"]): string {
  if (ref.id !== undefined) return String(ref.id);
  if (ref.number !== undefined) return ref.number;
  return (ref.partnerIds ?? []).map((p) => `${p.qualifier} ${p.value}`).join(", ");
}

const SHIP_TO_COLUMNS = "id, latitude, longitude";

/**
 * The account row with its rep's user and its price tolerance (pricing_policies, as
 * pricing/deals.ts getPolicy reads it: no row = none set), and in the same round trip the ship-to the
 * request names by id, or the account's first one when it names none (other references are resolved
 * afterwards).
 */
async function loadAccount(db: Db, accountId: number, ref: OrderRequest["shipTo"]) {
  const byIdOrDefault = !ref || ref.id !== undefined;
  const { rows } = await db.pool.query({
    name: "intake_resolve_account",
    text: `select a.id, a.number, a.name, a.currency, a.credit_limit::text as credit_limit, a.rep_id, a.ship_policy,
                  a.overdue_grace_days, r.user_id as rep_user_id,
                  p.price_tolerance_percent::text as price_tolerance_percent,
                  st.id as ship_to_id, st.latitude as ship_to_latitude, st.longitude as ship_to_longitude
             from accounts a left join reps r on r.id = a.rep_id
             left join pricing_policies p on p.account_id = a.id
             left join lateral (select ${SHIP_TO_COLUMNS} from ship_tos
                                 where account_id = a.id and $3::boolean and ($2::int is null or id = $2)
                                 order by id limit 1) st on true
            where a.id = $1`,
    values: [accountId, ref?.id ?? null, byIdOrDefault],
  });
  return rows[0] ?? null;
}

/** `prefetched`: what loadAccount found for no reference (the default) or a reference by id. */
async function resolveShipTo(
  db: Db,
  accountId: number,
  ref: OrderRequest["shipTo"],
  prefetched: ResolvedShipTo | null,
): Promise<{ row: ResolvedShipTo; defaulted: boolean }> {
  if (!ref) {
    if (!prefetched) {
      throw new DomainError("UNKNOWN_SHIP_TO", "The account has no ship-to address", { shipToId: null });
    }
    return { row: prefetched, defaulted: true };
  }
  let id: number | null = null;
  if (ref.id !== undefined) {
    // The ship-to must belong to the account: another account's id is answered like a missing one.
    if (!prefetched) throw unknownShipTo(ref);
    return { row: prefetched, defaulted: false };
  }
  if (ref.code) {
    // By the account's own code (accounts/lookup.ts covers partner identifiers, not codes).
    const { rows } = await db.pool.query("select id from ship_tos where account_id = $1 and code = $2", [
      accountId,
      ref.code,
    ]);
    id = rows[0]?.id ?? null;
  }
  if (id === null && (ref.storeNumber || ref.gln)) {
    const ids = [
      ...(ref.storeNumber ? [{ qualifier: "92", value: ref.storeNumber }] : []),
      ...(ref.gln ? [{ qualifier: "UL", value: ref.gln }] : []),
    ];
    id = (await findShipTo(db, accountId, ids))?.shipToId ?? null;
  }
  // The ship-to must belong to the account: another account's id is answered like a missing one.
  const { rows } =
    id === null
      ? { rows: [] }
      : await db.pool.query(`select ${SHIP_TO_COLUMNS} from ship_tos where id = $1 and account_id = $2`, [
          id,
          accountId,
        ]);
  if (!rows[0]) throw unknownShipTo(ref);
  return { row: rows[0], defaulted: false };
}

function unknownShipTo(ref: NonNullable<OrderRequest["shipTo"]>): DomainError {
  const named = ref.id ?? ref.code ?? ref.storeNumber ?? ref.gln;
  return new DomainError("UNKNOWN_SHIP_TO", `Ship-to ${named} is not one of this account's`, {
    shipToId: ref.id ?? null,
    ...(ref.id === undefined ? { shipTo: ref } : {}),
  });
}
