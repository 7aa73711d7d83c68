// Column mappings and the insert step for the demo pricing rows (src/modules/demo/pricing.ts), into
// the tables of migrations/0002_pricing.sql.
import type pg from "pg";
import { type Column, syncIdentity } from "./bulk.ts";
import { centsToString, price4ToString } from "./money4.ts";
import type {
  ContractLineRow,
  ContractRow,
  DemoPricing,
  EntryRow,
  FamilyMemberRow,
  FamilyRow,
  PolicyRow,
  PriceListRow,
  PromotionRow,
  TierRow,
} from "./pricing.ts";

const json = (v: unknown) => JSON.stringify(v);
export const pricingTables = {
  familyColumns: [
    ["id", "int", (r) => r.id],
    ["code", "text", (r) => r.code],
    ["name", "text", (r) => r.name],
  ] as Column<FamilyRow>[],
  familyMemberColumns: [
    ["item_id", "int", (r) => r.itemId],
    ["family_id", "int", (r) => r.familyId],
  ] as Column<FamilyMemberRow>[],
  priceListColumns: [
    ["id", "int", (r) => r.id],
    ["name", "text", (r) => r.name],
    ["account_group_id", "int", (r) => r.groupId],
    ["account_id", "int", (r) => r.accountId],
    ["currency", "text", () => "USD"],
    ["valid_from", "date", (r) => r.validFrom],
    ["valid_to", "date", (r) => r.validTo],
  ] as Column<PriceListRow>[],
  entryColumns: [
    ["price_list_id", "int", (r) => r.listId],
    ["item_id", "int", (r) => r.itemId],
    ["unit_price", "numeric", (r) => price4ToString(r.price4)],
  ] as Column<EntryRow>[],
  contractColumns: [
    ["id", "int", (r) => r.id],
    ["name", "text", (r) => r.name],
    ["account_id", "int", (r) => r.accountId],
    ["currency", "text", () => "USD"],
    ["valid_from", "date", (r) => r.validFrom],
    ["valid_to", "date", (r) => r.validTo],
  ] as Column<ContractRow>[],
  contractLineColumns: [
    ["id", "int", (r) => r.id],
    ["contract_id", "int", (r) => r.contractId],
    ["item_id", "int", (r) => r.itemId],
    ["category_id", "int", (r) => r.categoryId],
    ["kind", "text", (r) => r.kind],
    ["price", "numeric", (r) => (r.price4 === null ? null : price4ToString(r.price4))],
    ["percent", "numeric", (r) => r.percent],
    ["basis", "text", (r) => r.basis],
  ] as Column<ContractLineRow>[],
  tierColumns: [
    ["id", "int", (r) => r.id],
    ["name", "text", (r) => r.name],
    ["account_group_id", "int", (r) => r.groupId],
    ["currency", "text", (r) => r.currency],
    ["item_id", "int", (r) => r.itemId],
    ["family_id", "int", (r) => r.familyId],
    ["basis", "text", (r) => r.basis],
    ["breaks", "jsonb", (r) => json(r.breaks)],
  ] as Column<TierRow>[],
  promotionColumns: [
    ["id", "int", (r) => r.id],
    ["name", "text", (r) => r.name],
    ["valid_from", "date", (r) => r.validFrom],
    ["valid_to", "date", (r) => r.validTo],
    ["currency", "text", () => "USD"],
    ["category_id", "int", (r) => r.categoryId],
    [
      "min_order_value",
      "numeric",
      (r) => (r.minOrderValueCents === null ? null : centsToString(r.minOrderValueCents)),
    ],
    ["adjustment", "jsonb", (r) => json({ kind: "percent_off", percent: r.percent })],
  ] as Column<PromotionRow>[],
  policyColumns: [
    ["account_id", "int", (r) => r.accountId],
    ["case_rounding", "text", (r) => r.caseRounding],
    ["surcharge_kind", "text", (r) => (r.surchargePercent === null ? null : "percent")],
    ["surcharge_value", "numeric", (r) => r.surchargePercent],
    [
      "min_order_value",
      "numeric",
      (r) => (r.minOrderValueCents === null ? null : centsToString(r.minOrderValueCents)),
    ],
    ["min_order_currency", "text", (r) => (r.minOrderValueCents === null ? null : "USD")],
    ["hold_last_price_days", "int", (r) => r.holdLastPriceDays],
    ["price_tolerance_percent", "numeric", (r) => r.priceTolerancePercent],
  ] as Column<PolicyRow>[],
};

type Put = <R>(table: string, columns: Column<R>[], rows: R[], explicitIds: boolean) => Promise<void>;

/** Inserts the pricing rows (inside the demo's transaction) and moves identities past their ids. */
export async function insertPricing(client: pg.ClientBase, put: Put, p: DemoPricing): Promise<void> {
  const t = pricingTables;
  await put("item_families", t.familyColumns, p.families, true);
  await put("item_family_members", t.familyMemberColumns, p.familyMembers, false);
  await put("price_lists", t.priceListColumns, p.priceLists, true);
  await put("price_list_entries", t.entryColumns, p.entries, false);
  await put("contracts", t.contractColumns, p.contracts, true);
  await put("contract_lines", t.contractLineColumns, p.contractLines, true);
  await put("tier_rules", t.tierColumns, p.tiers, true);
  await put("promotions", t.promotionColumns, p.promotions, true);
  // unnest() cannot carry an int[] per row: the few group-limited promotions get theirs here.
  const limited = p.promotions.filter((r) => r.groupIds !== null);
  await client.query(
    `update promotions p set account_group_ids = array(select jsonb_array_elements_text(g.ids)::int)
       from unnest($1::int[], $2::jsonb[]) as g(id, ids) where p.id = g.id`,
    [limited.map((r) => r.id), limited.map((r) => JSON.stringify(r.groupIds))],
  );
  await put("pricing_policies", t.policyColumns, p.policies, false);
  for (const table of [
    "item_families",
    "price_lists",
    "contracts",
    "contract_lines",
    "tier_rules",
    "promotions",
  ]) {
    await syncIdentity(client, table);
  }
}
