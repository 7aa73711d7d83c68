// Browser: the order desk keys a phone order by keyboard. Pick the account, paste a block of lines
// (one unreadable, one unknown SKU), see each line's price (with its explanation), availability per
// warehouse, backorder with ETA and promise date, and the order's credit check and hold reason, live
// from POST /api/orders/simulate; Enter in a quantity opens the next row; place it and land on the
// order, held for credit. Screenshots go to /tmp/wholesail-order-desk/ (not the repository).
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from "vitest";
import {
  apiGet,
  buildWebIfNeeded,
  launchBrowser,
  openPage,
  prepareDemoData,
  type RunningServer,
  screenshot,
  signIn,
  startServer,
} from "./harness";

const SHOTS = "/tmp/wholesail-order-desk";
const DESK = "desk@demo.wholesail.dev";
const VIEWPORT = { width: 1440, height: 900 };

interface Scenario {
  account: { id: number; name: string; creditLimit: string };
  /** Plenty in stock. */
  stocked: { sku: string; available: number };
  /** Short: ordered past its stock and past the account's credit; a purchase order brings more. */
  short: { sku: string; available: number; quantity: number };
  /** In stock, with a minimum order quantity of 10 (refused below it on the order desk). */
  moq: { sku: string };
  eta: string;
}

let server: RunningServer;
let browser: Browser;
let scenario: Scenario;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function newPage(): Promise<Page> {
  return openPage(browser, contexts, pageErrors, VIEWPORT);
}

beforeAll(async () => {
  buildWebIfNeeded();
  // The demo has no purchase orders and no HTTP API creates one: add one for the short item, so its
  // backorder gets an ETA. Items are sold by the each (no pack rule), so the desk's 422 rules pass.
  const { dataDir, result } = await prepareDemoData(async (db): Promise<Scenario> => {
    const q = (text: string, values: unknown[] = []) => db.pool.query(text, values);
    const account = (
      await q(
        `select id, name, credit_limit::text as "creditLimit" from accounts order by credit_limit, id limit 1`,
      )
    ).rows[0];
    const eachItems = `select i.id, i.sku, i.list_price::numeric as price, sum(s.on_hand - s.allocated)::int as available
                         from items i join stock_levels s on s.item_id = i.id
                        where i.active and i.order_multiple = 1 and i.min_order_qty <= 1 and i.case_factor = 1
                          and i.list_price between 2 and 60
                        group by i.id`;
    const stocked = (await q(`${eachItems} having sum(s.on_hand - s.allocated) >= 60 order by i.id limit 1`))
      .rows[0];
    const moq = (
      await q(`${eachItems} having sum(s.on_hand - s.allocated) >= 60 order by i.id offset 1 limit 1`)
    ).rows[0];
    await q("update items set min_order_qty = 10 where id = $1", [moq.id]);
    const short = (
      await q(
        `${eachItems} having sum(s.on_hand - s.allocated) between 1 and 40 order by i.list_price desc, i.id limit 1`,
      )
    ).rows[0];
    // Enough to pass the credit limit twice over, whatever the account's contract price.
    const quantity = Math.max(
      short.available + 20,
      Math.ceil((3 * Number(account.creditLimit)) / Number(short.price)),
    );
    const eta = (await q(`select (current_date + 12)::text as d`)).rows[0].d;
    const warehouse = (await q(`select id from warehouses order by id limit 1`)).rows[0].id;
    const po = (
      await q(
        `insert into purchase_orders (number, supplier, warehouse_id, status, expected_date)
         values ('PO-DESK-TEST', 'Browser test supplier', $1, 'open', $2) returning id`,
        [warehouse, eta],
      )
    ).rows[0].id;
    await q(`insert into purchase_order_lines (purchase_order_id, item_id, quantity) values ($1, $2, $3)`, [
      po,
      short.id,
      quantity + 100,
    ]);
    return {
      account,
      stocked: { sku: stocked.sku, available: stocked.available },
      short: { sku: short.sku, available: short.available, quantity },
      moq: { sku: moq.sku },
      eta,
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

const row = (page: Page, sku: string) => page.locator(`[data-testid="line-row"][data-sku="${sku}"]`);

describe("order desk", () => {
  test("keyboard entry with a pasted block, live check, place the order", async () => {
    const { account, stocked, short, moq } = scenario;
    const page = await newPage();
    onTestFailed(async () => {
      await screenshot(page, "failed", SHOTS).catch(() => {});
      console.log(`server output (tail):\n${server.output().slice(-3000)}`);
    });
    await signIn(page, server.url, DESK);
    await page.waitForURL(/\/desk\/orders$/);
    await page.goto(`${server.url}/desk/orders/new`);

    // The account picker has focus: type the name, Enter takes the first match.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("order-account");
    await page.keyboard.type(account.name);
    // Wait for the search's answer (the unfiltered list shown first has every account in it).
    await expect.poll(() => page.getByRole("option").first().textContent()).toContain(account.name);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("order-account").inputValue()).toContain(account.name);
    await expect.poll(() => page.getByTestId("order-ship-to").inputValue()).not.toBe("");

    // Paste a block as it comes from a spreadsheet or an email: headings, tab, comma, space; one
    // line that is not an order line, one SKU that does not exist.
    await page.getByTestId("paste-lines").click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("paste-text");
    const block = [
      "SKU\tQty",
      `${stocked.sku}\t12`,
      `${short.sku},${short.quantity}`,
      "please call me back about the invoice",
      "NOPE-404 2",
    ].join("\n");
    await page.getByTestId("paste-text").fill(block);
    await screenshot(page, "01-paste-box", SHOTS);
    await page.getByTestId("paste-text").press("Control+Enter");

    // Three rows and a blank one; the box stays with the line it could not read, and says why.
    const report = page.getByTestId("paste-report");
    await report.waitFor();
    expect(await report.getAttribute("data-added")).toBe("3");
    expect(await report.getAttribute("data-unreadable")).toBe("1");
    expect(await page.getByTestId("paste-unreadable").first().textContent()).toContain("Line 4");
    expect(await page.getByTestId("paste-text").inputValue()).toBe("please call me back about the invoice");
    await page.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => page.getByTestId("line-sku").count()).toBe(4);

    // Live: price with its explanation, availability, ships today, for the stocked line.
    const a = row(page, stocked.sku);
    await a.getByTestId("line-price").waitFor();
    await a.getByTestId("line-promise").waitFor();
    expect(Number((await a.getByTestId("line-available").textContent())?.replace(/,/g, ""))).toBe(
      stocked.available,
    );

    // The short line: backordered past its stock, with the purchase order's date as ETA.
    const b = row(page, short.sku);
    await b.getByTestId("line-backorder").waitFor();
    expect(await b.getByTestId("line-backorder").textContent()).toBe(
      `Backorder ${(short.quantity - short.available).toLocaleString("en-US")}`,
    );
    await expect.poll(() => b.getByTestId("line-eta").textContent()).toMatch(/^ETA \d+ \w+( \d{4})?$/);

    // The unknown SKU is marked on its row and kept out of the check; the order would be held.
    await expect
      .poll(() => row(page, "NOPE-404").locator(".mantine-InputWrapper-error").textContent())
      .toMatch(/No item with this SKU|Unknown SKU/);
    await page.locator('[data-testid="check-status"][data-status="on_hold"]').waitFor();
    const credit = page.getByTestId("credit-check");
    expect(await credit.getAttribute("data-over-limit")).toBe("true");
    expect(await page.getByTestId("credit-status").textContent()).toMatch(/^Over limit by/);
    const hold = page.locator('[data-testid="check-exception"][data-type="credit_hold"]');
    expect(await hold.getAttribute("data-blocking")).toBe("true");
    expect(await hold.textContent()).toMatch(/Over the credit limit.*Finance must approve it/);
    expect(await page.getByTestId("order-total").textContent()).toMatch(/^\$[\d,]+\.\d\d$/);
    await screenshot(page, "02-checked", SHOTS);

    // Hover the short line's availability: each warehouse, and where this order takes stock from.
    await b.getByTestId("line-available").hover();
    await page.getByTestId("line-warehouses").waitFor();
    expect(await page.getByTestId("line-warehouse").count()).toBeGreaterThan(0);
    await page.waitForTimeout(400); // the card's transition
    await page.screenshot({ path: `${SHOTS}/03-warehouses.png` });
    await page.mouse.move(0, 0);
    await page.getByTestId("line-warehouses").waitFor({ state: "hidden" });

    // The price explanation (waterfall) of the stocked line.
    await a.getByTestId("line-explain").click();
    await page.getByTestId("line-explanation").waitFor();
    expect(await page.getByTestId("waterfall-step").count()).toBeGreaterThan(0);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/04-explanation.png` });
    await page.keyboard.press("Escape");

    // Remove the unknown SKU; type one more line by keyboard: Enter in the SKU goes to its quantity,
    // Enter in the quantity opens a new row with the cursor in its SKU.
    await page.getByRole("button", { name: "Remove line 3" }).click();
    await expect.poll(() => page.getByTestId("line-sku").count()).toBe(3);
    const skus = page.getByTestId("line-sku");
    await skus.nth(2).focus();
    await page.keyboard.type(stocked.sku);
    await row(page, stocked.sku).nth(1).getByTestId("line-item-name").waitFor();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("line-qty");
    await page.keyboard.type("3");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("line-sku").count()).toBe(4);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("line-sku");
    await row(page, stocked.sku).nth(1).getByTestId("line-price").waitFor();

    // Paste a line straight into the new row's SKU: below the item's minimum, the desk's 422 is shown
    // on that row only; the other rows keep their price and stock.
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
      document.activeElement?.dispatchEvent(event);
    }, `${moq.sku} 4`);
    const c = row(page, moq.sku);
    await c.getByTestId("line-refusal").waitFor();
    expect(await c.getByTestId("line-refusal").textContent()).toContain("minimum order quantity of 10");
    await page.locator('[data-testid="check-status"][data-status="refused"]').waitFor();
    expect(await a.first().getByTestId("line-price").isVisible()).toBe(true);
    expect(await b.getByTestId("line-backorder").isVisible()).toBe(true);
    await screenshot(page, "05-refused-row", SHOTS);
    await c.getByTestId("line-qty").fill("10");
    await c.getByTestId("line-price").waitFor();
    expect(await c.getByTestId("line-refusal").count()).toBe(0);
    await expect
      .poll(() => page.locator('[data-testid="check-status"]').getAttribute("data-status"))
      .toBe("on_hold");

    // Place it from the keyboard: the order, on hold for credit, with the reason.
    await page.keyboard.press("Control+Enter");
    await page.waitForURL(/\/desk\/orders\/\d+$/);
    await page.getByTestId("order-lines").waitFor();
    const id = page.url().split("/").pop()!;
    const order = await apiGet<{
      order: { status: string; lines: { sku: string; backorderEta: string | null }[] };
    }>(page, `/api/orders/${id}`);
    expect(order.order.status).toBe("on_hold");
    expect(order.order.lines.map((l) => l.sku)).toEqual([stocked.sku, short.sku, stocked.sku, moq.sku]);
    expect(order.order.lines[1].backorderEta).toBe(scenario.eta);
    await page.getByTestId("order-exceptions").waitFor();
    expect(await page.getByTestId("order-exceptions").textContent()).toContain("Credit hold");
    await screenshot(page, "06-order", SHOTS);
    expect(pageErrors).toEqual([]);
  });
});
