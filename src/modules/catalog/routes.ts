import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { STAFF } from "../../app/access.ts";
import type { Db } from "../../app/db.ts";

const ItemQuery = z.object({
  q: z.string().trim().max(100).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});

export async function catalogRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/items",
    {
      config: { access: { roles: [...STAFF, "buyer"], scope: "catalog:read" } },
      schema: { tags: ["catalog"], querystring: ItemQuery },
    },
    async (request) => {
      const { q, categoryId, page, pageSize } = request.query;
      const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      // Exact SKU/UPC matches sort first so typing a full code finds it at once.
      const result = await db.pool.query(
        `select i.id, i.sku, i.name, c.name as "categoryName", i.base_unit as "baseUnit", i.case_factor as "caseFactor",
                i.list_price as "listPrice",
                coalesce((select sum(on_hand - allocated) from stock_levels s where s.item_id = i.id), 0)::int as available,
                count(*) over ()::int as "totalCount"
           from items i join categories c on c.id = i.category_id
          where i.active and ($1::text is null or i.sku ilike $1 or i.name ilike $1 or i.upc = $4)
            and ($2::int is null or i.category_id = $2)
          order by (i.sku = $4 or i.upc = $4) desc, i.sku limit $3 offset $5`,
        [pattern, categoryId ?? null, pageSize, q ?? null, (page - 1) * pageSize],
      );
      const total = result.rows[0]?.totalCount ?? 0;
      return { items: result.rows.map(({ totalCount: _t, ...row }) => row), total, page, pageSize };
    },
  );
}
