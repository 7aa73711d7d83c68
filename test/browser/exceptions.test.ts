// Browser: the exceptions inbox. Each exception type is raised end to end through the HTTP API (an
// API key, so the `api` channel holds instead of refusing), resolved in the browser with a reason,
// and checked through the API: resolved with that action and reason, in the audit trail, and the
// order no longer on hold. Screenshots go to /tmp/wholesail-exceptions/ (not the repository).
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureWorkflowDefaults } from "../../src/modules/workflow/defaults.ts";
import { type Api, findScenario, type Intake, openApi, type Scenario } from "./exceptions.support";
import {
  buildWebIfNeeded,
  launchBrowser,
  openPage,
  PASSWORD,
  prepareDemoData,
  type RunningServer,
  screenshot,
  signIn,
  startServer,
} from "./harness";

const SHOTS = "/tmp/wholesail-exceptions";
const ADMIN = "admin@demo.wholesail.dev";
const DESK = "desk@demo.wholesail.dev";
const VIEWPORT = { width: 1440, height: 900 };

let server: RunningServer;
let browser: Browser;
let api: Api;
let admin: Page;
let completeAccountId: number;
/** SKUs given an in-stock substitute. */
let substituted: string[] = [];
/** Exceptions raised and left open, for the inbox at the end (the duplicate PO one turns overdue). */
const backlog: { type: string; id: number; ownerRole: string | null }[] = [];
let desk: Page;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function newPage(email: string): Promise<Page> {
  const page = await openPage(browser, contexts, pageErrors, VIEWPORT);
  await signIn(page, server.url, email);
  await page.waitForURL(/\/desk\/orders$/);
  return page;
}

beforeAll(async () => {
  buildWebIfNeeded();
  // What the HTTP API cannot set up: one demo account ships complete (a blocking backorder); low-stock
  // items get an in-stock substitute; duplicate POs are due within a minute with no escalation path,
  // so the backlog's one turns overdue while the other tests run.
  const { dataDir, result } = await prepareDemoData(async (db) => {
    const q = (text: string) => db.pool.query(text);
    await ensureWorkflowDefaults(db);
    await q("update exception_types set sla_minutes = 1 where code = 'duplicate_po'");
    await q("delete from exception_escalation_levels where type_code = 'duplicate_po'");
    const account = (
      await q("update accounts set ship_policy = 'complete' where number = 'C10020' returning id")
    ).rows[0];
    // Low-stock items get the best-stocked other item of their category as a substitute (the demo
    // may already have some).
    const free = `select i.id, i.sku, i.category_id, sum(s.on_hand - s.allocated)::int as free
                    from items i join stock_levels s on s.item_id = i.id where i.active group by i.id`;
    await q(
      `with free as (${free}),
            best as (select distinct on (category_id) id, category_id from free order by category_id, free desc)
       insert into item_substitutes (item_id, substitute_item_id, priority)
       select f.id, b.id, 0 from free f join best b on b.category_id = f.category_id and b.id <> f.id
        where f.free between 1 and 30
       on conflict do nothing`,
    );
    const { rows } = await q(
      `with free as (${free})
       select distinct f.sku from free f join item_substitutes s on s.item_id = f.id
        where f.free between 1 and 30 order by f.sku`,
    );
    return { accountId: Number(account.id), skus: rows.map((r) => String(r.sku)) };
  });
  completeAccountId = result.accountId;
  substituted = result.skus;
  server = await startServer(undefined, { dataDir });
  browser = await launchBrowser();
  api = await openApi(server.url, ADMIN, PASSWORD);
  admin = await newPage(ADMIN);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop();
});

/** Places an order through the API key and returns it with the exceptions intake raised. */
async function place(s: Scenario, type: string): Promise<Intake & { exceptionId: number }> {
  const placed = await api.order(s.body);
  const raised = placed.intake.exceptions.filter((e) => e.type === type);
  expect(
    raised.length,
    `${type} on ${placed.order.number}: ${JSON.stringify(placed.intake.exceptions)}`,
  ).toBe(1);
  return { ...placed, exceptionId: raised[0].id! };
}

/** Opens the exception from the inbox (all scope, filtered by type), resolves it with a reason. */
async function resolveInUi(
  page: Page,
  exceptionId: number,
  type: string,
  action: string,
  reason: string,
  shot?: string,
): Promise<void> {
  await page.goto(`${server.url}/desk/exceptions?scope=all&type=${type}`);
  const row = page.locator(`[data-testid="exception-row"][data-exception-id="${exceptionId}"]`);
  await row.waitFor();
  // On the type cell: the middle of the row may be the order link.
  await row.locator("td").first().click();
  await page.waitForURL(new RegExp(`/desk/exceptions/${exceptionId}\\?`));
  const detail = page.locator(`[data-testid="exception-detail"][data-exception-id="${exceptionId}"]`);
  await detail.waitFor();
  await page.getByTestId("exception-order").getByTestId("exception-order-link").waitFor();
  if (shot) await screenshot(page, `${shot}-detail`, SHOTS);
  await page.getByTestId(`action-${action}`).click();
  const reasonBox = page.getByTestId("resolve-reason");
  await expect.poll(() => reasonBox.evaluate((el) => el === document.activeElement)).toBe(true);
  // An empty reason is refused in the form.
  await reasonBox.press("Enter");
  await page.getByText("A reason is required").waitFor();
  await reasonBox.fill(reason);
  if (shot) await screenshot(page, `${shot}-reason`, SHOTS);
  await reasonBox.press("Enter");
  await page.locator(`[data-testid="exception-detail"][data-status="resolved"]`).waitFor();
  await page.locator(`[data-testid="audit-entry"][data-action="resolved:${action}"]`).waitFor();
  if (shot) await screenshot(page, `${shot}-resolved`, SHOTS);
}

/** The API agrees: resolved with that action and reason, and the audit trail says so. */
async function expectResolved(exceptionId: number, action: string, reason: string) {
  const { exception } = await api.get<{ exception: any }>(`/api/exceptions/${exceptionId}`);
  expect(exception.status).toBe("resolved");
  expect(exception.resolutionAction).toBe(action);
  expect(exception.resolutionReason).toBe(reason);
  const entry = exception.audit.find((a: any) => a.action === `resolved:${action}`);
  expect(entry, JSON.stringify(exception.audit)).toBeDefined();
  expect(entry.reason).toBe(reason);
  expect(entry.actor).toBe("Alex Admin");
  expect(entry.before.status).toBe("open");
  expect(entry.after.status).toBe("resolved");
  return exception;
}

async function orderOf(id: number | string) {
  return (await api.get<{ order: any }>(`/api/orders/${id}`)).order;
}

describe("exceptions inbox", () => {
  it("a backlog of open exceptions lands in the order desk's queue", async () => {
    const raise = async (s: Scenario, type: string) => {
      const placed = await place(s, type);
      backlog.push(
        ...placed.intake.exceptions.map((e) => ({ type: e.type, id: e.id!, ownerRole: e.ownerRole })),
      );
    };
    for (const type of ["price_discrepancy", "unresolved_item", "duplicate_po"]) {
      const s = await findScenario(api, type);
      if (type === "duplicate_po") await api.order(s.body);
      await raise(s, type);
    }
    await raise(await findScenario(api, "backorder", completeAccountId), "backorder");
    await raise(
      await findScenario(api, "substitution_awaiting_customer", undefined, substituted),
      "substitution_awaiting_customer",
    );
    const desks = backlog.filter((b) => b.ownerRole === "order_desk").length;
    expect(desks).toBeGreaterThanOrEqual(4);

    desk = await newPage(DESK);
    // The navbar counts the desk's open exceptions.
    await expect.poll(() => desk.getByTestId("nav-exceptions-open").textContent()).toBe(String(desks));
    await desk.getByRole("link", { name: /Exceptions/ }).click();
    await desk.waitForURL(/\/desk\/exceptions$/);
    await expect.poll(() => desk.getByTestId("exception-row").count()).toBe(desks);
    await screenshot(desk, "00-inbox-desk-mine", SHOTS);
  });

  it("price discrepancy: the desk is told it needs approval; an admin approves the buyer's price", async () => {
    const s = await findScenario(api, "price_discrepancy");
    const placed = await place(s, "price_discrepancy");
    expect(placed.order.status).toBe("on_hold");

    // The order desk owns it but may not give a 50% discount: the server's 403 is shown.
    await desk.goto(`${server.url}/desk/orders`);
    await desk.getByTestId("nav-exceptions-open").waitFor();
    await desk.getByRole("link", { name: /Exceptions/ }).click();
    await desk.waitForURL(/\/desk\/exceptions$/);
    const row = desk.locator(`[data-testid="exception-row"][data-exception-id="${placed.exceptionId}"]`);
    await row.waitFor();
    await screenshot(desk, "01-inbox-desk-mine", SHOTS);
    await row.locator("td").first().click();
    await desk.getByTestId("action-approve_price").click();
    await desk.getByTestId("resolve-reason").fill("Buyer says this is their contract price");
    await desk.getByTestId("resolve-reason").press("Enter");
    await desk.locator('[data-testid="resolve-error"][data-code="FORBIDDEN"]').waitFor();
    expect(await desk.getByTestId("resolve-error").textContent()).toMatch(/needs approval by admin/);
    await screenshot(desk, "02-detail-forbidden", SHOTS);

    // Reassign to the sales managers' team with a note (audit: assigned).
    await desk.getByTestId("assign-role").click();
    await desk.getByRole("option", { name: "Sales manager", exact: true }).click();
    await desk.getByTestId("assign-reason").fill("Needs a manager's call");
    await desk.getByRole("button", { name: "Reassign" }).click();
    await desk.locator('[data-testid="audit-entry"][data-action="assigned"]').waitFor();

    const reason = "Matches the price agreed by phone";
    await resolveInUi(admin, placed.exceptionId, "price_discrepancy", "approve_price", reason, "03-price");
    const exception = await expectResolved(placed.exceptionId, "approve_price", reason);
    expect(exception.ownerRole).toBe("sales_manager");
    expect(exception.audit.map((a: any) => a.action)).toEqual([
      "raised",
      "assigned",
      "resolved:approve_price",
    ]);

    const order = await orderOf(placed.order.id);
    expect(order.status).toBe("confirmed");
    const line = order.lines.find((l: any) => l.lineNo === 1);
    expect(Number(line.unitPrice)).toBeCloseTo(Number(s.expectedUnitPrice), 4);
  });

  it("credit hold: overridden", async () => {
    const s = await findScenario(api, "credit_hold");
    const placed = await place(s, "credit_hold");
    const reason = "Customer paid last week; finance agreed";
    await resolveInUi(admin, placed.exceptionId, "credit_hold", "override_credit", reason, "04-credit");
    await expectResolved(placed.exceptionId, "override_credit", reason);
    expect((await orderOf(placed.order.id)).status).toBe("confirmed");
  });

  it("below minimum: released", async () => {
    const s = await findScenario(api, "below_moq");
    const placed = await place(s, "below_moq");
    const reason = "Trial order, the customer knows the minimum";
    await resolveInUi(admin, placed.exceptionId, "below_moq", "release_hold", reason);
    await expectResolved(placed.exceptionId, "release_hold", reason);
    expect((await orderOf(placed.order.id)).status).toBe("confirmed");
  });

  it("unresolved item: the line is cancelled, the rest goes ahead", async () => {
    const s = await findScenario(api, "unresolved_item");
    const placed = await place(s, "unresolved_item");
    const reason = "Customer does not know this part number either";
    await resolveInUi(admin, placed.exceptionId, "unresolved_item", "cancel_line", reason, "05-unresolved");
    await expectResolved(placed.exceptionId, "cancel_line", reason);
    const order = await orderOf(placed.order.id);
    expect(order.status).toBe("confirmed");
    expect(order.lines.find((l: any) => l.lineNo === 2)?.status).toBe("cancelled");
  });

  it("backorder on a ship-complete account: split so the rest ships", async () => {
    const s = await findScenario(api, "backorder", completeAccountId);
    const placed = await place(s, "backorder");
    expect(placed.order.status).toBe("on_hold");
    const reason = "Ship what we have, the rest when it arrives";
    await resolveInUi(admin, placed.exceptionId, "backorder", "split", reason, "06-backorder");
    await expectResolved(placed.exceptionId, "split", reason);
    expect((await orderOf(placed.order.id)).status).toBe("confirmed");
  });

  it("duplicate PO: the second order is rejected (cancelled)", async () => {
    const s = await findScenario(api, "duplicate_po");
    const first = await api.order(s.body);
    expect(first.intake.exceptions.filter((e) => e.type === "duplicate_po")).toEqual([]);
    const placed = await place(s, "duplicate_po");
    const reason = "Sent twice by the buyer's system";
    await resolveInUi(admin, placed.exceptionId, "duplicate_po", "reject", reason, "07-duplicate");
    await expectResolved(placed.exceptionId, "reject", reason);
    expect((await orderOf(placed.order.id)).status).toBe("cancelled");
    expect((await orderOf(first.order.id)).status).toBe("confirmed");
  });

  it("substitution: accepted, the line switches to the substitute", async () => {
    const s = await findScenario(api, "substitution_awaiting_customer", undefined, substituted);
    const placed = await place(s, "substitution_awaiting_customer");
    const { exception } = await api.get<{ exception: any }>(`/api/exceptions/${placed.exceptionId}`);
    const reason = "Buyer accepted the substitute by email";
    await resolveInUi(
      admin,
      placed.exceptionId,
      "substitution_awaiting_customer",
      "accept_substitution",
      reason,
      "08-substitution",
    );
    await expectResolved(placed.exceptionId, "accept_substitution", reason);
    // The short quantity moved to a new line of the substitute; the original keeps what was in stock.
    const order = await orderOf(placed.order.id);
    expect(order.status).not.toBe("on_hold");
    const ordered = s.body.lines[0].quantity;
    const substitute = order.lines.find((l: any) => l.sku === exception.data.substituteSku);
    expect(substitute?.quantity).toBe(exception.data.quantity);
    const original = order.lines.find((l: any) => l.lineNo === 1);
    expect(original.status === "cancelled" || original.quantity === ordered - exception.data.quantity).toBe(
      true,
    );
  });

  it("the inbox: overdue in red, sorted by deadline, filters, the order shows its new status", async () => {
    // The backlog's duplicate PO was due a minute after it was raised.
    const dup = backlog.find((b) => b.type === "duplicate_po")!;
    await expect
      .poll(async () => (await api.get<{ exception: any }>(`/api/exceptions/${dup.id}`)).exception.overdue, {
        timeout: 90_000,
        interval: 2_000,
      })
      .toBe(true);

    await admin.goto(`${server.url}/desk/exceptions?scope=all`);
    const rows = admin.getByTestId("exception-row");
    const open = await api.get<{ exceptions: { id: number }[] }>("/api/exceptions?scope=all");
    expect(open.exceptions.length).toBeGreaterThanOrEqual(backlog.length);
    await expect.poll(() => rows.count()).toBe(open.exceptions.length);
    // Soonest deadline first, so the overdue one is on top, marked and counted.
    const deadlines = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-deadline") ?? ""));
    expect(deadlines).toEqual([...deadlines].sort());
    expect(await rows.first().getAttribute("data-exception-id")).toBe(String(dup.id));
    expect(await rows.first().getAttribute("data-overdue")).toBe("true");
    expect(await rows.first().getByTestId("exception-deadline").textContent()).toMatch(/overdue/);
    expect(await admin.getByTestId("exceptions-overdue").textContent()).toBe("1 overdue");
    await screenshot(admin, "09-inbox-all-open", SHOTS);

    // Filters, kept in the URL: by type, and overdue only.
    await admin.getByTestId("type-filter").click();
    await admin.getByRole("option", { name: "Backorder" }).click();
    await admin.waitForURL(/type=backorder/);
    await expect
      .poll(async () => new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-type")))))
      .toEqual(new Set(["backorder"]));
    await admin.goto(`${server.url}/desk/exceptions?scope=all&overdue=1`);
    await expect.poll(() => rows.count()).toBe(1);

    // The order desk's navbar shows the overdue count too.
    await desk.goto(`${server.url}/desk/exceptions`);
    await expect.poll(() => desk.getByTestId("nav-exceptions-overdue").textContent()).toBe("1");
    await desk.locator(`[data-testid="exception-row"][data-exception-id="${dup.id}"] td`).first().click();
    await desk.getByTestId("exception-detail").waitFor();
    await screenshot(desk, "10-detail-overdue", SHOTS);

    // Resolved ones: every type, each with its action; one's order link shows the order off hold.
    await admin.goto(`${server.url}/desk/exceptions?scope=all&status=resolved`);
    await rows.first().waitFor();
    await screenshot(admin, "11-inbox-all-resolved", SHOTS);
    const types = await rows.evaluateAll((els) =>
      [...new Set(els.map((e) => e.getAttribute("data-type")))].sort(),
    );
    expect(types).toEqual([
      "backorder",
      "below_moq",
      "credit_hold",
      "duplicate_po",
      "price_discrepancy",
      "substitution_awaiting_customer",
      "unresolved_item",
    ]);
    await admin.locator('[data-testid="exception-row"][data-type="credit_hold"] td').first().click();
    await admin.getByTestId("exception-resolution").waitFor();
    await admin.getByTestId("exception-order").getByTestId("exception-order-link").click();
    await admin.waitForURL(/\/desk\/orders\/\d+$/);
    await admin.getByTestId("order-lines").waitFor();
    expect(await admin.locator(".status-badge").first().getAttribute("data-status")).toBe("confirmed");
    await screenshot(admin, "12-order-after-override", SHOTS);
    expect(pageErrors).toEqual([]);
  });
});
