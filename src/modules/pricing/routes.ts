// Pricing HTTP API: quote and price lookup (staff, and buyers for their own account), plus the admin
// routes for rules, imports and exports (admin-routes.ts, import-routes.ts).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { accountScope, callerOf, STAFF } from "../../app/access.ts";
import type { Db } from "../../app/db.ts";
import { adminRoutes } from "./admin-routes.ts";
import { LookupQuery, QuoteBody } from "./api-schemas.ts";
import { importRoutes } from "./import-routes.ts";
import { quote } from "./quote.ts";

export async function pricingRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const quoters = { roles: [...STAFF, "buyer"] as const, scope: "pricing:read" };

  r.post(
    "/api/pricing/quote",
    { config: { access: quoters }, schema: { tags: ["pricing"], body: QuoteBody } },
    async (request) => (await quote(db.pool, request.body, accountScope(callerOf(request)))).quote,
  );

  r.get(
    "/api/pricing/lookup",
    { config: { access: quoters }, schema: { tags: ["pricing"], querystring: LookupQuery } },
    async (request) => {
      const { sku, quantity, uom, ...rest } = request.query;
      const result = await quote(
        db.pool,
        { ...rest, lines: [{ sku, quantity, uom }] },
        accountScope(callerOf(request)),
      );
      const { lines, ...order } = result.quote;
      const item = result.loaded.itemsBySku.get(sku);
      return {
        ...order,
        item: item
          ? {
              id: item.id,
              sku: item.sku,
              name: item.name,
              baseUnit: item.baseUnit,
              listPrice: item.listPrice,
              units: item.units,
            }
          : null,
        line: lines[0],
      };
    },
  );

  await adminRoutes(app, db);
  await app.register(async (scoped) => importRoutes(scoped, db));
}
