// EDI intake: store the raw document (nothing lost), translate it, find each interchange's partner,
// flag interchanges already received within the partner's window, turn every accepted 850/ORDERS
// into an order through the intake pipeline (idempotency key = sender + interchange/group/set numbers), and
// answer with the functional ack and, when the partner takes them, 855/ORDRSP.
import type { Caller } from "../../../app/access.ts";
import type { Db } from "../../../app/db.ts";
import { DomainError } from "../../../lib/errors.ts";
import { getOrderDetail } from "../../orders/queries.ts";
import { earlierInterchanges, interchangeKey, recordInterchanges } from "./duplicates.ts";
import { changedOrderAck, intakeChange } from "./intake-change.ts";
import { intakeOrder, type LineOutcome, type Problem } from "./intake-order.ts";
import { finishInbound, linkedOrders, linkOrders, loadRaw, markFailed, storeInbound } from "./messages.ts";
import { type OrderAckInput, type OutboundRecord, sendAcknowledgment, sendOrderAcks } from "./outbound.ts";
import { findPartnerBySender, type Partner } from "./partners.ts";
import type { EdiMessageStatus } from "./schema.ts";
import { decodeBytes, translateFile } from "./translate.ts";
import type { ChangeRequest, InterchangeResult, OrderRequest, Party } from "./types.ts";

/** Intake from the inbox folder or the command line acts as this caller (no signed-in user). */
export const EDI_SYSTEM_CALLER: Caller = {
  userId: 0,
  role: "admin",
  accountId: null,
  name: "EDI intake",
  email: "edi@wholesail.local",
  scopes: null,
};

export type TransactionRecord = {
  ref: string;
  type: string;
  interchange: string;
  group: string | null;
  set: string;
  poNumber: string | null;
  status:
    | "order_created"
    | "order_replayed"
    | "order_changed"
    | "change_replayed"
    | "rejected"
    | "duplicate"
    | "acknowledged"
    | "not_processed";
  orderId?: number;
  orderNumber?: string;
  errors: Problem[];
  warnings: Problem[];
  lines?: LineOutcome[];
  /** The 850/ORDERS header as sent: what the 856/810 for the order repeat back (outbound-lifecycle.ts). */
  header?: { poDate: string | null; buyer: Party | null; shipTo: Party | null };
};

export type InterchangeRecord = {
  standard: "x12" | "edifact";
  sender: string;
  receiver: string;
  controlNumber: string;
  partnerId: number | null;
  partnerName: string | null;
  duplicateOf: number | null;
  errors: Problem[];
  transactions: TransactionRecord[];
  outbound: Omit<OutboundRecord, "raw">[];
  acknowledgment: string;
};

export type IngestResult = {
  messageId: number;
  status: EdiMessageStatus;
  errors: Problem[];
  interchanges: InterchangeRecord[];
  orders: Awaited<ReturnType<typeof linkedOrders>>;
};

export async function ingestDocument(
  db: Db,
  input: string | Uint8Array,
  source: string,
  caller: Caller = EDI_SYSTEM_CALLER,
): Promise<IngestResult> {
  const raw = typeof input === "string" ? input : decodeBytes(input);
  const messageId = await storeInbound(db, raw, source);
  return processMessage(db, messageId, caller);
}

/** Runs (or re-runs) intake for a stored inbound message. Orders are never made twice. */
export async function reprocessMessage(db: Db, messageId: number, caller: Caller): Promise<IngestResult> {
  const m = await loadRaw(db, messageId);
  if (m.direction !== "in") throw new DomainError("CONFLICT", "Only inbound messages can be reprocessed");
  if (!["failed", "rejected", "partially_processed", "received"].includes(m.status)) {
    throw new DomainError("CONFLICT", `Message ${messageId} is ${m.status}; nothing to reprocess`, {
      status: m.status,
    });
  }
  return processMessage(db, messageId, caller);
}

async function processMessage(db: Db, messageId: number, caller: Caller): Promise<IngestResult> {
  try {
    return await runIntake(db, messageId, caller);
  } catch (error) {
    // Unexpected (database down, a bug): the raw document is kept and can be reprocessed.
    await markFailed(db, messageId, error).catch(() => {});
    throw error;
  }
}

async function runIntake(db: Db, messageId: number, caller: Caller): Promise<IngestResult> {
  const { raw } = await loadRaw(db, messageId);
  let result = translateFile(raw);
  if (result.error) {
    const errors = [{ code: result.error.code, message: result.error.message }];
    await finishInbound(db, messageId, {
      ...emptyUpdate(),
      status: "rejected",
      errors,
    });
    return { messageId, status: "rejected", errors, interchanges: [], orders: [] };
  }

  // Partners, then duplicates across files within each partner's window.
  const partners = new Map<string, Partner | null>();
  for (const ic of result.interchanges) {
    const k = `${ic.standard}|${ic.sender.qualifier}|${ic.sender.id}`;
    if (!partners.has(k)) partners.set(k, await findPartnerBySender(db, ic.standard, ic.sender));
  }
  const partnerOf = (ic: InterchangeResult) =>
    partners.get(`${ic.standard}|${ic.sender.qualifier}|${ic.sender.id}`) ?? null;
  const windows = new Map(
    result.interchanges.map((ic) => [interchangeKey(ic), partnerOf(ic)?.duplicateWindowDays ?? 30]),
  );
  const earlier = await earlierInterchanges(db, [...windows.keys()], (k) => windows.get(k) ?? 30, messageId);
  if (earlier.size > 0) result = translateFile(raw, { seen: earlier.keys() });

  await db.pool.query("delete from edi_interchanges where message_id = $1", [messageId]);
  const records: InterchangeRecord[] = [];
  for (const ic of result.interchanges) {
    records.push(
      await takeInterchange(
        db,
        ic,
        partnerOf(ic),
        earlier.get(interchangeKey(ic)) ?? null,
        messageId,
        caller,
      ),
    );
  }
  // Only interchanges we actually took count as "received" for later duplicate checks.
  const taken = records.flatMap((r, i) => {
    const ic = result.interchanges[i];
    return r.partnerId !== null && r.duplicateOf === null && !ic.errors.some(isFatal)
      ? [{ key: interchangeKey(ic), partnerId: r.partnerId }]
      : [];
  });
  await recordInterchanges(db, messageId, taken);

  const status = overallStatus(records);
  const errors = records.flatMap((r) => r.errors);
  const first = records[0];
  await finishInbound(db, messageId, {
    status,
    partnerId: first?.partnerId ?? null,
    standard: first?.standard ?? null,
    docTypes: [...new Set(records.flatMap((r) => r.transactions.map((t) => t.type)))],
    sender: first?.sender ?? null,
    receiver: first?.receiver ?? null,
    interchangeControl: records.map((r) => r.controlNumber).join(", ") || null,
    errors,
    transactions: records.flatMap((r) => r.transactions),
    duplicateOf: records.find((r) => r.duplicateOf !== null)?.duplicateOf ?? null,
  });
  return { messageId, status, errors, interchanges: records, orders: await linkedOrders(db, messageId) };
}

const isFatal = (e: { code: string }) =>
  ["X12_NO_TERMINATOR", "ISA_INVALID", "DELIMITER_CONFLICT", "DUPLICATE_INTERCHANGE", "UNB_MISSING"].includes(
    e.code,
  );

async function takeInterchange(
  db: Db,
  ic: InterchangeResult,
  partner: Partner | null,
  duplicateOf: number | null,
  messageId: number,
  caller: Caller,
): Promise<InterchangeRecord> {
  const rec: InterchangeRecord = {
    standard: ic.standard,
    sender: `${ic.sender.qualifier}:${ic.sender.id}`,
    receiver: `${ic.receiver.qualifier}:${ic.receiver.id}`,
    controlNumber: ic.controlNumber,
    partnerId: partner?.id ?? null,
    partnerName: partner?.name ?? null,
    duplicateOf,
    errors: ic.errors.map((e) => ({ code: e.code, message: e.message })),
    transactions: [],
    outbound: [],
    acknowledgment: "",
  };
  if (!partner) {
    rec.errors.push({
      code: "PARTNER_UNKNOWN",
      message: `no active ${ic.standard.toUpperCase()} trading partner sends as ${rec.sender} (to ${rec.receiver})`,
    });
  } else if (partner.ourId.trim() !== ic.receiver.id.trim()) {
    rec.errors.push({
      code: "RECEIVER_MISMATCH",
      message: `addressed to ${rec.receiver}, but ${partner.name} is set up to send to ${partner.ourQualifier}:${partner.ourId}`,
    });
  }
  if (duplicateOf !== null) {
    // The reader's own DUPLICATE_INTERCHANGE does not know where the original is; this one does.
    rec.errors = rec.errors.filter((e) => e.code !== "DUPLICATE_INTERCHANGE");
    rec.errors.push({
      code: "DUPLICATE_INTERCHANGE",
      message: `interchange ${ic.controlNumber} from ${rec.sender} was already received in message ${duplicateOf}; not processed again`,
    });
  }
  const blocked = rec.errors.find((e) => ["PARTNER_UNKNOWN", "RECEIVER_MISMATCH"].includes(e.code));
  const acks: OrderAckInput[] = [];
  for (const t of ic.transactions) {
    const tx: TransactionRecord = {
      ref: `${ic.controlNumber}/${t.groupControlNumber ?? "-"}/${t.controlNumber}`,
      type: t.type,
      interchange: ic.controlNumber,
      group: t.groupControlNumber,
      set: t.controlNumber,
      poNumber: t.order?.poNumber ?? null,
      status: "rejected",
      errors: t.errors.map((e) => ({ code: e.code, message: e.message })),
      warnings: t.warnings.map((e) => ({ code: e.code, message: e.message })),
    };
    rec.transactions.push(tx);
    if (t.order?.kind === "order")
      tx.header = { poDate: t.order.poDate, buyer: t.order.buyer, shipTo: t.order.shipTo };
    if (duplicateOf !== null) tx.status = "duplicate";
    else if (t.status === "rejected") tx.status = "rejected";
    else if (blocked) {
      tx.status = "not_processed";
      tx.errors.push(blocked);
    } else if (t.order?.kind === "order") {
      if (ic.test) {
        tx.errors.push({
          code: "TEST_INTERCHANGE",
          message: "test interchange (usage T): checked and acknowledged, no order made",
        });
        continue;
      }
      const ack = await takeOrder(db, t.order, tx, ic, partner!, caller);
      if (ack) acks.push(ack);
    } else if (t.order?.kind === "change") {
      if (ic.test) {
        tx.errors.push({
          code: "TEST_INTERCHANGE",
          message: "test interchange (usage T): checked and acknowledged, no change applied",
        });
        continue;
      }
      const ack = await takeChange(db, t.order, tx, ic, partner!, caller);
      if (ack) acks.push(ack);
    } else tx.status = "acknowledged";
  }
  if (duplicateOf !== null) {
    // A re-sent file answers with the orders the first one made.
    const original = await linkedOrders(db, duplicateOf);
    await linkOrders(
      db,
      messageId,
      original.map((o) => ({ orderId: o.id, transactionRef: o.transactionRef, replayed: true })),
    );
  }
  const links = rec.transactions
    .filter((t) => t.orderId !== undefined)
    .map((t) => ({
      orderId: t.orderId!,
      transactionRef: t.ref,
      replayed: t.status === "order_replayed" || t.status === "change_replayed",
    }));
  await linkOrders(db, messageId, links);

  const ack = await sendAcknowledgment(db, ic, partner, messageId);
  if (ack) {
    rec.acknowledgment = ack.raw;
    const { raw: _raw, ...meta } = ack;
    rec.outbound.push(meta);
  }
  if (partner) {
    const sent = await sendOrderAcks(db, partner, acks, messageId);
    if (sent) {
      const { raw: _raw, ...meta } = sent;
      rec.outbound.push(meta);
    }
  }
  return rec;
}

async function takeOrder(
  db: Db,
  order: OrderRequest,
  tx: TransactionRecord,
  ic: InterchangeResult,
  partner: Partner,
  caller: Caller,
): Promise<OrderAckInput | null> {
  const key = `edi:${ic.sender.qualifier}:${ic.sender.id}:${ic.controlNumber}:${tx.group ?? ""}:${tx.set}`;
  const outcome = await intakeOrder(db, order, { partner, sender: ic.sender, caller, idempotencyKey: key });
  tx.lines = outcome.lines;
  tx.warnings.push(...outcome.warnings);
  if (!outcome.ok) {
    tx.status = "rejected";
    tx.errors.push(outcome.problem);
    return { order, orderNumber: null, lines: outcome.lines, ourPrices: new Map(), currency: order.currency };
  }
  const detail = await getOrderDetail(db, outcome.orderId, null);
  tx.orderId = outcome.orderId;
  tx.orderNumber = detail.number;
  tx.status = outcome.replayed ? "order_replayed" : "order_created";
  for (const l of outcome.lines.filter((l) => l.problem))
    tx.errors.push({ ...l.problem!, message: `line ${l.lineRef}: ${l.problem!.message}` });
  // The original order was acknowledged when it was made.
  if (outcome.replayed) return null;
  // Our price per ordered unit = base-unit price × units per ordered unit, in decimal strings.
  const ourPrices = new Map<string, string>();
  for (const l of outcome.lines) {
    if (l.status === "accepted" && l.ourUnitPrice && l.baseQuantity && l.quantity)
      ourPrices.set(l.lineRef, perOrderedUnit(l.ourUnitPrice, l.baseQuantity, l.quantity));
  }
  return { order, orderNumber: detail.number, lines: outcome.lines, ourPrices, currency: detail.currency };
}

/** An accepted 860: changes applied to the account's order with that PO (see intake-change.ts). */
async function takeChange(
  db: Db,
  change: ChangeRequest,
  tx: TransactionRecord,
  ic: InterchangeResult,
  partner: Partner,
  caller: Caller,
): Promise<OrderAckInput | null> {
  const key = `edi:${ic.sender.qualifier}:${ic.sender.id}:${ic.controlNumber}:${tx.group ?? ""}:${tx.set}`;
  const outcome = await intakeChange(db, change, {
    partner,
    sender: ic.sender,
    caller,
    idempotencyKey: key,
    reference: tx.ref,
  });
  if (!outcome.ok) {
    tx.status = "rejected";
    const orderId = outcome.orderId;
    tx.errors.push(
      orderId === null ? outcome.problem : { ...outcome.problem, data: { ...outcome.problem.data, orderId } },
    );
    return null;
  }
  tx.orderId = outcome.orderId;
  tx.orderNumber = outcome.orderNumber;
  tx.status = outcome.replayed ? "change_replayed" : "order_changed";
  // The change was acknowledged when it was first applied.
  return outcome.replayed ? null : changedOrderAck(db, change, outcome.orderId);
}

function perOrderedUnit(basePrice: string, baseQuantity: number, quantity: string): string {
  // factor = baseQuantity / quantity is an integer by construction (lookup.ts checks it).
  const factor = Math.round(baseQuantity / Number(quantity));
  const [i, f = ""] = basePrice.split(".");
  const scaled = (BigInt(i + f.padEnd(4, "0").slice(0, 4)) * BigInt(factor)).toString().padStart(5, "0");
  return `${scaled.slice(0, -4)}.${scaled.slice(-4)}`.replace(/\.?0+$/, "").replace(/^$/, "0");
}

function overallStatus(records: InterchangeRecord[]): EdiMessageStatus {
  const txs = records.flatMap((r) => r.transactions);
  const made = txs.filter((t) =>
    ["order_created", "order_replayed", "order_changed", "change_replayed"].includes(t.status),
  );
  const bad = txs.filter((t) => ["rejected", "duplicate", "not_processed"].includes(t.status));
  const lineProblems = made.some((t) => t.lines?.some((l) => l.status === "rejected"));
  if (txs.length === 0) return records.some((r) => r.errors.length > 0) ? "rejected" : "processed";
  if (bad.length === 0 && !lineProblems) return "processed";
  if (made.length > 0 || txs.some((t) => t.status === "acknowledged")) return "partially_processed";
  return "rejected";
}

function emptyUpdate() {
  return {
    partnerId: null,
    standard: null,
    docTypes: [],
    sender: null,
    receiver: null,
    interchangeControl: null,
    errors: [],
    transactions: [],
    duplicateOf: null,
  };
}
