// A small, hand-written world for integration tests: two customer companies (A and B), two
// warehouses, a few items, and one user per role. Values are fixed so tests can assert exactly.
import type { Db } from "../../src/app/db.ts";
import { hashPassword } from "../../src/modules/auth/passwords.ts";
import { ensureWorkflowDefaults } from "../../src/modules/workflow/defaults.ts";

export const PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | null = null;

export type Fixture = {
  accountA: number;
  accountB: number;
  shipToA: number;
  shipToB: number;
  items: Record<string, number>;
  warehouses: { east: number; west: number };
};

export async function seedFixture(db: Db): Promise<Fixture> {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const q = (text: string, values: unknown[] = []) => db.pool.query(text, values);
  const group = (
    await q("insert into account_groups (code, name) values ('IND', 'Independents') returning id")
  ).rows[0].id;
  const rep = (
    await q(
      "insert into reps (code, name, email, region) values ('R1', 'Rita Rep', 'rita@x.test', 'East') returning id",
    )
  ).rows[0].id;
  const account = async (number: string, name: string) =>
    (
      await q(
        `insert into accounts (number, name, group_id, credit_limit, rep_id, bill_to_line1, bill_to_city, bill_to_region, bill_to_postal_code)
         values ($1, $2, $3, '50000.00', $4, '1 Main St', 'Springfield', 'IL', '62701') returning id`,
        [number, name, group, rep],
      )
    ).rows[0].id as number;
  const accountA = await account("C-A001", "Acme Foods");
  const accountB = await account("C-B001", "Blue Hardware");
  const shipTo = async (accountId: number, code: string, lat: string, lon: string) =>
    (
      await q(
        `insert into ship_tos (account_id, code, name, line1, city, region, postal_code, latitude, longitude)
         values ($1, $2, $2 || ' store', '9 Elm St', 'Town', 'NY', '10001', $3, $4) returning id`,
        [accountId, code, lat, lon],
      )
    ).rows[0].id as number;
  const shipToA = await shipTo(accountA, "A-MAIN", "40.71", "-74.00");
  const shipToB = await shipTo(accountB, "B-MAIN", "34.05", "-118.24");
  const warehouse = async (code: string, lat: string, lon: string) =>
    (
      await q(
        `insert into warehouses (code, name, line1, city, region, postal_code, latitude, longitude)
         values ($1, $1 || ' DC', '1 Dock Rd', 'City', 'ST', '00000', $2, $3) returning id`,
        [code, lat, lon],
      )
    ).rows[0].id as number;
  const east = await warehouse("EAST", "40.0", "-75.0");
  const west = await warehouse("WEST", "34.0", "-118.0");
  const category = (await q("insert into categories (code, name) values ('GEN', 'General') returning id"))
    .rows[0].id;
  const items: Record<string, number> = {};
  const itemRows: [string, string, string, number][] = [
    ["SKU-1", "Paper towels", "12.5000", 100],
    ["SKU-2", "Hand soap", "3.3333", 100],
    ["SKU-3", "Trash bags", "60.3250", 10],
    ["SKU-4", "Gloves", "0.1000", 1000],
    ["SKU-5", "Out of stock thing", "9.9900", 0],
  ];
  for (const [sku, name, price, stock] of itemRows) {
    const id = (
      await q(
        "insert into items (sku, name, category_id, case_factor, cost, list_price) values ($1, $2, $3, 12, '1.0000', $4) returning id",
        [sku, name, category, price],
      )
    ).rows[0].id as number;
    items[sku] = id;
    await q("insert into stock_levels (item_id, warehouse_id, on_hand) values ($1, $2, $3), ($1, $4, $3)", [
      id,
      east,
      stock,
      west,
    ]);
  }
  const user = (email: string, role: string, accountId: number | null) =>
    q("insert into users (email, name, password_hash, role, account_id) values ($1, $2, $3, $4, $5)", [
      email,
      email.split("@")[0],
      hash,
      role,
      accountId,
    ]);
  for (const role of ["admin", "order_desk", "sales_rep", "sales_manager", "finance", "warehouse"]) {
    await user(`${role}@staff.test`, role, null);
  }
  await user("buyer@a.test", "buyer", accountA);
  await user("buyer@b.test", "buyer", accountB);
  // Exception types, escalation paths and approval rules, as `wholesail serve` seeds them: intake
  // raises exceptions (credit hold, duplicate PO, …) on any order.
  await ensureWorkflowDefaults(db);
  return { accountA, accountB, shipToA, shipToB, items, warehouses: { east, west } };
}
