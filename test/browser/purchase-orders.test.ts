// Browser: the warehouse records a purchase order for an item an order is waiting for, receives it,
// and sees the backorder filled (the order released from hold) on the page; the order's detail then
// shows nothing backordered. The order desk places that order through the API first. Screenshots go
// to artifacts/screenshots/inbound-*.png.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from "vitest";
import {
  apiGet,
  buildWebIfNeeded,
  launchBrowser,
  openPage,
  PASSWORD,
  prepareDemoData,
  type RunningServer,
  SCREENSHOTS,
  screenshot,
  signIn,
  startServer,
} from "./harness";

const WAREHOUSE = "warehouse@demo.wholesail.dev";
const DESK = "desk@demo.wholesail.dev";
const VIEWPORT = { width: 1440, height: 900 };
const PO_NUMBER = "PO-INBOUND-7001";

interface Scenario {
  accountId: number;
  /** Sold by the each, a little free stock, no order waiting for it yet. */
  sku: string;
  name: string;
  available: number;
  warehouseCode: string;
  warehouseName: string;
}
interface PlacedOrder {
  order: {
    id: number | string;
    number: string;
    status: string;
    lines: { sku: string; backorderedQuantity: number }[];
  };
}

let server: RunningServer;
let browser: Browser;
let scenario: Scenario;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

/** Signs in with plain fetch; POSTs carry the session cookie and its CSRF token. */
async function session(baseUrl: string, email: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return async <T>(path: string, body: unknown, expected = 201): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    expect(response.status, `${path}: ${text}`).toBe(expected);
    return JSON.parse(text) as T;
  };
}

beforeAll(async () => {
  buildWebIfNeeded();
  // What the HTTP API cannot set up: an account that ships complete (its backorder holds the order)
  // with room on its credit, and an each item with a little stock that no order waits for yet.
  const { dataDir, result } = await prepareDemoData(async (db): Promise<Scenario> => {
    const q = (text: string, values: unknown[] = []) => db.pool.query(text, values);
    const account = (
      await q(`update accounts set ship_policy = 'complete', credit_limit = 100000000, overdue_grace_days = 100000
                where id = (select id from accounts order by credit_limit desc, id limit 1) returning id`)
    ).rows[0];
    const item = (
      await q(
        `select i.id, i.sku, i.name, sum(s.on_hand - s.allocated)::int as available
           from items i join stock_levels s on s.item_id = i.id
          where i.active and i.order_multiple = 1 and i.min_order_qty <= 1 and i.case_factor = 1
            and i.list_price between 2 and 60
            and not exists (select 1 from order_lines l join orders o on o.id = l.order_id
                             where l.item_id = i.id and l.backordered_quantity > 0
                               and o.status in ('confirmed', 'on_hold'))
          group by i.id having sum(s.on_hand - s.allocated) between 1 and 40
          order by i.id limit 1`,
      )
    ).rows[0];
    const warehouse = (await q("select code, name from warehouses order by id limit 1")).rows[0];
    return {
      accountId: Number(account.id),
      sku: item.sku,
      name: item.name,
      available: item.available,
      warehouseCode: warehouse.code,
      warehouseName: warehouse.name,
    };
  });
  scenario = result;
  server = await startServer(undefined, { dataDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop();
});

/**
 * A modal as the user sees it: the viewport only. The whole-page capture (screenshot()) grows the
 * viewport to the long list behind the modal, leaving the dialog a small strip at the top.
 */
async function viewportScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

async function newPage(email: string): Promise<Page> {
  const page = await openPage(browser, contexts, pageErrors, VIEWPORT);
  await signIn(page, server.url, email);
  await page.waitForURL(/\/desk\/orders$/);
  return page;
}

describe("inbound", () => {
  test("warehouse: record a purchase order, receive it, the waiting backorder is filled", async () => {
    const { sku, available, warehouseCode, warehouseName } = scenario;
    // The order desk orders more than is in stock: the rest is backordered and holds the order.
    const desk = await session(server.url, DESK);
    const placed = await desk<PlacedOrder>("/api/orders", {
      accountId: scenario.accountId,
      poNumber: "INBOUND-TEST",
      lines: [{ sku, quantity: available + 6 }],
    });
    const backordered = placed.order.lines[0].backorderedQuantity;
    expect(backordered).toBeGreaterThan(0);
    expect(placed.order.status).toBe("on_hold");
    const orderNumber = placed.order.number;

    const page = await newPage(WAREHOUSE);
    onTestFailed(async () => {
      await screenshot(page, "inbound-failed").catch(() => {});
      console.log(`server output (tail):\n${server.output().slice(-3000)}`);
    });

    // The list: every staff role has Inbound in the navbar.
    await page.getByRole("link", { name: "Inbound", exact: true }).click();
    await page.waitForURL(/\/desk\/inbound$/);
    await page.getByTestId("purchase-orders-table").or(page.getByTestId("purchase-orders-empty")).waitFor();

    // Record the purchase order: a line with an unknown SKU is refused at that line.
    await page.getByTestId("new-purchase-order").click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("po-number");
    await page.keyboard.type(PO_NUMBER);
    await page.getByTestId("po-supplier").fill("Browser Test Supply Co.");
    // The receiving warehouse is picked from the API's list ("CODE — Name").
    const warehouseLabel = `${warehouseCode} — ${warehouseName}`;
    await page.getByTestId("po-warehouse").click();
    await page.getByRole("option", { name: warehouseLabel, exact: true }).click();
    await expect.poll(() => page.getByTestId("po-warehouse").inputValue()).toBe(warehouseLabel);
    const skus = page.getByTestId("po-line-sku");
    const quantities = page.getByTestId("po-line-quantity");
    await skus.nth(0).fill(sku);
    await page.getByTestId("po-line-item").first().filter({ hasText: scenario.name }).waitFor();
    await quantities.nth(0).click();
    await quantities.nth(0).fill(String(backordered + 10));
    await quantities.nth(0).press("Enter"); // the next line
    await expect.poll(() => skus.count()).toBe(2);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("po-line-sku");
    await page.keyboard.type("NO-SUCH-SKU-404");
    await quantities.nth(1).click();
    await quantities.nth(1).fill("3");
    await page.getByTestId("po-create").click();
    await page.getByText("Unknown SKU", { exact: true }).waitFor();
    await viewportScreenshot(page, "inbound-01-new-po-unknown-sku");
    await page.getByRole("button", { name: "Remove line 2" }).click();
    await expect.poll(() => skus.count()).toBe(1);
    await page.getByTestId("po-create").click();

    // The new purchase order's page: one open line, its quantity to receive defaulting to all of it.
    await page.waitForURL(/\/desk\/inbound\/\d+$/);
    await expect.poll(() => page.getByTestId("po-title").textContent()).toBe(`Purchase order ${PO_NUMBER}`);
    expect(await page.getByTestId("po-status").getAttribute("data-status")).toBe("open");
    const line = page.locator(`[data-testid="po-line-row"][data-sku="${sku}"]`);
    expect(await line.getAttribute("data-open")).toBe(String(backordered + 10));
    expect(await page.getByTestId("receive-quantity").inputValue()).toBe(String(backordered + 10));
    const poUrl = page.url();
    await screenshot(page, "inbound-03-detail-before-receiving");

    // It is in the list of open purchase orders (here narrowed to its warehouse, then searched for);
    // Enter on its row opens it.
    await page.getByRole("link", { name: "Purchase orders" }).click();
    await page.waitForURL(/\/desk\/inbound$/);
    const row = page.locator(`[data-testid="po-row"][data-po-number="${PO_NUMBER}"]`);
    await row.waitFor();
    await page.getByTestId("po-warehouse-filter").click();
    await page.getByRole("option", { name: warehouseCode, exact: true }).click();
    await page.waitForURL(new RegExp(`warehouse=${warehouseCode}`));
    const codes = await page
      .getByTestId("po-row")
      .evaluateAll((els) => els.map((el) => el.querySelectorAll("td")[2].textContent));
    expect(new Set(codes)).toEqual(new Set([warehouseCode]));
    expect(await row.getByTestId("po-received").textContent()).toBe(`0 / ${backordered + 10}`);
    await screenshot(page, "inbound-02-list");
    await page.getByTestId("po-search").fill("browser test supply");
    await expect.poll(() => page.getByTestId("po-row").count()).toBe(1);
    await row.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(poUrl);

    // Receive everything: the waiting order gets its stock and is released.
    await page.getByTestId("receive-submit").click();
    const result = page.getByTestId("receipt-result");
    await result.waitFor();
    const filled = result.locator(`[data-testid="filled-order"][data-order-number="${orderNumber}"]`);
    await filled.waitFor();
    expect(await filled.getByTestId("filled-order-link").textContent()).toBe(orderNumber);
    expect(await filled.getByTestId("still-backordered").textContent()).toBe("0 · filled");
    expect(await filled.locator("[data-status]").getAttribute("data-status")).toBe("confirmed");
    expect(await result.getByTestId("receipt-received").textContent()).toContain(
      `${sku} × ${backordered + 10}`,
    );
    await expect.poll(() => page.getByTestId("po-status").getAttribute("data-status")).toBe("closed");
    expect(await page.getByTestId("receive-submit").count()).toBe(0);
    await screenshot(page, "inbound-04-received");

    // The order: nothing backordered any more, and confirmed.
    await filled.getByTestId("filled-order-link").click();
    await page.waitForURL(new RegExp(`/desk/orders/${placed.order.id}$`));
    await page.getByTestId("order-lines").waitFor();
    await expect.poll(() => page.getByTestId("order-number").textContent()).toContain(orderNumber);
    expect(await page.getByTestId("line-backorder").count()).toBe(0);
    const { order } = await apiGet<{ order: { status: string; lines: { backorderedQuantity: number }[] } }>(
      page,
      `/api/orders/${placed.order.id}`,
    );
    expect(order.lines[0].backorderedQuantity).toBe(0);
    expect(order.status).toBe("confirmed");
    await screenshot(page, "inbound-05-order-filled");

    // The order desk reads purchase orders but neither records nor receives them.
    const deskPage = await newPage(DESK);
    await deskPage.goto(poUrl);
    await expect
      .poll(() => deskPage.getByTestId("po-title").textContent())
      .toBe(`Purchase order ${PO_NUMBER}`);
    expect(await deskPage.getByTestId("receive-form").count()).toBe(0);
    await deskPage.goto(`${server.url}/desk/inbound?status=all`);
    await deskPage.locator(`[data-testid="po-row"][data-po-number="${PO_NUMBER}"]`).waitFor();
    expect(await deskPage.getByTestId("new-purchase-order").count()).toBe(0);

    expect(pageErrors).toEqual([]);
  });
});
