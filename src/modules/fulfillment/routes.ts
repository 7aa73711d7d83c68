// Shipping an order (warehouse staff, the order desk, admins; API keys with shipments:write).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { callerOf } from "../../app/access.ts";
import type { Db } from "../../app/db.ts";
import { DomainError } from "../../lib/errors.ts";
import { shipOrder } from "./ship.ts";

const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});

const ShipBody = z
  .object({
    warehouseCode: z.string().trim().min(1).max(32).optional(),
    carrier: z.string().trim().min(1).max(64).optional(),
    trackingNumber: z.string().trim().min(1).max(64).optional(),
    packages: z
      .array(
        z.object({
          lines: z
            .array(
              z.object({
                lineNo: z.number().int().positive(),
                quantity: z.number().int().positive().max(10_000_000),
              }),
            )
            .min(1)
            .max(500),
        }),
      )
      .min(1)
      .max(200)
      .optional(),
  })
  .strict();

export async function fulfillmentRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/orders/:id/shipments",
    {
      config: { access: { roles: ["admin", "warehouse", "order_desk"], scope: "shipments:write" } },
      schema: { tags: ["fulfillment"], params: IdParams, body: ShipBody },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { warehouseCode, ...rest } = request.body;
      let warehouseId: number | null = null;
      if (warehouseCode) {
        const found = await db.pool.query("select id from warehouses where code = $1", [warehouseCode]);
        if (!found.rows[0])
          throw new DomainError("VALIDATION_FAILED", `No warehouse ${warehouseCode}`, { warehouseCode });
        warehouseId = found.rows[0].id;
      }
      const outcome = await shipOrder(
        db,
        { orderId: request.params.id, warehouseId, ...rest },
        { userId: caller.userId, name: caller.name },
        new Date(),
      );
      return reply.code(201).send(outcome);
    },
  );
}
