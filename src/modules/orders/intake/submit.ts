// The intake pipeline's entry points. submit: idempotency → resolve → (one transaction) price,
// validate, allocate, decide, write, raise exceptions, outbox. simulate: the very same steps in a
// transaction that is always rolled back, returning what would happen.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Caller } from "../../../app/access.ts";
import type { Db } from "../../../app/db.ts";
import { DomainError } from "../../../lib/errors.ts";
import type { Issue, ViolationCode, WarningCode } from "../../pricing/types.ts";
import { type EvaluatedLine, evaluate } from "./evaluate.ts";
import { type CreatedRows, type RaisedSummary, writeOrder } from "./persist.ts";
import { OrderRequest, requestHash } from "./request.ts";
import { type Resolved, resolveRequest } from "./resolve.ts";
import type { CreditCheck } from "./rules.ts";

export type IntakeMode = "submit" | "simulate";

export type IntakeResult = {
  mode: IntakeMode;
  replayed: false;
  /** Null in a simulation (nothing was kept). */
  orderId: number | null;
  number: string | null;
  status: "confirmed" | "on_hold";
  accountId: number;
  accountNumber: string;
  shipToId: number;
  shipToDefaulted: boolean;
  channel: OrderRequest["channel"];
  poNumber: string | null;
  currency: string;
  total: string;
  promiseDate: string | null;
  credit: CreditCheck;
  lines: EvaluatedLine[];
  /** In a simulation the ids are null: owners and deadlines are what raising them would give. */
  exceptions: (Omit<RaisedSummary, "id"> & { id: number | null })[];
  violations: Issue<ViolationCode>[];
  warnings: Issue<WarningCode>[];
  events: string[];
  /** What the new order's detail needs (created-detail.ts); absent in a simulation. */
  created?: CreatedRows;
};

/** The request's idempotency key was used before with the same body: the original order. */
export type IntakeReplay = {
  mode: IntakeMode;
  replayed: true;
  orderId: number;
  number: string;
  status: string;
};

export type IntakeOutcome = IntakeResult | IntakeReplay;

export type SubmitOptions = {
  /**
   * The createOrder contract (kept for its callers): refuse unknown items, pricing violations and
   * stock shortages (INSUFFICIENT_STOCK) instead of holding or backordering.
   */
  strict?: boolean;
};

export async function submit(
  db: Db,
  input: OrderRequest,
  caller: Caller,
  now: Date,
  options: SubmitOptions = {},
): Promise<IntakeOutcome> {
  const request = parseRequest(input);
  const hash = requestHash(request);
  const key = request.idempotencyKey ?? null;
  if (key) {
    const replay = await findReplay(db.pool, key, hash, "submit");
    if (replay) return replay;
  }
  const resolved = await resolveRequest(db, request, caller);
  const client = await db.pool.connect();
  let failure: unknown = null;
  let result: IntakeOutcome | null = null;
  try {
    await client.query("BEGIN");
    result = await inTransaction(client, request, resolved, caller, now, {
      mode: "submit",
      key,
      hash,
      strict: options.strict ?? false,
      pricingCache: db.pool,
    });
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    failure = error;
  } finally {
    client.release();
  }
  if (failure === null) return result!;
  // Backstop: two identical requests past every check; the unique key lets exactly one win.
  if (key && (failure as { code?: string }).code === "23505") {
    const replay = await findReplay(db.pool, key, hash, "submit");
    if (replay) return replay;
  }
  throw failure;
}

export async function simulate(
  db: Db,
  input: OrderRequest,
  caller: Caller,
  now: Date,
): Promise<IntakeOutcome> {
  const request = parseRequest(input);
  const hash = requestHash(request);
  if (request.idempotencyKey) {
    const replay = await findReplay(db.pool, request.idempotencyKey, hash, "simulate");
    if (replay) return replay;
  }
  const resolved = await resolveRequest(db, request, caller);
  const client = await db.pool.connect();
  try {
    await client.query("BEGIN");
    return await inTransaction(client, request, resolved, caller, now, {
      mode: "simulate",
      key: null,
      hash,
      strict: false,
      pricingCache: db.pool,
    });
  } finally {
    // Always: a simulation keeps nothing (stock counters, order, exceptions, mail, events).
    await client.query("ROLLBACK").catch(() => {});
    client.release();
  }
}

async function inTransaction(
  client: pg.PoolClient,
  request: OrderRequest,
  resolved: Resolved,
  caller: Caller,
  now: Date,
  run: { mode: IntakeMode; key: string | null; hash: string; strict: boolean; pricingCache: pg.Pool },
): Promise<IntakeOutcome> {
  if (run.mode === "submit" && run.key) {
    // Concurrent submissions of one key queue here; each then sees the winner's committed order (the
    // replay check is a statement of its own: its snapshot must be taken after the lock is granted).
    await client.query({
      text: "select pg_advisory_xact_lock(hashtextextended($1, 1))",
      values: [run.key],
    });
    const replay = await findReplay(client, run.key, run.hash, "submit");
    if (replay) return replay;
  }
  // Submit: one order per account at a time, so the credit exposure and duplicate-PO checks below see
  // every order committed before this one (taken before any stock row lock: no deadlock); the order
  // number comes in the same round trip. A simulation uses up no number.
  const number: string =
    run.mode === "simulate"
      ? `SIM-${randomUUID()}`
      : (
          await client.query({
            name: "intake_lock_account_number",
            text: `select 'SO-' || nextval('order_number_seq') as number
                     from (select pg_advisory_xact_lock(hashtextextended($1, 2))) as account_lock`,
            values: [`account:${resolved.account.id}`],
          })
        ).rows[0].number;
  const today = now.toISOString().slice(0, 10);
  const evaluation = await evaluate(client, request, resolved, {
    today,
    orderNumber: number,
    strict: run.strict,
    withAvailability: run.mode === "simulate",
    pricingCache: run.pricingCache,
  });
  const written = await writeOrder(client, request, resolved, evaluation, {
    caller,
    number,
    today,
    now,
    idempotencyKey: run.key,
    requestHash: run.hash,
  });
  const simulated = run.mode === "simulate";
  return {
    mode: run.mode,
    replayed: false,
    orderId: simulated ? null : written.orderId,
    number: simulated ? null : number,
    status: written.status,
    accountId: resolved.account.id,
    accountNumber: resolved.account.number,
    shipToId: resolved.shipTo.id,
    shipToDefaulted: resolved.shipToDefaulted,
    channel: request.channel,
    poNumber: request.poNumber ?? null,
    currency: evaluation.currency,
    total: evaluation.total,
    promiseDate: evaluation.promiseDate,
    credit: evaluation.credit,
    lines: evaluation.lines,
    exceptions: written.exceptions.map((e) => (simulated ? { ...e, id: null } : e)),
    violations: evaluation.violations,
    warnings: evaluation.warnings,
    events: written.events,
    ...(simulated ? {} : { created: written.created }),
  };
}

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

async function findReplay(
  client: Queryable,
  key: string,
  hash: string,
  mode: IntakeMode,
): Promise<IntakeReplay | null> {
  const { rows } = await client.query({
    name: "intake_find_replay",
    text: "select id, number, status, request_hash from orders where idempotency_key = $1",
    values: [key],
  });
  const row = rows[0];
  if (!row) return null;
  if (row.request_hash !== hash) {
    throw new DomainError(
      "IDEMPOTENCY_CONFLICT",
      "This idempotency key was already used for a different order",
      {
        orderId: row.id,
      },
    );
  }
  return { mode, replayed: true, orderId: row.id, number: row.number, status: row.status };
}

function parseRequest(input: OrderRequest): OrderRequest {
  const parsed = OrderRequest.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  throw new DomainError(
    "VALIDATION_FAILED",
    `Invalid order request: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
    { issues },
  );
}
