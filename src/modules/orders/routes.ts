import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { accountScope, type Caller, callerOf, ORDER_TAKERS, STAFF } from "../../app/access.ts";
import type { Db } from "../../app/db.ts";
import { DomainError, type ErrorCode } from "../../lib/errors.ts";
import { CHANGE_KINDS, type ChangeOutcome, changeOrder } from "./change-order.ts";
import { createdOrderDetail } from "./created-detail.ts";
import {
  AccountRef,
  type Channel,
  ItemRef,
  type OrderRequest,
  ShipToRef,
  UnitPriceString,
} from "./intake/request.ts";
import { simulate, submit } from "./intake/submit.ts";
import { getOrderDetail, listOrders } from "./queries.ts";
import { ORDER_STATUSES } from "./status.ts";

const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});

const ListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  status: z.enum(ORDER_STATUSES).optional(),
  accountId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(["orderedAt", "-orderedAt", "total", "-total", "number", "-number"]).default("-orderedAt"),
});

// POST /api/orders and /api/orders/simulate. Backwards compatible: `{accountId, shipToId?, poNumber?,
// requestedShipDate?, notes?, lines: [{sku, quantity}]}` still works; the account, ship-to and items
// may also be named by identifiers, and lines may carry a unit and the buyer's expected price.
const OrderLineBody = z
  .object({
    lineRef: z.string().trim().min(1).max(50).optional(),
    sku: z.string().trim().min(1).max(64).optional(),
    item: ItemRef.optional(),
    quantity: z
      .number()
      .int("quantity must be a whole number")
      .positive("quantity must be positive")
      .max(1_000_000),
    uom: z.string().trim().min(1).max(10).optional(),
    expectedUnitPrice: UnitPriceString.optional(),
  })
  .refine((l) => l.sku !== undefined || l.item !== undefined, { message: "name the item by sku or item" });

const OrderBody = z
  .object({
    accountId: z.number().int().positive().optional(),
    account: AccountRef.optional(),
    shipToId: z.number().int().positive().optional(),
    shipTo: ShipToRef.optional(),
    poNumber: z.string().trim().min(1).max(50).optional(),
    requestedShipDate: z.iso.date().optional(),
    requestedDeliveryDate: z.iso.date().optional(),
    notes: z.string().max(2000).optional(),
    lines: z.array(OrderLineBody).min(1, "an order needs at least one line").max(500),
  })
  .refine((b) => b.accountId !== undefined || b.account !== undefined, {
    message: "accountId or account is required",
    path: ["accountId"],
  });
type OrderBody = z.infer<typeof OrderBody>;

// POST /api/orders/:id/changes. A line is named by lineNo, lineRef or sku; quantities are base units;
// unitPrice is the buyer's expected price per base unit (recorded, never our price).
const ChangeBody = z.object({
  changes: z
    .array(
      z.object({
        kind: z.enum(CHANGE_KINDS),
        lineNo: z.number().int().positive().optional(),
        lineRef: z.string().trim().min(1).max(50).optional(),
        sku: z.string().trim().min(1).max(64).optional(),
        quantity: z.number().int().min(0).max(1_000_000).optional(),
        unitPrice: UnitPriceString.optional(),
      }),
    )
    .min(1)
    .max(500),
  reason: z.string().trim().max(500).optional(),
});

/** Buyers may change quantities and cancel; adding lines and prices go through the order desk. */
const BUYER_KINDS = new Set(["quantity", "cancel_line", "cancel_order"]);

const REFUSAL_CODES: Record<Exclude<ChangeOutcome, { ok: true }>["code"], ErrorCode> = {
  ORDER_NOT_FOUND: "NOT_FOUND",
  ORDER_NOT_CHANGEABLE: "ORDER_NOT_CHANGEABLE",
  LINE_NOT_FOUND: "LINE_NOT_FOUND",
  ITEM_UNKNOWN: "UNKNOWN_SKU",
  CHANGE_INVALID: "VALIDATION_FAILED",
};

const IdempotencyHeaders = z.object({ "idempotency-key": z.string().min(1).max(200).optional() }).loose();

const CHANNEL_BY_ROLE: Record<string, Channel> = { buyer: "portal", sales_rep: "rep" };

function channelOf(caller: Caller): Channel {
  return caller.scopes ? "api" : (CHANNEL_BY_ROLE[caller.role] ?? "desk");
}

function toRequest(body: OrderBody, caller: Caller, key: string | undefined): OrderRequest {
  return {
    account: { ...(body.accountId !== undefined ? { id: body.accountId } : {}), ...body.account },
    ...(body.shipTo || body.shipToId !== undefined
      ? { shipTo: { ...(body.shipToId !== undefined ? { id: body.shipToId } : {}), ...body.shipTo } }
      : {}),
    ...(body.poNumber !== undefined ? { poNumber: body.poNumber } : {}),
    ...(body.requestedShipDate !== undefined ? { requestedShipDate: body.requestedShipDate } : {}),
    ...(body.requestedDeliveryDate !== undefined
      ? { requestedDeliveryDate: body.requestedDeliveryDate }
      : {}),
    ...(body.notes !== undefined ? { notes: body.notes } : {}),
    channel: channelOf(caller),
    // Keys are per user: two integrations cannot collide (or read each other's orders) by key.
    ...(key ? { idempotencyKey: `${caller.userId}:${key}` } : {}),
    lines: body.lines.map((l) => ({
      ...(l.lineRef !== undefined ? { lineRef: l.lineRef } : {}),
      item: { ...(l.sku !== undefined ? { sku: l.sku } : {}), ...l.item },
      quantity: l.quantity,
      ...(l.uom !== undefined ? { uom: l.uom } : {}),
      ...(l.expectedUnitPrice !== undefined ? { expectedUnitPrice: l.expectedUnitPrice } : {}),
    })),
  };
}

export async function orderRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const readers = { roles: [...STAFF, "buyer"] as const, scope: "orders:read" };

  r.get(
    "/api/orders",
    { config: { access: readers }, schema: { tags: ["orders"], querystring: ListQuery } },
    async (request) => listOrders(db, request.query, accountScope(callerOf(request))),
  );

  r.get(
    "/api/orders/:id",
    { config: { access: readers }, schema: { tags: ["orders"], params: IdParams } },
    async (request) => ({
      order: await getOrderDetail(db, request.params.id, accountScope(callerOf(request))),
    }),
  );

  const takers = { roles: [...ORDER_TAKERS, "buyer"] as const };

  r.post(
    "/api/orders",
    {
      config: { access: { ...takers, scope: "orders:write" } },
      schema: { tags: ["orders"], body: OrderBody, headers: IdempotencyHeaders },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const outcome = await submit(
        db,
        toRequest(request.body, caller, request.headers["idempotency-key"]),
        caller,
        new Date(),
      );
      reply.status(outcome.replayed ? 200 : 201);
      return {
        // A new order's detail comes from what intake wrote (its exceptions read when it raised some).
        order: outcome.replayed
          ? await getOrderDetail(db, outcome.orderId, accountScope(caller))
          : await createdOrderDetail(db, outcome, accountScope(caller) === null),
        replayed: outcome.replayed,
        // What intake decided (null on a replay: the order above is the original result).
        intake: outcome.replayed
          ? null
          : {
              status: outcome.status,
              promiseDate: outcome.promiseDate,
              credit: outcome.credit,
              exceptions: outcome.exceptions,
              violations: outcome.violations,
              warnings: outcome.warnings,
              events: outcome.events,
            },
      };
    },
  );

  r.post(
    "/api/orders/:id/changes",
    {
      config: { access: { ...takers, scope: "orders:write" } },
      schema: { tags: ["orders"], params: IdParams, body: ChangeBody, headers: IdempotencyHeaders },
    },
    async (request) => {
      const caller = callerOf(request);
      const scope = accountScope(caller);
      const refused = request.body.changes.find((c) => caller.role === "buyer" && !BUYER_KINDS.has(c.kind));
      if (refused) {
        throw new DomainError(
          "FORBIDDEN",
          `A buyer cannot make a ${refused.kind} change; ask the order desk`,
          {
            kind: refused.kind,
          },
        );
      }
      const key = request.headers["idempotency-key"];
      const outcome = await changeOrder(
        db,
        {
          orderId: request.params.id,
          changes: request.body.changes,
          reason: request.body.reason ?? null,
          source: channelOf(caller),
          idempotencyKey: key ? `${caller.userId}:${key}` : null,
          accountScope: scope,
        },
        caller,
        new Date(),
      );
      if (!outcome.ok) throw new DomainError(REFUSAL_CODES[outcome.code], outcome.message, outcome.data);
      return {
        order: await getOrderDetail(db, outcome.orderId, scope),
        replayed: outcome.replayed,
        applied: outcome.applied,
        exceptions: outcome.exceptions,
      };
    },
  );

  // The same pipeline in a transaction that is always rolled back: prices with their waterfall,
  // availability per warehouse, backorders with ETAs, promise date, credit, the exceptions that
  // would be raised. Nothing is kept (no order, stock, exception, mail or event).
  r.post(
    "/api/orders/simulate",
    {
      config: { access: { ...takers, scope: "orders:read" } },
      schema: { tags: ["orders"], body: OrderBody, headers: IdempotencyHeaders },
    },
    async (request) => {
      const caller = callerOf(request);
      return {
        simulation: await simulate(
          db,
          toRequest(request.body, caller, request.headers["idempotency-key"]),
          caller,
          new Date(),
        ),
      };
    },
  );
}
