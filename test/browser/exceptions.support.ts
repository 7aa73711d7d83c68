// Helpers for exceptions.test.ts: an API client on an API key (orders come in on the `api`
// channel, which holds orders with exceptions instead of refusing them), and a search of the demo
// data, through /api/orders/simulate, for an order that raises exactly one given exception type.
import { expect } from "vitest";

export interface OrderLineBody {
  sku: string;
  quantity: number;
  expectedUnitPrice?: string;
}
export interface OrderBody {
  accountId: number;
  poNumber?: string;
  lines: OrderLineBody[];
}
interface RaisedException {
  id: number | null;
  type: string;
  blocking: boolean;
  ownerRole: string | null;
}
interface Simulation {
  status: string;
  total: string;
  credit: { limit: string; available: string; exposure: string };
  lines: { lineNo: number; unitPrice: string | null; backorderedQuantity: number; violations: unknown[] }[];
  exceptions: RaisedException[];
}
export interface Intake {
  order: { id: number | string; number: string; status: string };
  intake: { status: string; exceptions: RaisedException[] };
}
interface Item {
  sku: string;
  listPrice: string;
  available: number;
}
interface Account {
  id: number;
  number: string;
  creditLimit: string | null;
}

export interface Api {
  get<T>(path: string): Promise<T>;
  order(body: OrderBody): Promise<Intake>;
  simulate(body: OrderBody): Promise<Simulation>;
}

/** Signs in, creates an API key for that user, and calls the API with it (Bearer). */
export async function openApi(baseUrl: string, email: string, password: string): Promise<Api> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const created = await fetch(`${baseUrl}/api/api-keys`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({
      name: "exceptions browser test",
      scopes: ["orders:read", "orders:write", "catalog:read", "accounts:read", "exceptions:read"],
    }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { apiKey } = (await created.json()) as { apiKey: { key: string } };
  const call = async <T>(path: string, body?: unknown, expected = [200]): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: {
        authorization: `Bearer ${apiKey.key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    expect(expected, `${path} answered ${response.status}: ${text}`).toContain(response.status);
    return JSON.parse(text) as T;
  };
  return {
    get: (path) => call(path),
    order: (body) => call<Intake>("/api/orders", body, [201]),
    simulate: (body) =>
      call<{ simulation: Simulation }>("/api/orders/simulate", body).then((r) => r.simulation),
  };
}

export interface Scenario {
  body: OrderBody;
  expectedUnitPrice?: string;
}

const typesOf = (s: Simulation) => s.exceptions.map((e) => e.type).sort();
let poCounter = 0;
const po = (prefix: string) => `${prefix}-${Date.now()}-${++poCounter}`;

/** Half our price, to 4 decimals, as a decimal string (no floats for the money itself). */
function half(price: string): string {
  const [whole, fraction = ""] = price.split(".");
  const scaled = BigInt(whole + fraction.padEnd(4, "0").slice(0, 4));
  const h = scaled / 2n;
  const s = h.toString().padStart(5, "0");
  return `${s.slice(0, -4)}.${s.slice(-4)}`;
}

/**
 * An order that raises `type` (and no other blocking exception, so resolving it takes the order off
 * hold). `accountId` for the ship-complete account; otherwise demo accounts by credit limit.
 */
export async function findScenario(
  api: Api,
  type: string,
  accountId?: number,
  substituted?: string[],
): Promise<Scenario> {
  const accounts = (await api.get<{ accounts: Account[] }>("/api/accounts?pageSize=50")).accounts.filter(
    (a) => a.creditLimit !== null && a.number !== "C10020",
  );
  accounts.sort((a, b) => Number(a.creditLimit) - Number(b.creditLimit));
  const richest = accounts[accounts.length - 1].id;
  const items = (await api.get<{ items: Item[] }>("/api/items?pageSize=200")).items;
  const stocked = items.filter((i) => i.available >= 5);
  const only = (s: Simulation, wanted: string[]) => JSON.stringify(typesOf(s)) === JSON.stringify(wanted);

  const search = async (
    candidates: Item[],
    build: (item: Item) => Promise<Scenario | null>,
    wanted: string[] | ((sim: Simulation) => boolean),
  ): Promise<Scenario> => {
    const ok = typeof wanted === "function" ? wanted : (sim: Simulation) => only(sim, wanted);
    for (const item of candidates.slice(0, 80)) {
      const scenario = await build(item);
      if (!scenario) continue;
      if (ok(await api.simulate(scenario.body))) return scenario;
    }
    throw new Error(`no demo order raises ${type} (and nothing else that holds it)`);
  };
  const clean = async (account: number, item: Item, quantity = 1) => {
    const sim = await api.simulate({ accountId: account, lines: [{ sku: item.sku, quantity }] });
    return sim.exceptions.length === 0 && sim.lines[0].unitPrice !== null ? sim : null;
  };

  switch (type) {
    case "price_discrepancy":
      return search(
        stocked,
        async (item) => {
          const sim = await clean(richest, item, 2);
          if (!sim || Number(sim.lines[0].unitPrice) < 1) return null;
          const expectedUnitPrice = half(sim.lines[0].unitPrice!);
          return {
            body: { accountId: richest, lines: [{ sku: item.sku, quantity: 2, expectedUnitPrice }] },
            expectedUnitPrice,
          };
        },
        ["price_discrepancy"],
      );
    case "credit_hold": {
      const poorest = accounts[0].id;
      const byValue = [...stocked].sort(
        (a, b) => Number(b.listPrice) * b.available - Number(a.listPrice) * a.available,
      );
      return search(
        byValue,
        async (item) => {
          const sim = await api.simulate({ accountId: poorest, lines: [{ sku: item.sku, quantity: 1 }] });
          const price = Number(sim.lines[0].unitPrice ?? 0);
          if (price <= 0) return null;
          const quantity = Math.max(1, Math.ceil((Number(sim.credit.available) + 1) / price));
          if (quantity > item.available) return null;
          return { body: { accountId: poorest, lines: [{ sku: item.sku, quantity }] } };
        },
        ["credit_hold"],
      );
    }
    case "below_moq":
      return search(
        stocked,
        async (item) => ({ body: { accountId: richest, lines: [{ sku: item.sku, quantity: 1 }] } }),
        ["below_moq"],
      );
    case "unresolved_item":
      return search(
        stocked,
        async (item) =>
          (await clean(richest, item))
            ? {
                body: {
                  accountId: richest,
                  lines: [
                    { sku: item.sku, quantity: 1 },
                    { sku: `NO-SUCH-SKU-${Date.now()}`, quantity: 1 },
                  ],
                },
              }
            : null,
        ["unresolved_item"],
      );
    case "backorder": {
      const account = accountId!;
      const short = items.filter((i) => i.available >= 1 && i.available <= 50);
      return search(
        short,
        async (item) => ({
          body: { accountId: account, lines: [{ sku: item.sku, quantity: item.available + 3 }] },
        }),
        ["backorder"],
      );
    }
    case "duplicate_po": {
      const account = accounts[accounts.length - 2].id;
      const scenario = await search(
        stocked,
        async (item) => ({ body: { accountId: account, lines: [{ sku: item.sku, quantity: 1 }] } }),
        [],
      );
      return { body: { ...scenario.body, poNumber: po("PO-DUP") } };
    }
    case "substitution_awaiting_customer": {
      // Items given an in-stock substitute when the data was prepared (see exceptions.test.ts); a
      // ship-partial account, so nothing holds the order (a backorder without ETA does not either).
      const withSubstitute: Item[] = [];
      for (const sku of (substituted ?? []).slice(0, 20)) {
        const found = await api.get<{ items: Item[] }>(`/api/items?q=${encodeURIComponent(sku)}&pageSize=1`);
        if (found.items[0]?.sku === sku && found.items[0].available >= 1) withSubstitute.push(found.items[0]);
      }
      return search(
        withSubstitute,
        async (item) => ({
          body: { accountId: richest, lines: [{ sku: item.sku, quantity: item.available + 2 }] },
        }),
        (sim) =>
          sim.exceptions.some((e) => e.type === "substitution_awaiting_customer") &&
          sim.exceptions.every((e) => !e.blocking),
      );
    }
    default:
      throw new Error(`no scenario for ${type}`);
  }
}
