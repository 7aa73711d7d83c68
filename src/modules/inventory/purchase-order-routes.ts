// Purchase orders (inbound supply) for staff: record them (their dates give backorders ETAs), list
// and read them, and receive them — which fills waiting backorders in the same transaction.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { callerOf, STAFF } from "../../app/access.ts";
import { type Db, withTransaction } from "../../app/db.ts";
import { fillBackorders, lockWaitingBackorders } from "../orders/fill-backorders.ts";
import {
  createPurchaseOrder,
  getPurchaseOrder,
  listPurchaseOrders,
  receivePurchaseOrder,
} from "./purchase-orders.ts";

const PURCHASING = ["admin", "warehouse"] as const;

const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});
const Sku = z.string().trim().min(1).max(64);
const Quantity = z.number().int().positive().max(10_000_000);

const NewPurchaseOrderBody = z.object({
  number: z.string().trim().min(1).max(50),
  supplier: z.string().trim().min(1).max(200),
  warehouseCode: z.string().trim().min(1).max(20),
  expectedDate: z.iso.date(),
  lines: z
    .array(z.object({ sku: Sku, quantity: Quantity, expectedDate: z.iso.date().optional() }))
    .min(1, "a purchase order needs at least one line")
    .max(1000),
});

const ReceiptBody = z.object({
  lines: z
    .array(z.object({ sku: Sku, quantity: Quantity }))
    .min(1)
    .max(1000),
});

const ListQuery = z.object({
  status: z.enum(["open", "closed", "cancelled"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export async function purchaseOrderRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/purchase-orders",
    {
      config: { access: { roles: STAFF, scope: "catalog:read" } },
      schema: { tags: ["inventory"], querystring: ListQuery },
    },
    async (request) => ({
      purchaseOrders: await listPurchaseOrders(db, request.query.status ?? null, request.query.limit),
    }),
  );

  r.get(
    "/api/purchase-orders/:id",
    {
      config: { access: { roles: STAFF, scope: "catalog:read" } },
      schema: { tags: ["inventory"], params: IdParams },
    },
    async (request) => ({ purchaseOrder: await getPurchaseOrder(db.pool, request.params.id) }),
  );

  r.post(
    "/api/purchase-orders",
    {
      config: { access: { roles: PURCHASING, scope: "inventory:write" } },
      schema: { tags: ["inventory"], body: NewPurchaseOrderBody },
    },
    async (request, reply) => {
      const id = await withTransaction(db, (client) => createPurchaseOrder(client, request.body));
      reply.status(201);
      return { purchaseOrder: await getPurchaseOrder(db.pool, id) };
    },
  );

  r.post(
    "/api/purchase-orders/:id/receipts",
    {
      config: { access: { roles: PURCHASING, scope: "inventory:write" } },
      schema: { tags: ["inventory"], params: IdParams, body: ReceiptBody },
    },
    async (request) => {
      const caller = callerOf(request);
      const actor = { userId: caller.userId, name: caller.name, role: caller.role };
      const now = new Date();
      const result = await withTransaction(db, async (client) => {
        // Orders first, then stock (as order changes lock them): no deadlock with a change.
        const waiting = await lockWaitingBackorders(
          client,
          request.body.lines.map((l) => l.sku),
        );
        const receipt = await receivePurchaseOrder(client, request.params.id, request.body.lines);
        const orders = await fillBackorders(client, waiting, receipt.warehouseId, receipt.number, actor, now);
        return { receipt, orders };
      });
      return {
        purchaseOrder: await getPurchaseOrder(db.pool, request.params.id),
        received: result.receipt.received,
        backordersFilled: result.orders,
      };
    },
  );
}
