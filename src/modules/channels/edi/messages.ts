// The EDI message log: every document in or out, raw, with status, specific errors, per-transaction
// results and links to the orders it made. Intake writes it; the staff screens read it.
import type { Db } from "../../../app/db.ts";
import { notFound } from "../../../lib/errors.ts";
import type { EdiMessageStatus } from "./schema.ts";

/** Stores the raw document first, before anything can go wrong with it. */
export async function storeInbound(db: Db, raw: string, source: string): Promise<number> {
  const row = (
    await db.pool.query(
      `insert into edi_messages (direction, source, raw, size_bytes, status) values ('in', $1, $2, $3, 'received') returning id`,
      [source, raw, Buffer.byteLength(raw)],
    )
  ).rows[0];
  return Number(row.id);
}

export type MessageUpdate = {
  status: EdiMessageStatus;
  partnerId: number | null;
  standard: string | null;
  docTypes: string[];
  sender: string | null;
  receiver: string | null;
  interchangeControl: string | null;
  errors: unknown[];
  transactions: unknown[];
  duplicateOf: number | null;
};

export async function finishInbound(db: Db, id: number, u: MessageUpdate): Promise<void> {
  await db.pool.query(
    `update edi_messages set status = $2, partner_id = $3, standard = $4, doc_types = $5, sender = $6, receiver = $7,
            interchange_control = $8, errors = $9, transactions = $10, duplicate_of = $11,
            attempts = attempts + 1, processed_at = now()
      where id = $1`,
    [
      id,
      u.status,
      u.partnerId,
      u.standard,
      u.docTypes,
      u.sender,
      u.receiver,
      u.interchangeControl,
      JSON.stringify(u.errors),
      JSON.stringify(u.transactions),
      u.duplicateOf,
    ],
  );
}

export async function markFailed(db: Db, id: number, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db.pool.query(
    `update edi_messages set status = 'failed', attempts = attempts + 1, processed_at = now(),
            errors = $2 where id = $1`,
    [id, JSON.stringify([{ code: "INTAKE_FAILED", message }])],
  );
}

export async function linkOrders(
  db: Db,
  messageId: number,
  links: { orderId: number; transactionRef: string; replayed: boolean }[],
): Promise<void> {
  if (links.length === 0) return;
  await db.pool.query(
    `insert into edi_message_orders (message_id, order_id, transaction_ref, replayed)
     select $1, * from unnest($2::bigint[], $3::text[], $4::boolean[]) on conflict do nothing`,
    [
      messageId,
      links.map((l) => l.orderId),
      links.map((l) => l.transactionRef),
      links.map((l) => l.replayed),
    ],
  );
}

export async function linkedOrders(db: Db, messageId: number) {
  return (
    await db.pool.query(
      `select o.id, o.number, o.po_number as "poNumber", o.status, o.total, o.currency, o.line_count as "lineCount",
              a.name as "accountName", m.transaction_ref as "transactionRef", m.replayed
         from edi_message_orders m join orders o on o.id = m.order_id join accounts a on a.id = o.account_id
        where m.message_id = $1 order by m.transaction_ref, o.id`,
      [messageId],
    )
  ).rows as {
    id: number;
    number: string;
    poNumber: string | null;
    status: string;
    total: string;
    currency: string;
    lineCount: number;
    accountName: string;
    transactionRef: string;
    replayed: boolean;
  }[];
}

export type MessageFilter = {
  partnerId?: number;
  status?: EdiMessageStatus;
  direction?: "in" | "out";
  page: number;
  pageSize: number;
};

export async function listMessages(db: Db, f: MessageFilter) {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    values.push(value);
    where.push(clause.replace("?", `$${values.length}`));
  };
  if (f.partnerId) add("m.partner_id = ?", f.partnerId);
  if (f.status) add("m.status = ?", f.status);
  if (f.direction) add("m.direction = ?", f.direction);
  const filter = where.length ? `where ${where.join(" and ")}` : "";
  const total = Number(
    (await db.pool.query(`select count(*) as n from edi_messages m ${filter}`, values)).rows[0].n,
  );
  values.push(f.pageSize, (f.page - 1) * f.pageSize);
  const rows = await db.pool.query(
    `select m.id, m.direction, m.partner_id as "partnerId", p.name as "partnerName", m.standard, m.doc_types as "docTypes",
            m.interchange_control as "interchangeControl", m.source, m.size_bytes as "sizeBytes", m.status,
            jsonb_array_length(m.errors) as "errorCount", m.created_at as "createdAt", m.processed_at as "processedAt",
            (select count(*)::int from edi_message_orders l where l.message_id = m.id) as "orderCount"
       from edi_messages m left join edi_trading_partners p on p.id = m.partner_id
       ${filter} order by m.created_at desc, m.id desc limit $${values.length - 1} offset $${values.length}`,
    values,
  );
  return { messages: rows.rows, total, page: f.page, pageSize: f.pageSize };
}

// The staff screen shows raw content; beyond this it offers the rest as a download (not yet).
const RAW_PREVIEW_CHARS = 200_000;

export async function getMessage(db: Db, id: number) {
  const row = (
    await db.pool.query(
      `select m.id, m.direction, m.partner_id as "partnerId", p.name as "partnerName", m.standard,
              m.doc_types as "docTypes", m.sender, m.receiver, m.interchange_control as "interchangeControl",
              m.source, left(m.raw, ${RAW_PREVIEW_CHARS}) as raw, m.size_bytes as "sizeBytes", m.status, m.errors,
              m.transactions, m.in_reply_to as "inReplyTo", m.duplicate_of as "duplicateOf", m.attempts,
              m.created_at as "createdAt", m.processed_at as "processedAt"
         from edi_messages m left join edi_trading_partners p on p.id = m.partner_id where m.id = $1`,
      [id],
    )
  ).rows[0];
  if (!row) throw notFound("EDI message", id);
  const replies = (
    await db.pool.query(
      `select id, doc_types as "docTypes", status, interchange_control as "interchangeControl", source, errors,
              raw, created_at as "createdAt"
         from edi_messages where in_reply_to = $1 order by id`,
      [id],
    )
  ).rows;
  return {
    ...row,
    rawTruncated: row.raw.length >= RAW_PREVIEW_CHARS && row.sizeBytes > RAW_PREVIEW_CHARS,
    orders: await linkedOrders(db, id),
    replies,
  };
}

export async function loadRaw(
  db: Db,
  id: number,
): Promise<{ raw: string; direction: string; status: string }> {
  const row = (await db.pool.query("select raw, direction, status from edi_messages where id = $1", [id]))
    .rows[0];
  if (!row) throw notFound("EDI message", id);
  return row;
}
