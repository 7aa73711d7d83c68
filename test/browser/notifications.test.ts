// Browser: an order held for a duplicate PO notifies the order desk in the app (the bell, which opens
// the exception) and by mail, which — with no SMTP server configured — an admin reads on the Mail page.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  apiGet,
  buildWebIfNeeded,
  launchBrowser,
  openPage,
  type RunningServer,
  screenshot,
  signIn,
  startServer,
} from "./harness";

const DESK = "desk@demo.wholesail.dev";
const ADMIN = "admin@demo.wholesail.dev";

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

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

/** POSTs from inside the page with its session and CSRF token. */
async function apiPost<T>(page: Page, path: string, body: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ path, body }) => {
      const session = await (await fetch("/api/auth/session")).json();
      const response = await fetch(path, {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    { path, body },
  ) as Promise<{ status: number; body: T }>;
}

describe("notifications", () => {
  test("a held order reaches the order desk's bell and the stored mail", async () => {
    const page = await openPage(browser, contexts, pageErrors);
    await signIn(page, server.url, DESK);
    await page.waitForURL(/\/desk\/orders$/);

    // An order the desk can place (an item the account may buy by the each), twice with one PO.
    const account = (await apiGet<{ accounts: { id: number }[] }>(page, "/api/accounts?pageSize=1"))
      .accounts[0];
    let sku: string | null = null;
    for (const item of (
      await apiGet<{ items: { sku: string; available: number }[] }>(page, "/api/items?pageSize=50")
    ).items) {
      if (item.available < 5) continue;
      const lookup = await apiGet<{ line: { violations: unknown[] } }>(
        page,
        `/api/pricing/lookup?accountId=${account.id}&sku=${encodeURIComponent(item.sku)}&quantity=1`,
      );
      if (lookup.line.violations.length === 0) {
        sku = item.sku;
        break;
      }
    }
    expect(sku).not.toBeNull();
    const po = `PO-NOTIFY-${Date.now()}`;
    const order = { accountId: account.id, poNumber: po, lines: [{ sku, quantity: 1 }] };
    expect((await apiPost(page, "/api/orders", order)).status).toBe(201);
    const second = await apiPost<{ order: { id: number; status: string } }>(page, "/api/orders", order);
    expect(second.body.order.status).toBe("on_hold");

    // The bell counts it; opening the notification goes to the exception.
    await page.reload();
    const bell = page.getByTestId("notifications-bell");
    await expect.poll(async () => (await bell.getAttribute("aria-label")) ?? "").toMatch(/unread/);
    await bell.click();
    const note = page.getByTestId("notification").filter({ hasText: po }).first();
    await note.waitFor();
    expect(await note.getAttribute("data-unread")).toBe("true");
    await screenshot(page, "40-notifications");
    await note.getByRole("button").first().click();
    await page.waitForURL(/\/desk\/exceptions\/\d+$/);

    // The admin reads the mail that went to the order desk (stored: no SMTP server in this run).
    const admin = await openPage(browser, contexts, pageErrors);
    await signIn(admin, server.url, ADMIN);
    await admin.waitForURL(/\/desk\/orders$/);
    await admin.getByRole("link", { name: "Mail" }).click();
    await admin.waitForURL(/\/desk\/mail$/);
    const row = admin.getByTestId("mail-row").filter({ hasText: po }).first();
    await row.waitFor();
    expect(await row.textContent()).toMatch(/queued/);
    await screenshot(admin, "41-mail");
    expect(pageErrors).toEqual([]);
  });
});
