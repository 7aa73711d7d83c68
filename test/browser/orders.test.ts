// Browser: the order desk creates an order and finds it in the list; a buyer sees only their
// company's orders and cannot open another company's. Screenshots go to artifacts/screenshots/.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  apiGet,
  buildWebIfNeeded,
  launchBrowser,
  openPage,
  PASSWORD,
  type RunningServer,
  screenshot,
  signIn,
  startServer,
} from "./harness";

type Id = number | string;
interface Item {
  sku: string;
  name: string;
  available: number;
}
interface OrderRow {
  id: Id;
  number: string;
  accountId: Id;
}

const DESK = "desk@demo.wholesail.dev";
const VIEWPORT = { width: 1440, height: 900 };

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Script errors and console errors seen by any page (failed 4xx requests are expected and ignored). */
const pageErrors: string[] = [];

async function newPage(): Promise<Page> {
  return openPage(browser, contexts, pageErrors, VIEWPORT);
}

/** Signs in with plain fetch and returns a function that GETs with that session. */
async function staffApi(baseUrl: string, email: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return async <T>(p: string): Promise<T> => {
    const response = await fetch(`${baseUrl}${p}`, { headers: { cookie } });
    expect(response.status, `${p}`).toBe(200);
    return (await response.json()) as T;
  };
}

beforeAll(async () => {
  buildWebIfNeeded();
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop();
});

describe("web app", () => {
  test("order desk: sign in, create an order, see it in the list", async () => {
    const page = await newPage();
    await page.goto(`${server.url}/desk/orders`);
    await page.waitForURL(/\/signin/);
    await expect.poll(() => page.getByRole("button", { name: "Sign in" }).isVisible()).toBe(true);
    await screenshot(page, "01-sign-in");

    // A wrong password is refused with a clear message.
    await page.getByLabel("Email").fill(DESK);
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("login-error").waitFor();
    await screenshot(page, "02-sign-in-error");

    await signIn(page, server.url, DESK);
    await page.waitForURL(/\/desk\/orders$/);
    await page.getByTestId("order-row").first().waitFor();
    await expect.poll(() => page.getByTestId("current-user-name").textContent()).toBeTruthy();
    await screenshot(page, "03-desk-orders");

    // Two stocked items and an account, found through the same API the page uses.
    const account = (await apiGet<{ accounts: { id: Id; name: string }[] }>(page, "/api/accounts?pageSize=5"))
      .accounts[0];
    // Orders are priced by the engine, which refuses quantities an item's pack rules forbid (case-only
    // items, minimums): pick items the account can order by the each, so the stock check is what fails.
    const items: Item[] = [];
    for (const item of (await apiGet<{ items: Item[] }>(page, "/api/items?pageSize=100")).items) {
      if (item.available < 10) continue;
      const lookup = await apiGet<{ line: { violations: unknown[] } }>(
        page,
        `/api/pricing/lookup?accountId=${account.id}&sku=${encodeURIComponent(item.sku)}&quantity=1`,
      );
      if (lookup.line.violations.length === 0) items.push(item);
      if (items.length === 2) break;
    }
    expect(items.length).toBeGreaterThanOrEqual(2);
    const [first, second] = items;

    await page.getByTestId("new-order").click();
    await page.waitForURL(/\/desk\/orders\/new$/);
    // Keyboard entry: the account picker has focus; type the name and press Enter for the first match.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("order-account");
    await page.keyboard.type(account.name);
    await page
      .getByRole("option", { name: new RegExp(escapeRegExp(account.name)) })
      .first()
      .waitFor();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("order-account").inputValue()).toContain(account.name);
    await expect.poll(() => page.getByTestId("order-ship-to").inputValue()).not.toBe("");
    const po = `PO-BROWSER-${Date.now()}`;
    await page.getByTestId("order-po").fill(po);

    // Line 1: more than is in stock (backordered); Enter moves to a new line; line 2 typed by keyboard.
    const skus = page.getByTestId("line-sku");
    const qtys = page.getByTestId("line-qty");
    await skus.nth(0).fill(first.sku);
    await page.getByTestId("line-item-name").first().filter({ hasText: first.name }).waitFor();
    await qtys.nth(0).fill(String(first.available + 1000));
    await qtys.nth(0).press("Enter");
    await expect.poll(() => skus.count()).toBe(2);
    await page.keyboard.type(second.sku);
    await page.getByTestId("line-item-name").nth(1).filter({ hasText: second.name }).waitFor();
    await page.keyboard.press("Enter");
    await page.keyboard.type("3");
    expect(await qtys.nth(1).inputValue()).toBe("3");

    // Line 3: a SKU that does not exist.
    await page.getByTestId("add-line").click();
    await skus.nth(2).fill("NO-SUCH-SKU-404");
    await qtys.nth(2).fill("1");
    await page.getByTestId("place-order").click();
    await page.locator('[data-testid="order-error"][data-code="UNKNOWN_SKU"]').waitFor();
    expect(await page.getByTestId("order-error").textContent()).toContain("NO-SUCH-SKU-404");
    await screenshot(page, "04-new-order-unknown-sku");
    await page.getByRole("button", { name: "Remove line 3" }).click();
    await expect.poll(() => skus.count()).toBe(2);

    // More than is in stock is not an error: the account ships partial, so the rest is backordered.
    await qtys.nth(0).press("Control+Enter"); // places the order from any field
    await page.waitForURL(/\/desk\/orders\/\d+$/);
    await page.getByTestId("order-lines").waitFor();
    await page.getByTestId("line-backorder").first().waitFor();
    expect(await page.getByTestId("line-backorder").first().textContent()).toMatch(/backordered/);
    const number = ((await page.getByTestId("order-number").textContent()) ?? "")
      .replace(/^Order\s+/, "")
      .trim();
    expect(number).not.toBe("");
    expect(await page.getByTestId("order-line").count()).toBe(2);
    expect(await page.getByTestId("po-number").textContent()).toBe(po);
    await screenshot(page, "06-order-detail");

    // Ship what is allocated: one labelled package and an invoice; the backorder stays open.
    await page.getByTestId("ship-order").click();
    await page.getByLabel("Carrier").fill("UPS");
    await page.getByTestId("confirm-ship").click();
    await page.getByTestId("shipments-table").waitFor();
    expect(await page.getByTestId("shipments-table").textContent()).toMatch(/SH-\d+.*UPS.*\d{18}/s);
    expect(await page.getByTestId("invoices").textContent()).toMatch(/INV-\d+/);
    await expect.poll(() => page.getByTestId("line-shipped").count()).toBe(2);
    await page.getByTestId("line-backorder").first().waitFor();
    await screenshot(page, "06b-order-shipped");

    // The new order is in the list: newest first, and found by its PO number.
    await page.getByRole("link", { name: "Orders", exact: true }).first().click();
    await page.waitForURL(/\/desk\/orders$/);
    await page.getByTestId("order-search").fill(po);
    await page.waitForURL(/q=PO-BROWSER/);
    await expect.poll(() => page.getByTestId("order-row").count()).toBe(1);
    expect(await page.getByTestId("order-row").first().getAttribute("data-order-number")).toBe(number);
    await screenshot(page, "07-desk-orders-search");

    // Sorting, status and account filters are applied by the server and kept in the URL.
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByTestId("sort-total").click();
    await page.waitForURL(/sort=-total/);
    const largest = await apiGet<{ orders: OrderRow[] }>(page, "/api/orders?sort=-total&pageSize=1");
    await expect
      .poll(() => page.getByTestId("order-row").first().getAttribute("data-order-number"))
      .toBe(largest.orders[0].number);

    await page.getByTestId("status-filter").click();
    await page.getByRole("option", { name: "Confirmed" }).click();
    await page.waitForURL(/status=confirmed/);
    await expect
      .poll(
        async () =>
          new Set(
            await page
              .locator('[data-testid="order-row"] [data-status]')
              .evaluateAll((els) => els.map((e) => e.getAttribute("data-status"))),
          ),
      )
      .toEqual(new Set(["confirmed"]));

    await page.getByTestId("account-filter").fill(account.name);
    await page
      .getByRole("option", { name: new RegExp(escapeRegExp(account.name)) })
      .first()
      .click();
    await page.waitForURL(/accountId=/);
    await expect
      .poll(
        async () =>
          new Set(
            await page
              .getByTestId("order-row")
              .evaluateAll((els) => els.map((e) => e.getAttribute("data-account-id"))),
          ),
      )
      .toEqual(new Set([String(account.id)]));
    await screenshot(page, "07b-desk-orders-filtered");

    await page.getByTestId("sign-out").click();
    await page.waitForURL(/\/signin$/);
    expect(pageErrors).toEqual([]);
  });

  test("buyer: sees only their company's orders, and not another company's order", async () => {
    const buyers = [...new Set(server.output().match(/\bbuyer@[\w.-]+\.example\b/g) ?? [])];
    expect(buyers.length, "the server prints buyer sign-ins").toBeGreaterThanOrEqual(1);

    const page = await newPage();
    await signIn(page, server.url, buyers[0]);
    await page.waitForURL(/\/portal\/orders$/);
    const session = await apiGet<{ user: { accountId: Id; accountName: string } }>(page, "/api/auth/session");
    const mine = String(session.user.accountId);

    await page.getByTestId("order-row").first().waitFor();
    const rows = page.getByTestId("order-row");
    const shown = await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-account-id")));
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set([mine]));
    expect(await page.getByTestId("account-filter").count()).toBe(0);
    await screenshot(page, "08-portal-orders");

    // Every order the API gives this buyer is theirs, on every page.
    const all = await apiGet<{ orders: OrderRow[]; total: number }>(page, "/api/orders?pageSize=200");
    expect(all.orders.every((o) => String(o.accountId) === mine)).toBe(true);

    await rows.first().click();
    await page.waitForURL(/\/portal\/orders\/\d+$/);
    await page.getByTestId("order-lines").waitFor();
    await screenshot(page, "09-portal-order-detail");

    // Another company's order: the staff API knows it; the buyer's page shows not-found.
    const staff = await staffApi(server.url, DESK);
    const everyone = await staff<{ orders: OrderRow[] }>("/api/orders?pageSize=100");
    const foreign = everyone.orders.find((o) => String(o.accountId) !== mine);
    expect(foreign, "the demo has other companies' orders").toBeDefined();
    await page.goto(`${server.url}/portal/orders/${foreign!.id}`);
    await page.getByTestId("not-found").waitFor();
    expect(await page.getByTestId("order-lines").count()).toBe(0);
    expect(await page.content()).not.toContain(foreign!.number);
    await screenshot(page, "10-portal-foreign-order");

    // The staff area is not theirs: they land back in the portal.
    await page.goto(`${server.url}/desk/orders`);
    await page.waitForURL(/\/portal\/orders$/);

    // The portal on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("order-row").first().waitFor();
    await screenshot(page, "11-portal-orders-mobile");
    expect(pageErrors).toEqual([]);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
