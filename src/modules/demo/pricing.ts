// Demo pricing, deterministic from the seed: group price lists (restaurants and hardware stores a few
// percent under list on their core categories), a supply agreement per grocery chain (fixed prices
// on its top items, percent off list by category, one chain on cost-plus, one expired agreement),
// volume tiers (line-quantity breaks on palletised items, mix-and-match across product families, an
// order-value tier for institutions), two running promotions and three expired ones, item families,
// and account pricing policies. Rows only; pricing-tables.ts inserts them.
//
// Kept clear of the order desk's everyday path: hardware stores get no policy row (default: refuse
// broken case multiples, no minimum), minimum order values go only to the smallest restaurants, and
// the hardware list leaves the categories hardware buys less of (adhesives, fasteners' neighbours)
// at list. The browser tests use the first account by name (a hardware store at seed 42) and rely
// on that: an item it can buy at list, and an order of a few eaches that is not refused.
import type { AccountRow, GroupRow, PartNumberRow } from "./accounts.ts";
import type { ItemRow, ItemUnitRow } from "./catalog.ts";
import type { Segment } from "./catalog-data.ts";
import { DAY_MS, startOfUtcDay } from "./history.ts";
import { scalePrice4 } from "./money4.ts";
import type { Rng } from "./random.ts";

type Adjustment = { kind: "percent_off"; percent: string };
type TierBreak = { min: string; adjustment: Adjustment };

export type FamilyRow = { id: number; code: string; name: string };
export type FamilyMemberRow = { itemId: number; familyId: number };
export type PriceListRow = {
  id: number;
  name: string;
  groupId: number | null;
  accountId: number | null;
  validFrom: string | null;
  validTo: string | null;
};
export type EntryRow = { listId: number; itemId: number; price4: number };
export type ContractRow = {
  id: number;
  name: string;
  accountId: number;
  validFrom: string;
  validTo: string;
};
export type ContractLineRow = {
  id: number;
  contractId: number;
  itemId: number | null;
  categoryId: number | null;
  kind: "fixed" | "percent_off_list" | "cost_plus";
  price4: number | null;
  percent: string | null;
  basis: "markup" | null;
};
export type TierRow = {
  id: number;
  name: string;
  groupId: number | null;
  itemId: number | null;
  familyId: number | null;
  basis: "line_quantity" | "family_quantity" | "order_value";
  currency: string | null;
  breaks: TierBreak[];
};
export type PromotionRow = {
  id: number;
  name: string;
  validFrom: string;
  validTo: string;
  categoryId: number;
  minOrderValueCents: number | null;
  groupIds: number[] | null;
  percent: string;
};
export type PolicyRow = {
  accountId: number;
  caseRounding: "reject" | "round_up";
  surchargePercent: string | null;
  minOrderValueCents: number | null;
  holdLastPriceDays: number | null;
  priceTolerancePercent: string | null;
};

export type DemoPricing = {
  families: FamilyRow[];
  familyMembers: FamilyMemberRow[];
  priceLists: PriceListRow[];
  entries: EntryRow[];
  contracts: ContractRow[];
  contractLines: ContractLineRow[];
  tiers: TierRow[];
  promotions: PromotionRow[];
  policies: PolicyRow[];
};

export type PricingInput = {
  items: ItemRow[];
  units: ItemUnitRow[];
  groups: GroupRow[];
  accounts: AccountRow[];
  partNumbers: PartNumberRow[];
  now: Date;
};

/** Categories a group list covers: the segment's core categories (affinity ≥ this). */
const LIST_AFFINITY: Partial<Record<Segment, number>> = { restaurant: 6, hardware: 7 };
/** Product lines sold as one mix-and-match family (cups of every size and brand, …). */
const FAMILY_CATEGORIES = ["FSD", "CUT", "JCH", "PPE"];

const pct = (bp: number): string => (bp % 100 === 0 ? String(bp / 100) : (bp / 100).toFixed(2));
const productOf = (item: ItemRow): string => item.description.slice(0, item.description.indexOf(" ("));
const byPopularity = (a: ItemRow, b: ItemRow) => b.popularity - a.popularity || a.id - b.id;

export function generatePricing(rng: Rng, input: PricingInput): DemoPricing {
  const { items, groups, accounts, now } = input;
  const today = startOfUtcDay(now.getTime());
  const day = (offset: number) => new Date(today + offset * DAY_MS).toISOString().slice(0, 10);
  const groupOf = (segment: Segment) => groups.find((g) => g.segment === segment)!;
  const categoryId = (code: string) => items.find((i) => i.spec.code === code)?.categoryId ?? null;
  const out: DemoPricing = {
    families: [],
    familyMembers: [],
    priceLists: [],
    entries: [],
    contracts: [],
    contractLines: [],
    tiers: [],
    promotions: [],
    policies: [],
  };

  // ---- Item families: one per product line in a few categories (every size, brand and grade).
  const familyIdByKey = new Map<string, number>();
  for (const item of items) {
    if (!FAMILY_CATEGORIES.includes(item.spec.code)) continue;
    const product = productOf(item);
    const key = `${item.spec.code}|${product}`;
    let familyId = familyIdByKey.get(key);
    if (familyId === undefined) {
      familyId = out.families.length + 1;
      familyIdByKey.set(key, familyId);
      out.families.push({
        id: familyId,
        code: `${item.spec.code}-F${String(familyId).padStart(2, "0")}`,
        name: `${product} (all sizes and brands)`,
      });
    }
    out.familyMembers.push({ itemId: item.id, familyId });
  }

  // ---- Group price lists: a few percent under list on the segment's core categories.
  for (const [segment, minAffinity] of Object.entries(LIST_AFFINITY) as [Segment, number][]) {
    const group = groupOf(segment);
    const list: PriceListRow = {
      id: out.priceLists.length + 1,
      name: segment === "restaurant" ? "Restaurant program price list" : "Hardware dealer price sheet",
      groupId: group.id,
      accountId: null,
      validFrom: day(-rng.int(90, 200)),
      validTo: null,
    };
    out.priceLists.push(list);
    const discountByCategory = new Map<number, number>();
    for (const item of items) {
      if ((item.spec.segments[segment] ?? 0) < minAffinity) continue;
      let bp = discountByCategory.get(item.categoryId);
      if (bp === undefined) {
        bp = rng.int(3, 7) * 100;
        discountByCategory.set(item.categoryId, bp);
      }
      out.entries.push({
        listId: list.id,
        itemId: item.id,
        price4: scalePrice4(item.list4, 10000 - bp, 10000),
      });
    }
  }

  // ---- Grocery chains: a supply agreement each (fixed on top items, % off list on two categories).
  const chains = accounts.filter((a) => a.segment === "grocery");
  const itemById = new Map(items.map((i) => [i.id, i]));
  const chainCategories = [...new Set(items.map((i) => i.spec))]
    .filter((s) => (s.segments.grocery ?? 0) >= 6)
    .map((s) => s.code);
  let lineId = 0;
  const addLine = (line: Omit<ContractLineRow, "id">) => out.contractLines.push({ id: ++lineId, ...line });
  chains.forEach((chain, n) => {
    const assortment = input.partNumbers
      .filter((p) => p.accountId === chain.id)
      .map((p) => itemById.get(p.itemId)!)
      .sort(byPopularity);
    const contract: ContractRow = {
      id: out.contracts.length + 1,
      name: `${chain.name} supply agreement`,
      accountId: chain.id,
      validFrom: day(-rng.int(60, 300)),
      validTo: day(rng.int(120, 400)),
    };
    out.contracts.push(contract);
    // Fixed prices per each on the chain's 25 best sellers: its usual discount plus 2–4 points, whole
    // cents, never under cost + 5%.
    for (const item of assortment.slice(0, 25)) {
      const bp = chain.discountBp + rng.int(200, 400);
      const floor = scalePrice4(item.cost4, 105, 100);
      const price4 = Math.max(floor, Math.round(scalePrice4(item.list4, 10000 - bp, 10000) / 100) * 100);
      addLine({
        contractId: contract.id,
        itemId: item.id,
        categoryId: null,
        kind: "fixed",
        price4,
        percent: null,
        basis: null,
      });
    }
    const cats = rng.shuffle([...chainCategories]).slice(0, 3);
    for (const code of cats.slice(0, 2)) {
      const percent = pct(Math.round(chain.discountBp / 50) * 50);
      addLine({
        contractId: contract.id,
        itemId: null,
        categoryId: categoryId(code),
        kind: "percent_off_list",
        price4: null,
        percent,
        basis: null,
      });
    }
    // The second chain (the first if there is only one) buys its third category at cost + 18 %.
    if (n === Math.min(1, chains.length - 1) && cats.length > 2) {
      addLine({
        contractId: contract.id,
        itemId: null,
        categoryId: categoryId(cats[2]),
        kind: "cost_plus",
        price4: null,
        percent: "18",
        basis: "markup",
      });
    }
    // Last year's agreement of the first chain, expired: shows in the contract list, prices nothing.
    if (n === 0) {
      const old: ContractRow = {
        id: out.contracts.length + 1,
        name: `${chain.name} supply agreement (previous term)`,
        accountId: chain.id,
        validFrom: day(-760),
        validTo: day(-rng.int(330, 400)),
      };
      out.contracts.push(old);
      for (const item of assortment.slice(0, 10)) {
        const price4 = Math.round(scalePrice4(item.list4, 10000 - chain.discountBp, 10000) / 100) * 100;
        addLine({
          contractId: old.id,
          itemId: item.id,
          categoryId: null,
          kind: "fixed",
          price4: Math.max(price4, item.cost4),
          percent: null,
          basis: null,
        });
      }
    }
  });

  // ---- Volume tiers.
  const palletised = new Set(input.units.filter((u) => u.code === "PL").map((u) => u.itemId));
  const bulk = items
    .filter((i) => palletised.has(i.id))
    .sort(byPopularity)
    .slice(0, 20);
  for (const item of bulk) {
    out.tiers.push({
      id: out.tiers.length + 1,
      name: `${item.sku} volume pricing`,
      groupId: null,
      itemId: item.id,
      familyId: null,
      basis: "line_quantity",
      currency: null,
      breaks: [
        { min: String(item.caseFactor * 10), adjustment: { kind: "percent_off", percent: "3" } },
        { min: String(item.caseFactor * 30), adjustment: { kind: "percent_off", percent: "6" } },
      ],
    });
  }
  // Mix and match: the three biggest families, any sizes and brands counted together.
  const familySize = new Map<number, number>();
  for (const m of out.familyMembers) familySize.set(m.familyId, (familySize.get(m.familyId) ?? 0) + 1);
  const bigFamilies = [...familySize].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 3);
  for (const [familyId] of bigFamilies) {
    out.tiers.push({
      id: out.tiers.length + 1,
      name: `Mix & match: ${out.families[familyId - 1].name}`,
      groupId: null,
      itemId: null,
      familyId,
      basis: "family_quantity",
      currency: null,
      breaks: [
        { min: "200", adjustment: { kind: "percent_off", percent: "4" } },
        { min: "500", adjustment: { kind: "percent_off", percent: "7" } },
      ],
    });
  }
  out.tiers.push({
    id: out.tiers.length + 1,
    name: "Institutional order value discount",
    groupId: groupOf("institution").id,
    itemId: null,
    familyId: null,
    basis: "order_value",
    currency: "USD",
    breaks: [
      { min: "2500", adjustment: { kind: "percent_off", percent: "2" } },
      { min: "10000", adjustment: { kind: "percent_off", percent: "3.5" } },
    ],
  });

  // ---- Promotions: two running, three expired.
  const restaurants = groupOf("restaurant").id;
  const institutions = groupOf("institution").id;
  const promo = (p: Omit<PromotionRow, "id" | "categoryId"> & { category: string }) => {
    const id = categoryId(p.category);
    if (id === null) return;
    const { category: _c, ...rest } = p;
    out.promotions.push({ id: out.promotions.length + 1, categoryId: id, ...rest });
  };
  promo({
    name: "Summer cups & lids: 8% off disposables",
    category: "FSD",
    validFrom: day(-rng.int(10, 25)),
    validTo: day(rng.int(20, 40)),
    minOrderValueCents: 25_000,
    groupIds: [restaurants, institutions],
    percent: "8",
  });
  promo({
    name: "Clean-up season: 10% off janitorial chemicals",
    category: "JCH",
    validFrom: day(-rng.int(5, 15)),
    validTo: day(rng.int(30, 60)),
    minOrderValueCents: null,
    groupIds: null,
    percent: "10",
  });
  promo({
    name: "Holiday baking: 12% off baking supplies",
    category: "BAK",
    validFrom: day(-130),
    validTo: day(-95),
    minOrderValueCents: null,
    groupIds: null,
    percent: "12",
  });
  promo({
    name: "Back to school: 6% off paper products",
    category: "PAP",
    validFrom: day(-230),
    validTo: day(-200),
    minOrderValueCents: 50_000,
    groupIds: [institutions],
    percent: "6",
  });
  promo({
    name: "Safety week: 5% off PPE",
    category: "PPE",
    validFrom: day(-75),
    validTo: day(-68),
    minOrderValueCents: null,
    groupIds: null,
    percent: "5",
  });

  // ---- Account policies. Hardware stores: none (the defaults).
  const smallest = accounts
    .filter((a) => a.segment === "restaurant")
    .sort((a, b) => a.creditLimitCents - b.creditLimitCents || a.id - b.id);
  const small = new Set(smallest.slice(0, Math.ceil(smallest.length / 5)).map((a) => a.id));
  let restaurantIndex = 0;
  for (const account of accounts) {
    const base = {
      accountId: account.id,
      surchargePercent: null,
      minOrderValueCents: null,
      holdLastPriceDays: null,
      priceTolerancePercent: null,
    };
    if (account.segment === "restaurant") {
      out.policies.push({
        ...base,
        caseRounding: restaurantIndex++ % 2 === 0 ? "round_up" : "reject",
        surchargePercent: "3",
        minOrderValueCents: small.has(account.id) ? 15_000 : null,
      });
    } else if (account.segment === "grocery") {
      const hold = chains.indexOf(account) === Math.min(1, chains.length - 1);
      out.policies.push({
        ...base,
        caseRounding: "reject",
        holdLastPriceDays: hold ? 90 : null,
        priceTolerancePercent: "1",
      });
    } else if (account.segment === "institution") {
      out.policies.push({ ...base, caseRounding: "round_up" });
    } else if (account.segment === "contractor" && account.id % 3 === 0) {
      out.policies.push({ ...base, caseRounding: "reject", priceTolerancePercent: "2" });
    }
  }
  return out;
}
