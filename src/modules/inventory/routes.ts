// Inventory read routes for staff: the warehouses, and available-to-promise per item and warehouse.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { STAFF } from "../../app/access.ts";
import type { Db } from "../../app/db.ts";
import { backorderDemand } from "../orders/intake/backorders.ts";
import { availableToPromise } from "./atp.ts";

const AtpQuery = z.object({
  skus: z
    .string()
    .trim()
    .min(1)
    .transform((s) => [
      ...new Set(
        s
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.string().max(64)).min(1).max(200)),
  date: z.iso.date().optional(),
});

export async function inventoryRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The warehouses stock is held in and purchase orders are received at (pickers, filters).
  r.get(
    "/api/warehouses",
    {
      config: { access: { roles: STAFF, scope: "catalog:read" } },
      schema: { tags: ["inventory"] },
    },
    async () => {
      const { rows } = await db.pool.query(
        "select id, code, name, city, region from warehouses order by code",
      );
      return { warehouses: rows };
    },
  );
  r.get(
    "/api/inventory/atp",
    {
      config: { access: { roles: STAFF, scope: "catalog:read" } },
      schema: { tags: ["inventory"], querystring: AtpQuery },
    },
    async (request) => {
      const today = request.query.date ?? new Date().toISOString().slice(0, 10);
      const { rows } = await db.pool.query("select id, sku from items where sku = any($1::text[])", [
        request.query.skus,
      ]);
      const ids = request.query.skus.flatMap((sku) => rows.find((r) => r.sku === sku)?.id ?? []);
      const [atp, backordered] = [
        await availableToPromise(db.pool, ids, today),
        await backorderDemand(db.pool, ids),
      ];
      return {
        date: today,
        items: atp.map((item) => ({
          ...item,
          available: item.warehouses.reduce((s, w) => s + w.available, 0),
          inbound: item.warehouses.reduce((s, w) => s + w.inbound.reduce((t, x) => t + x.quantity, 0), 0),
          // Open orders' lines waiting for this item: inbound serves them first.
          backordered: backordered.get(item.itemId) ?? 0,
        })),
        unknownSkus: request.query.skus.filter((sku) => !rows.some((r) => r.sku === sku)),
      };
    },
  );
}
