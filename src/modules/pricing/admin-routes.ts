// Staff CRUD for price lists (+ entries), contracts, tiers, promotions, account policies, families.
// Reads: every staff role (scope pricing:read); writes: admin, sales_manager, finance (pricing:write).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import type { Db } from "../../app/db.ts";
import { PRICING_READERS as read, PRICING_WRITERS as write } from "./access.ts";
import {
  AccountParams,
  ContractBody,
  DeleteEntriesBody,
  EntriesBody,
  EntriesQuery,
  FamilyBody,
  IdParams,
  PolicyBody,
  PriceListBody,
  PriceListQuery,
  PromotionBody,
  TierBody,
} from "./api-schemas.ts";
import * as deals from "./deals.ts";
import * as lists from "./price-lists.ts";

export async function adminRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["pricing admin"];

  // ---- price lists
  r.get(
    "/api/pricing/price-lists",
    { config: { access: read }, schema: { tags, querystring: PriceListQuery } },
    async (q) => ({
      priceLists: await lists.listPriceLists(db, q.query),
    }),
  );
  r.post(
    "/api/pricing/price-lists",
    { config: { access: write }, schema: { tags, body: PriceListBody } },
    async (q, reply) => {
      reply.status(201);
      return { priceList: await lists.createPriceList(db, q.body) };
    },
  );
  r.get(
    "/api/pricing/price-lists/:id",
    { config: { access: read }, schema: { tags, params: IdParams } },
    async (q) => ({
      priceList: await lists.getPriceList(db.pool, q.params.id),
    }),
  );
  r.put(
    "/api/pricing/price-lists/:id",
    { config: { access: write }, schema: { tags, params: IdParams, body: PriceListBody } },
    async (q) => ({ priceList: await lists.updatePriceList(db, q.params.id, q.body) }),
  );
  r.delete(
    "/api/pricing/price-lists/:id",
    { config: { access: write }, schema: { tags, params: IdParams } },
    async (q) => {
      await lists.deletePriceList(db, q.params.id);
      return { deleted: true };
    },
  );
  r.get(
    "/api/pricing/price-lists/:id/entries",
    { config: { access: read }, schema: { tags, params: IdParams, querystring: EntriesQuery } },
    async (q) => lists.listEntries(db, q.params.id, q.query),
  );
  r.put(
    "/api/pricing/price-lists/:id/entries",
    { config: { access: write }, schema: { tags, params: IdParams, body: EntriesBody } },
    async (q) => lists.putEntries(db, q.params.id, q.body.entries),
  );
  r.post(
    "/api/pricing/price-lists/:id/entries/delete",
    { config: { access: write }, schema: { tags, params: IdParams, body: DeleteEntriesBody } },
    async (q) => lists.deleteEntries(db, q.params.id, q.body.skus),
  );

  // ---- contracts, tiers, promotions: list, get, create, replace, delete
  const crud = <B extends z.ZodType>(
    path: string,
    key: string,
    body: B,
    ops: {
      list: () => Promise<unknown[]>;
      get: (id: number) => Promise<unknown>;
      save: (id: number | null, input: z.infer<B>) => Promise<unknown>;
      table: "contracts" | "tier_rules" | "promotions";
    },
  ) => {
    r.get(`/api/pricing/${path}`, { config: { access: read }, schema: { tags } }, async () => ({
      [`${key}s`]: await ops.list(),
    }));
    r.post(
      `/api/pricing/${path}`,
      { config: { access: write }, schema: { tags, body } },
      async (q, reply) => {
        reply.status(201);
        return { [key]: await ops.save(null, q.body as z.infer<B>) };
      },
    );
    r.get(
      `/api/pricing/${path}/:id`,
      { config: { access: read }, schema: { tags, params: IdParams } },
      async (q) => ({
        [key]: await ops.get(q.params.id),
      }),
    );
    r.put(
      `/api/pricing/${path}/:id`,
      { config: { access: write }, schema: { tags, params: IdParams, body } },
      async (q) => ({
        [key]: await ops.save(q.params.id, q.body as z.infer<B>),
      }),
    );
    r.delete(
      `/api/pricing/${path}/:id`,
      { config: { access: write }, schema: { tags, params: IdParams } },
      async (q) => {
        await deals.deleteRow(db, ops.table, q.params.id);
        return { deleted: true };
      },
    );
  };
  crud("contracts", "contract", ContractBody, {
    list: () => deals.listContracts(db, {}),
    get: (id) => deals.getContract(db.pool, id),
    save: (id, input) => deals.saveContract(db, id, input),
    table: "contracts",
  });
  crud("tiers", "tier", TierBody, {
    list: () => deals.listTiers(db),
    get: (id) => deals.getTier(db.pool, id),
    save: (id, input) => deals.saveTier(db, id, input),
    table: "tier_rules",
  });
  crud("promotions", "promotion", PromotionBody, {
    list: () => deals.listPromotions(db),
    get: (id) => deals.getPromotion(db.pool, id),
    save: (id, input) => deals.savePromotion(db, id, input),
    table: "promotions",
  });

  // ---- account policies and item families
  r.get(
    "/api/pricing/policies/:accountId",
    { config: { access: read }, schema: { tags, params: AccountParams } },
    async (q) => ({
      policy: await deals.getPolicy(db, q.params.accountId),
    }),
  );
  r.put(
    "/api/pricing/policies/:accountId",
    { config: { access: write }, schema: { tags, params: AccountParams, body: PolicyBody } },
    async (q) => ({ policy: await deals.putPolicy(db, q.params.accountId, q.body) }),
  );
  r.get("/api/pricing/families", { config: { access: read }, schema: { tags } }, async () => ({
    families: await deals.listFamilies(db),
  }));
  // What rule forms offer to pick from: account groups, categories and item families by name.
  r.get("/api/pricing/reference", { config: { access: read }, schema: { tags } }, async () => {
    const [groups, categories, families] = await Promise.all([
      db.pool.query("select id, code, name from account_groups order by name"),
      db.pool.query("select id, code, name from categories order by name"),
      db.pool.query("select id, code, name from item_families order by name"),
    ]);
    return { groups: groups.rows, categories: categories.rows, families: families.rows };
  });
  r.put(
    "/api/pricing/families",
    { config: { access: write }, schema: { tags, body: FamilyBody } },
    async (q) => ({
      family: await deals.saveFamily(db, q.body),
    }),
  );
}
