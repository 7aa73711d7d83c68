// The in-process pricing rule cache (src/modules/pricing/rule-cache.ts) on PGlite (default) or
// PostgreSQL (DATABASE_URL): a warm quote is one round trip, and every rule change — through the API
// or straight in SQL (pricing_version triggers) — shows on the very next quote.
import { beforeEach, describe, expect, it } from "vitest";
import { withTransaction } from "../../src/app/db.ts";
import { quote } from "../../src/modules/pricing/quote.ts";
import { pricingCacheStats } from "../../src/modules/pricing/rule-cache.ts";
import { apiSuite } from "../support/app.ts";
import { type Session, signIn } from "../support/http.ts";

const suite = apiSuite();
let admin: Session;
let desk: Session;
let groupId: number;

beforeEach(async () => {
  admin = await signIn(suite.app, "admin@staff.test");
  desk = await signIn(suite.app, "order_desk@staff.test");
  groupId = (await suite.db.pool.query("select group_id from accounts where id = $1", [suite.fx.accountA]))
    .rows[0].group_id;
});

const call = (session: Session, method: string, url: string, payload?: unknown) =>
  suite.app.inject({ method: method as any, url, headers: session.headers, payload: payload as any });

const LINES = [
  { sku: "SKU-1", quantity: 2 },
  { sku: "SKU-2", quantity: 1 },
];

/** Quotes twice: the first must be fresh, the second must be a one-round-trip cache hit. */
async function quoteTwice() {
  const first = await call(desk, "POST", "/api/pricing/quote", {
    accountId: suite.fx.accountA,
    lines: LINES,
  });
  expect(first.statusCode, first.body).toBe(200);
  const before = pricingCacheStats(suite.db.pool);
  const second = await call(desk, "POST", "/api/pricing/quote", {
    accountId: suite.fx.accountA,
    lines: LINES,
  });
  const after = pricingCacheStats(suite.db.pool);
  expect(after.hits - before.hits).toBe(1);
  expect(after.roundTrips - before.roundTrips).toBe(1);
  expect(second.json()).toEqual(first.json());
  return first.json();
}
const priceOf = (q: any) => q.lines[0].unitPrice as string;

describe("pricing rule cache", () => {
  it("shows every rule change made through the API on the very next quote", async () => {
    expect(priceOf(await quoteTwice())).toBe("12.5000");

    const list = await call(admin, "POST", "/api/pricing/price-lists", {
      name: "Independents",
      scope: { kind: "group", groupId },
      currency: "USD",
    });
    expect(list.statusCode, list.body).toBe(201);
    const listId = list.json().priceList.id;
    const put = (unitPrice: string) =>
      call(admin, "PUT", `/api/pricing/price-lists/${listId}/entries`, {
        entries: [{ sku: "SKU-1", unitPrice }],
      });
    expect((await put("10.0000")).statusCode).toBe(200);
    expect(priceOf(await quoteTwice())).toBe("10.0000");
    expect((await put("9.0000")).statusCode).toBe(200);
    expect(priceOf(await quoteTwice())).toBe("9.0000");

    const contract = await call(admin, "POST", "/api/pricing/contracts", {
      name: "Acme",
      scope: { kind: "account", accountId: suite.fx.accountA },
      currency: "USD",
      lines: [{ target: { kind: "item", sku: "SKU-1" }, price: { kind: "fixed", price: "5.0000" } }],
    });
    expect(contract.statusCode, contract.body).toBe(201);
    expect(priceOf(await quoteTwice())).toBe("5.0000");

    const tier = await call(admin, "POST", "/api/pricing/tiers", {
      name: "Two or more",
      scope: { kind: "all" },
      target: { kind: "item", sku: "SKU-1" },
      basis: "line_quantity",
      breaks: [{ min: "2", adjustment: { kind: "percent_off", percent: "10" } }],
    });
    expect(tier.statusCode, tier.body).toBe(201);
    const tiered = priceOf(await quoteTwice());
    expect(tiered).not.toBe("5.0000");

    const promo = await call(admin, "POST", "/api/pricing/promotions", {
      name: "Spring",
      target: { kind: "item", sku: "SKU-1" },
      adjustment: { kind: "percent_off", percent: "10" },
    });
    expect(promo.statusCode, promo.body).toBe(201);
    const promoted = priceOf(await quoteTwice());
    expect(promoted).not.toBe(tiered);

    expect((await quoteTwice()).violations).toEqual([]);
    const policy = await call(admin, "PUT", `/api/pricing/policies/${suite.fx.accountA}`, {
      minOrderValue: { amount: "100000.00", currency: "USD" },
    });
    expect(policy.statusCode, policy.body).toBe(200);
    expect((await quoteTwice()).violations).not.toEqual([]);

    const contractId = contract.json().contract.id;
    expect((await call(admin, "DELETE", `/api/pricing/contracts/${contractId}`)).statusCode).toBeLessThan(
      300,
    );
    expect(priceOf(await quoteTwice())).not.toBe(promoted);
  });

  it("shows changes made straight in SQL (another connection) on the next quote", async () => {
    const list = (
      await suite.db.pool.query(
        "insert into price_lists (name, account_group_id, currency) values ('SQL list', $1, 'USD') returning id",
        [groupId],
      )
    ).rows[0].id;
    await suite.db.pool.query(
      "insert into price_list_entries (price_list_id, item_id, unit_price) select $1, id, '8.0000' from items where sku = 'SKU-1'",
      [list],
    );
    expect(priceOf(await quoteTwice())).toBe("8.0000");
    await suite.db.pool.query("update price_list_entries set unit_price = '7.5000'");
    expect(priceOf(await quoteTwice())).toBe("7.5000");
    // The account moves to another group: the group list no longer applies.
    await suite.db.pool.query(
      "with g as (insert into account_groups (code, name) values ('OTHER', 'Other') returning id) update accounts set group_id = (select id from g) where id = $1",
      [suite.fx.accountA],
    );
    expect(priceOf(await quoteTwice())).toBe("12.5000");
    await suite.db.pool.query("update items set list_price = '11.0000' where sku = 'SKU-1'");
    expect(priceOf(await quoteTwice())).toBe("11.0000");
    const stats = pricingCacheStats(suite.db.pool);
    expect(stats.invalidations).toBeGreaterThan(0);
  });

  it("loads only the missing items for a partly cached quote, and bypasses the cache in a transaction", async () => {
    await quoteTwice();
    const before = pricingCacheStats(suite.db.pool);
    const q = await call(desk, "POST", "/api/pricing/quote", {
      accountId: suite.fx.accountA,
      lines: [...LINES, { sku: "SKU-3", quantity: 1 }],
    });
    expect(q.statusCode, q.body).toBe(200);
    const after = pricingCacheStats(suite.db.pool);
    expect(after.partial - before.partial).toBe(1);
    expect(after.roundTrips - before.roundTrips).toBe(1);

    // Inside a transaction the quote sees the transaction's own uncommitted rule change.
    await withTransaction(suite.db, async (client) => {
      const list = (
        await client.query(
          "insert into price_lists (name, account_id, currency) values ('Tx list', $1, 'USD') returning id",
          [suite.fx.accountA],
        )
      ).rows[0].id;
      await client.query(
        "insert into price_list_entries (price_list_id, item_id, unit_price) select $1, id, '3.0000' from items where sku = 'SKU-1'",
        [list],
      );
      const inTx = await quote(client, { accountId: suite.fx.accountA, lines: LINES }, null);
      expect(inTx.quote.lines[0].unitPrice).toBe("3.0000");
      throw new Error("rollback");
    }).catch((e) => expect(String(e)).toContain("rollback"));
    expect(priceOf(await quoteTwice())).toBe("12.5000");
  });
});
