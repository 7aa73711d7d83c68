import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { accountScope, callerOf, ORDER_TAKERS, STAFF } from "../../app/access.ts";
import type { Db } from "../../app/db.ts";
import { type Channel, createOrder } from "./create-order.ts";
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

const NewOrderBody = z.object({
  accountId: z.number().int().positive(),
  shipToId: z.number().int().positive().optional(),
  poNumber: z.string().trim().min(1).max(50).optional(),
  requestedShipDate: z.iso.date().optional(),
  notes: z.string().max(2000).optional(),
  lines: z
    .array(
      z.object({
        sku: z.string().trim().min(1).max(64),
        quantity: z
          .number()
          .int("quantity must be a whole number")
          .positive("quantity must be positive")
          .max(1_000_000),
      }),
    )
    .min(1, "an order needs at least one line")
    .max(500),
});

const CHANNEL_BY_ROLE: Record<string, Channel> = { buyer: "portal", sales_rep: "rep" };

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

  r.post(
    "/api/orders",
    {
      config: { access: { roles: [...ORDER_TAKERS, "buyer"], scope: "orders:write" } },
      schema: {
        tags: ["orders"],
        body: NewOrderBody,
        headers: z.object({ "idempotency-key": z.string().min(1).max(200).optional() }).loose(),
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const channel = caller.scopes ? "api" : (CHANNEL_BY_ROLE[caller.role] ?? "desk");
      const key = request.headers["idempotency-key"];
      const result = await createOrder(
        db,
        request.body,
        caller,
        channel,
        key ? `${caller.userId}:${key}` : undefined,
      );
      reply.status(result.replayed ? 200 : 201);
      return {
        order: await getOrderDetail(db, result.orderId, accountScope(caller)),
        replayed: result.replayed,
      };
    },
  );
}
