// Creates an order in ONE transaction: resolve account, ship-to and items, price, allocate stock,
// write order + lines + allocations + status history. Any failure rolls everything back.
import { createHash } from "node:crypto";
import type pg from "pg";
import type { Caller } from "../../app/access.ts";
import { type Db, withTransaction } from "../../app/db.ts";
import { DomainError } from "../../lib/errors.ts";
import { allocateStock, warehousesByDistance } from "../inventory/allocate.ts";
import { recordLastPrices } from "../pricing/last-prices.ts";
import { allViolations, quote, todayUtc } from "../pricing/quote.ts";
import { assertTransition } from "./status.ts";

export type Channel = "desk" | "portal" | "rep" | "edi" | "email" | "csv" | "api";

export type NewOrder = {
  accountId: number;
  shipToId?: number;
  poNumber?: string;
  requestedShipDate?: string;
  notes?: string;
  lines: { sku: string; quantity: number }[];
};

export type CreateResult = { orderId: number; replayed: boolean };

export async function createOrder(
  db: Db,
  input: NewOrder,
  caller: Caller,
  channel: Channel,
  idempotencyKey?: string,
): Promise<CreateResult> {
  if (caller.role === "buyer" && input.accountId !== caller.accountId) {
    // A buyer may only order for their own company; answer as if the account did not exist.
    throw new DomainError("UNKNOWN_ACCOUNT", `No account ${input.accountId}`);
  }
  const requestHash = createHash("sha256").update(JSON.stringify(input)).digest("hex");
  if (idempotencyKey) {
    const replay = await findReplay(db.pool, idempotencyKey, requestHash);
    if (replay) return replay;
  }
  try {
    return await withTransaction(db, (client) =>
      insertOrder(client, input, caller, channel, idempotencyKey, requestHash),
    );
  } catch (error) {
    // Two identical requests raced past the replay check: the unique key lets exactly one win.
    if (idempotencyKey && (error as { code?: string }).code === "23505") {
      const replay = await findReplay(db.pool, idempotencyKey, requestHash);
      if (replay) return replay;
    }
    throw error;
  }
}

async function findReplay(pool: pg.Pool, key: string, requestHash: string): Promise<CreateResult | null> {
  const result = await pool.query("select id, request_hash from orders where idempotency_key = $1", [key]);
  const row = result.rows[0];
  if (!row) return null;
  if (row.request_hash !== requestHash) {
    throw new DomainError(
      "IDEMPOTENCY_CONFLICT",
      "This idempotency key was already used for a different order",
      {
        orderId: row.id,
      },
    );
  }
  return { orderId: row.id, replayed: true };
}

async function insertOrder(
  client: pg.PoolClient,
  input: NewOrder,
  caller: Caller,
  channel: Channel,
  idempotencyKey: string | undefined,
  requestHash: string,
): Promise<CreateResult> {
  const account = (
    await client.query("select id, currency, rep_id from accounts where id = $1", [input.accountId])
  ).rows[0];
  if (!account) throw new DomainError("UNKNOWN_ACCOUNT", `No account ${input.accountId}`);
  const shipTo = await resolveShipTo(client, input.accountId, input.shipToId);
  // Prices come from the pricing engine, read in this transaction's snapshot (same client).
  const orderedOn = todayUtc();
  const { loaded, priced: pricedOrder } = await quote(
    client,
    {
      accountId: input.accountId,
      shipToId: shipTo.id,
      date: orderedOn,
      currency: account.currency,
      lines: input.lines,
    },
    null,
  );
  assertKnownSkus(
    input.lines.map((l) => l.sku),
    loaded.itemsBySku,
  );
  const violations = allViolations(pricedOrder);
  if (violations.length) {
    throw new DomainError("PRICING_VIOLATION", violations.map((v) => v.message).join("; "), { violations });
  }

  const number = (await client.query("select 'SO-' || nextval('order_number_seq') as number")).rows[0].number;
  const priced = pricedOrder.lines.map((line, index) => {
    const item = loaded.itemsBySku.get(input.lines[index].sku)!;
    return {
      lineNo: index + 1,
      item,
      // Lines are in the base unit; a round-up-to-case policy may have raised the quantity.
      quantity: line.quantity,
      unitPrice: line.unitPrice!,
      extended: line.extended!,
      explanation: { waterfall: line.waterfall, warnings: line.warnings, lastPaid: line.lastPaid },
    };
  });
  const total = pricedOrder.total;
  assertTransition(null, "confirmed");

  const warehouseOrder = await warehousesByDistance(client, shipTo.latitude, shipTo.longitude);
  const allocations = await allocateStock(
    client,
    priced.map((p) => ({ itemId: p.item.id, sku: p.item.sku, quantity: p.quantity })),
    warehouseOrder,
    number,
  );

  const order = await client.query(
    `insert into orders (number, account_id, ship_to_id, po_number, channel, status, currency, requested_ship_date,
                         total, line_count, notes, rep_id, created_by, idempotency_key, request_hash)
     values ($1, $2, $3, $4, $5, 'confirmed', $6, $7, $8, $9, $10, $11, $12, $13, $14) returning id`,
    [
      number,
      account.id,
      shipTo.id,
      input.poNumber ?? null,
      channel,
      account.currency,
      input.requestedShipDate ?? null,
      total,
      priced.length,
      input.notes ?? null,
      account.rep_id,
      caller.userId,
      idempotencyKey ?? null,
      requestHash,
    ],
  );
  const orderId: number = order.rows[0].id;
  const lineIds = await client.query(
    `insert into order_lines (order_id, line_no, item_id, quantity, unit_price, extended_amount, unit_cost,
                              price_explanation)
     select $1, * from unnest($2::int[], $3::int[], $4::int[], $5::numeric[], $6::numeric[], $7::numeric[],
                              $8::jsonb[])
     returning id, item_id, line_no`,
    [
      orderId,
      priced.map((p) => p.lineNo),
      priced.map((p) => p.item.id),
      priced.map((p) => p.quantity),
      priced.map((p) => p.unitPrice),
      priced.map((p) => p.extended),
      priced.map((p) => p.item.cost),
      priced.map((p) => JSON.stringify(p.explanation)),
    ],
  );
  await recordLastPrices(
    client,
    account.id,
    account.currency,
    number,
    orderedOn,
    priced.map((p) => ({ itemId: p.item.id, unitPrice: p.unitPrice })),
  );
  // allocations[i] belongs to priced[i], whose line_no is i + 1.
  const lines = lineIds.rows as { id: number; item_id: number; line_no: number }[];
  const rows = lines.flatMap((line) => allocations[line.line_no - 1].map((a) => ({ line, ...a })));
  await client.query(
    `insert into allocations (order_line_id, item_id, warehouse_id, quantity)
     select * from unnest($1::bigint[], $2::int[], $3::int[], $4::int[])`,
    [
      rows.map((r) => r.line.id),
      rows.map((r) => r.line.item_id),
      rows.map((r) => r.warehouseId),
      rows.map((r) => r.quantity),
    ],
  );
  await client.query(
    "insert into order_status_history (order_id, from_status, to_status, user_id, reason) values ($1, null, 'confirmed', $2, $3)",
    [orderId, caller.userId, `created via ${channel}; stock allocated`],
  );
  return { orderId, replayed: false };
}

async function resolveShipTo(client: pg.PoolClient, accountId: number, shipToId: number | undefined) {
  const result = shipToId
    ? await client.query("select id, latitude, longitude from ship_tos where id = $1 and account_id = $2", [
        shipToId,
        accountId,
      ])
    : await client.query(
        "select id, latitude, longitude from ship_tos where account_id = $1 order by id limit 1",
        [accountId],
      );
  const row = result.rows[0];
  if (!row) {
    throw new DomainError(
      "UNKNOWN_SHIP_TO",
      shipToId ? `Ship-to ${shipToId} is not one of this account's` : "The account has no ship-to address",
      {
        shipToId: shipToId ?? null,
      },
    );
  }
  return row as { id: number; latitude: string | null; longitude: string | null };
}

function assertKnownSkus(skus: string[], items: Map<string, { active: boolean }>): void {
  const unknown = [...new Set(skus.filter((s) => !items.get(s)?.active))];
  if (unknown.length) {
    throw new DomainError(
      "UNKNOWN_SKU",
      `Unknown SKU${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`,
      {
        skus: unknown,
      },
    );
  }
}
