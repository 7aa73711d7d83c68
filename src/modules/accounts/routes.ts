import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { accountScope, callerOf, STAFF } from "../../app/access.ts";
import type { Db } from "../../app/db.ts";
import { notFound } from "../../lib/errors.ts";

const Paging = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});

export async function accountRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/accounts",
    {
      config: { access: { roles: STAFF, scope: "accounts:read" } },
      schema: { tags: ["accounts"], querystring: Paging },
    },
    async (request) => {
      const { q, page, pageSize } = request.query;
      const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const result = await db.pool.query(
        `select a.id, a.number, a.name, g.name as "groupName", a.payment_terms as "paymentTerms",
                a.credit_limit as "creditLimit", r.name as "repName", count(*) over ()::int as "totalCount"
           from accounts a join account_groups g on g.id = a.group_id left join reps r on r.id = a.rep_id
          where $1::text is null or a.name ilike $1 or a.number ilike $1
          order by a.name limit $2 offset $3`,
        [pattern, pageSize, (page - 1) * pageSize],
      );
      const total = result.rows[0]?.totalCount ?? 0;
      return { accounts: result.rows.map(({ totalCount: _t, ...row }) => row), total, page, pageSize };
    },
  );

  r.get(
    "/api/accounts/:id",
    {
      config: { access: { roles: [...STAFF, "buyer"], scope: "accounts:read" } },
      schema: {
        tags: ["accounts"],
        params: z.object({
          id: z.coerce
            .number()
            .int()
            .positive()
            .max(2 ** 31),
        }),
      },
    },
    async (request) => {
      const scope = accountScope(callerOf(request));
      const id = request.params.id;
      if (scope !== null && scope !== id) throw notFound("Account", id);
      const account = await db.pool.query(
        `select a.id, a.number, a.name, g.name as "groupName", a.payment_terms as "paymentTerms",
                a.credit_limit as "creditLimit", a.currency, r.name as "repName"
           from accounts a join account_groups g on g.id = a.group_id left join reps r on r.id = a.rep_id
          where a.id = $1`,
        [id],
      );
      if (!account.rows[0]) throw notFound("Account", id);
      const shipTos = await db.pool.query(
        `select id, code, name, line1, city, region, postal_code as "postalCode"
           from ship_tos where account_id = $1 order by code`,
        [id],
      );
      return { account: { ...account.rows[0], shipTos: shipTos.rows } };
    },
  );
}
