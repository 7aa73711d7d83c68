// Pricing API on PGlite (default) or PostgreSQL (DATABASE_URL): quote, lookup, rules CRUD, access,
// imports (preview → commit/cancel), export, and orders priced by the engine.
import { beforeEach, describe, expect, it } from "vitest";
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

async function quoteOf(session: Session, accountId: number, lines: object[], extra: object = {}) {
  return call(session, "POST", "/api/pricing/quote", { accountId, lines, ...extra });
}

async function makeGroupList(prices: Record<string, string>) {
  const created = await call(admin, "POST", "/api/pricing/price-lists", {
    name: "Independents 2026",
    scope: { kind: "group", groupId },
    currency: "USD",
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().priceList.id as number;
  const entries = Object.entries(prices).map(([sku, unitPrice]) => ({ sku, unitPrice }));
  if (!entries.length) return id;
  const put = await call(admin, "PUT", `/api/pricing/price-lists/${id}/entries`, { entries });
  expect(put.statusCode, put.body).toBe(200);
  return id;
}

describe("quote", () => {
  it("prices at list with no rules, then by group list, contract and tier, with the waterfall", async () => {
    const plain = await quoteOf(desk, suite.fx.accountA, [{ sku: "SKU-1", quantity: 2 }]);
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.json()).toMatchObject({
      total: "25.00",
      lines: [{ unitPrice: "12.5000", extendedAmount: "25.00" }],
    });

    await makeGroupList({ "SKU-1": "11.0000", "SKU-2": "3.0000" });
    const contract = await call(admin, "POST", "/api/pricing/contracts", {
      name: "Acme 2026",
      scope: { kind: "account", accountId: suite.fx.accountA },
      currency: "USD",
      validFrom: "2020-01-01",
      validTo: "2099-12-31",
      lines: [{ target: { kind: "item", sku: "SKU-1" }, price: { kind: "percent_off_list", percent: "20" } }],
    });
    expect(contract.statusCode, contract.body).toBe(201);
    const tier = await call(admin, "POST", "/api/pricing/tiers", {
      name: "Soap volume",
      scope: { kind: "all" },
      target: { kind: "item", sku: "SKU-2" },
      basis: "line_quantity",
      breaks: [{ min: "24", adjustment: { kind: "percent_off", percent: "10" } }],
    });
    expect(tier.statusCode, tier.body).toBe(201);

    const q = await quoteOf(desk, suite.fx.accountA, [
      { sku: "SKU-1", quantity: 2 },
      { sku: "SKU-2", quantity: 24, lineRef: "soap" },
      { sku: "NOPE", quantity: 1 },
    ]);
    expect(q.statusCode, q.body).toBe(200);
    const [l1, l2, l3] = q.json().lines;
    expect(l1.unitPrice).toBe("10.0000");
    expect(l1.waterfall.map((s: any) => s.kind)).toEqual(["list", "group_price_list", "contract"]);
    expect(l2).toMatchObject({ lineRef: "soap", unitPrice: "2.7000", extendedAmount: "64.80" });
    expect(l2.waterfall.map((s: any) => s.kind)).toEqual(["list", "group_price_list", "tier"]);
    expect(l3.violations[0].code).toBe("UNKNOWN_ITEM");
    expect(q.json().complete).toBe(false);

    // Account B (same group, no contract) gets the group list only.
    const b = await quoteOf(desk, suite.fx.accountB, [{ sku: "SKU-1", quantity: 2 }]);
    expect(b.json().lines[0].unitPrice).toBe("11.0000");

    const lookup = await call(
      desk,
      "GET",
      `/api/pricing/lookup?accountId=${suite.fx.accountA}&sku=SKU-1&quantity=1&uom=EA`,
    );
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json()).toMatchObject({
      item: { sku: "SKU-1" },
      line: { unitPrice: "10.0000", lastPaid: null },
    });
  });

  it("shows a rule change on the very next quote (no stale cache)", async () => {
    const list = await makeGroupList({ "SKU-1": "11.0000" });
    expect(
      (await quoteOf(desk, suite.fx.accountA, [{ sku: "SKU-1", quantity: 1 }])).json().lines[0].unitPrice,
    ).toBe("11.0000");
    await call(admin, "PUT", `/api/pricing/price-lists/${list}/entries`, {
      entries: [{ sku: "SKU-1", unitPrice: "9.1234" }],
    });
    expect(
      (await quoteOf(desk, suite.fx.accountA, [{ sku: "SKU-1", quantity: 1 }])).json().lines[0].unitPrice,
    ).toBe("9.1234");
    await call(admin, "DELETE", `/api/pricing/price-lists/${list}`);
    expect(
      (await quoteOf(desk, suite.fx.accountA, [{ sku: "SKU-1", quantity: 1 }])).json().lines[0].unitPrice,
    ).toBe("12.5000");
  });

  it("rejects a malformed rule at save time", async () => {
    const bad = await call(admin, "POST", "/api/pricing/tiers", {
      name: "Bad",
      scope: { kind: "all" },
      target: { kind: "all" },
      basis: "order_value",
      breaks: [{ min: "100", adjustment: { kind: "percent_off", percent: "5" } }],
    });
    expect(bad.statusCode, bad.body).toBe(422); // order_value needs a currency
    expect(bad.json().error.code).toBe("PRICING_INVALID");
  });
});

describe("access", () => {
  it("lets a buyer quote only for their own account and refuses pricing admin", async () => {
    const buyer = await signIn(suite.app, "buyer@a.test");
    const own = await quoteOf(buyer, suite.fx.accountA, [{ sku: "SKU-1", quantity: 1 }]);
    expect(own.statusCode, own.body).toBe(200);
    const other = await quoteOf(buyer, suite.fx.accountB, [{ sku: "SKU-1", quantity: 1 }]);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe("UNKNOWN_ACCOUNT");
    expect(other.body).not.toContain("Blue Hardware");
    const lookup = await call(buyer, "GET", `/api/pricing/lookup?accountId=${suite.fx.accountB}&sku=SKU-1`);
    expect(lookup.statusCode).toBe(422);
    expect((await call(buyer, "GET", "/api/pricing/price-lists")).statusCode).toBe(403);
    expect((await call(buyer, "POST", "/api/pricing/price-lists", {})).statusCode).toBe(403);
    // Staff who do not own prices can read but not write.
    expect((await call(desk, "GET", "/api/pricing/price-lists")).statusCode).toBe(200);
    expect((await call(desk, "POST", "/api/pricing/price-lists", {})).statusCode).toBe(403);
  });
});

describe("orders priced by the engine", () => {
  it("prices an order by the account's contract and stores the waterfall", async () => {
    await call(admin, "POST", "/api/pricing/contracts", {
      name: "Acme net",
      scope: { kind: "account", accountId: suite.fx.accountA },
      currency: "USD",
      exclusive: true,
      lines: [{ target: { kind: "item", sku: "SKU-3" }, price: { kind: "fixed", price: "50.0000" } }],
    });
    const order = await call(desk, "POST", "/api/orders", {
      accountId: suite.fx.accountA,
      lines: [{ sku: "SKU-3", quantity: 2 }],
    });
    expect(order.statusCode, order.body).toBe(201);
    const line = order.json().order.lines[0];
    expect(line).toMatchObject({ unitPrice: "50.0000", extendedAmount: "100.00" });
    expect(line.priceExplanation.waterfall.map((s: any) => s.kind)).toEqual(["list", "contract"]);
    // The next quote shows it as the last price paid.
    const q = await quoteOf(desk, suite.fx.accountA, [{ sku: "SKU-3", quantity: 1 }]);
    expect(q.json().lines[0].lastPaid).toMatchObject({ unitPrice: "50.0000", orderRef: "SO-100001" });
  });

  it("refuses an order that breaks the case multiple under the reject policy, rounds up under round_up", async () => {
    await suite.db.pool.query("update items set order_multiple = 12 where sku = 'SKU-2'");
    const place = () =>
      call(desk, "POST", "/api/orders", {
        accountId: suite.fx.accountA,
        lines: [{ sku: "SKU-2", quantity: 5 }],
      });
    const refused = await place();
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: "PRICING_VIOLATION",
      data: { violations: [{ code: "CASE_MULTIPLE" }] },
    });
    expect((await suite.db.pool.query("select count(*)::int as n from orders")).rows[0].n).toBe(0);

    const policy = await call(admin, "PUT", `/api/pricing/policies/${suite.fx.accountA}`, {
      caseRounding: "round_up",
    });
    expect(policy.statusCode, policy.body).toBe(200);
    const rounded = await place();
    expect(rounded.statusCode, rounded.body).toBe(201);
    expect(rounded.json().order.lines[0]).toMatchObject({ quantity: 12, extendedAmount: "40.00" });
  });
});

describe("imports and export", () => {
  const upload = (session: Session, query: string, body: string | Buffer, type = "text/csv") =>
    suite.app.inject({
      method: "POST",
      url: `/api/pricing/imports?${query}`,
      headers: { ...session.headers, "content-type": type },
      payload: body,
    });

  it("reports bad rows with row and column, keeps good rows only on commit; cancel keeps nothing", async () => {
    const list = await makeGroupList({});
    const csv = [
      "SKU,Unit Price,UOM",
      "SKU-1,10.5,",
      "SKU-404,1.00,",
      "SKU-2,abc,",
      "SKU-1,9.00,",
      "SKU-3,24.00,CS",
      "SKU-4,25.00,CS",
    ].join("\n");
    await suite.db.pool.query(
      "insert into item_units (item_id, code, factor) select id, 'CS', 12 from items where sku in ('SKU-3','SKU-4')",
    );
    const created = await upload(
      admin,
      `kind=price_list_entries&priceListId=${list}&filename=prices.csv`,
      csv,
    );
    expect(created.statusCode, created.body).toBe(201);
    const imp = created.json().import;
    expect(imp).toMatchObject({ status: "pending", totalRows: 6, goodRows: 2, errorRows: 4 });
    expect(imp.errors).toEqual([
      { row: 3, column: "sku", message: "unknown SKU SKU-404" },
      { row: 4, column: "unit_price", message: expect.stringContaining("not a price") },
      { row: 5, column: "sku", message: "SKU-1 already appears in row 2" },
      { row: 7, column: "uom", message: expect.stringContaining("more than 4 decimals") },
    ]);
    expect(imp.preview.map((r: any) => [r.sku, r.unitPrice])).toEqual([
      ["SKU-1", "10.5000"],
      ["SKU-3", "2.0000"],
    ]);
    const entries = async () =>
      (await call(desk, "GET", `/api/pricing/price-lists/${list}/entries`)).json().entries;
    expect(await entries()).toEqual([]);

    const committed = await call(admin, "POST", `/api/pricing/imports/${imp.id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json().import.status).toBe("committed");
    expect((await entries()).map((e: any) => [e.sku, e.unitPrice, e.uom, e.enteredPrice])).toEqual([
      ["SKU-1", "10.5000", null, null],
      ["SKU-3", "2.0000", "CS", "24.0000"],
    ]);
    expect((await call(admin, "POST", `/api/pricing/imports/${imp.id}/commit`)).statusCode).toBe(409);

    const second = (
      await upload(
        admin,
        `kind=price_list_entries&priceListId=${list}&filename=p2.csv`,
        "sku,price\nSKU-2,1.11\n",
      )
    ).json().import;
    const cancelled = await call(admin, "POST", `/api/pricing/imports/${second.id}/cancel`);
    expect(cancelled.json().import.status).toBe("cancelled");
    expect((await call(admin, "POST", `/api/pricing/imports/${second.id}/commit`)).statusCode).toBe(409);
    expect((await entries()).map((e: any) => e.sku)).toEqual(["SKU-1", "SKU-3"]);

    const csvOut = await call(desk, "GET", `/api/pricing/price-lists/${list}/export?format=csv`);
    expect(csvOut.headers["content-type"]).toContain("text/csv");
    expect(csvOut.body.split("\r\n").slice(0, 3)).toEqual([
      "sku,name,unit_price,uom,base_unit",
      "SKU-1,Paper towels,10.5000,,EA",
      "SKU-3,Trash bags,24.0000,CS,EA",
    ]);
    const xlsx = await call(desk, "GET", `/api/pricing/price-lists/${list}/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    // The exported workbook imports back cleanly.
    const back = await upload(
      admin,
      `kind=price_list_entries&priceListId=${list}&filename=back.xlsx`,
      xlsx.rawPayload,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(back.json().import).toMatchObject({ goodRows: 2, errors: [] });
  });

  it("imports contracts with date errors per row and refuses buyers", async () => {
    const csv = [
      "contract,account,group,currency,valid_from,valid_to,exclusive,sku,category,kind,price,percent",
      "Acme deal,C-A001,,USD,2026-01-01,2026-12-31,no,SKU-1,,fixed,9.5,",
      "Acme deal,C-A001,,USD,2026-01-01,2026-12-31,no,,GEN,percent_off_list,,5",
      "Bad dates,C-A001,,USD,2026-02-30,2026-12-31,no,SKU-2,,fixed,1,",
      "Group deal,,IND,USD,,,yes,SKU-2,,cost_plus,,10",
    ].join("\n");
    const buyer = await signIn(suite.app, "buyer@a.test");
    expect((await upload(buyer, "kind=contracts&filename=c.csv", csv)).statusCode).toBe(403);
    const imp = (await upload(admin, "kind=contracts&filename=c.csv", csv)).json().import;
    expect(imp).toMatchObject({ goodRows: 3, errors: [{ row: 4, column: "valid_from" }] });
    await call(admin, "POST", `/api/pricing/imports/${imp.id}/commit`);
    const contracts = (await call(desk, "GET", "/api/pricing/contracts")).json().contracts;
    expect(contracts.map((c: any) => [c.name, c.lines.length, c.exclusive])).toEqual([
      ["Acme deal", 2, false],
      ["Group deal", 1, true],
    ]);
  });
});
