// Demo catalog: categories, ~2,000 items with case packs, UPCs and prices, and their units of measure.
// Independent of `scale`: the catalog is the same size for every demo.
import { CATEGORIES, type CategorySpec, SEASONS, type Segment } from "./catalog-data.ts";
import { makeUpcA } from "./gs1.ts";
import { divRoundHalfUp } from "./money4.ts";
import { hashString, type Rng } from "./random.ts";

export type CategoryRow = { id: number; code: string; name: string };

export type ItemRow = {
  id: number;
  sku: string;
  name: string;
  description: string;
  categoryId: number;
  caseFactor: number;
  orderMultiple: number;
  minOrderQty: number;
  cost4: number;
  list4: number;
  upc: string;
  vendorPartNo: string;
  /** Generator-only fields (not stored): */
  spec: CategorySpec;
  season: readonly number[];
  popularity: number;
};

export type ItemUnitRow = { itemId: number; code: string; factor: number };

export type Catalog = { categories: CategoryRow[]; items: ItemRow[]; units: ItemUnitRow[] };

const GRADES = [
  { label: "Value", price: 80 },
  { label: "", price: 100 },
  { label: "Premium", price: 135 },
];

/** Splits `total` items over categories in proportion to how many variants each lists. */
function itemsPerCategory(total: number): number[] {
  const variants = CATEGORIES.map((c) => c.products.reduce((n, p) => n + p.split("|").length, 0));
  const sum = variants.reduce((a, b) => a + b, 0);
  const counts = variants.map((v) => Math.floor((total * v) / sum));
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % counts.length, left--) counts[i]++;
  return counts;
}

function brandPrefix(brand: string): { upc: string; vendor: string } {
  const h = hashString(brand);
  const initials = brand
    .split(/\s+/)
    .map((w) => w[0])
    .join("")
    .toUpperCase();
  return {
    upc: String([0, 0, 6, 7, 8][h % 5]) + String(10000 + (h % 90000)),
    vendor: initials.length > 1 ? initials : brand.slice(0, 3).toUpperCase(),
  };
}

export function generateCatalog(rng: Rng, totalItems = 2000): Catalog {
  const categories: CategoryRow[] = CATEGORIES.map((c, i) => ({ id: i + 1, code: c.code, name: c.name }));
  const items: ItemRow[] = [];
  const units: ItemUnitRow[] = [];
  const counts = itemsPerCategory(totalItems);
  let upcSerial = 10000 + rng.int(0, 5000);

  CATEGORIES.forEach((spec, catIndex) => {
    // Every (product, variant, brand, grade) combination, shuffled; take as many as this category gets.
    const combos: { product: string; variant: string; variantIndex: number; brand: string; grade: number }[] =
      [];
    // One price level per product line, so sizes and grades of the same product price coherently.
    const [lo, hi] = spec.cost;
    const productCents = new Map<string, number>();
    for (const line of spec.products) {
      const u = rng.next();
      productCents.set(line.split(":")[0].trim(), lo + Math.floor((hi - lo) * u * u));
      const [product, variantList] = line.split(":");
      variantList.split("|").forEach((v, variantIndex) => {
        for (const brand of spec.brands) {
          for (let grade = 0; grade < GRADES.length; grade++) {
            combos.push({ product: product.trim(), variant: v.trim(), variantIndex, brand, grade });
          }
        }
      });
    }
    rng.shuffle(combos);
    const chosen = combos.slice(0, counts[catIndex]);
    // Keep related items together in the catalog (by product, then brand) like a real item master.
    chosen.sort((a, b) =>
      a.product === b.product
        ? a.brand === b.brand
          ? a.variantIndex - b.variantIndex || a.grade - b.grade
          : a.brand < b.brand
            ? -1
            : 1
        : spec.products.findIndex((p) => p.startsWith(a.product)) -
          spec.products.findIndex((p) => p.startsWith(b.product)),
    );
    let skuNumber = 10000 + rng.int(0, 400);
    for (const combo of chosen) {
      const id = items.length + 1;
      skuNumber += rng.int(1, 9);
      const grade = GRADES[combo.grade];
      const caseFactor = rng.pick(spec.cases);
      // Cost: per-each target scaled by variant size and grade; vendors quote per case, so the per-each
      // cost is the case cost / case factor and naturally has 4 decimals.
      const eachCents = divRoundHalfUp(productCents.get(combo.product)! * rng.int(85, 115), 100);
      const sized = divRoundHalfUp(eachCents * (100 + 15 * combo.variantIndex) * grade.price, 10000);
      const caseCostCents = Math.max(1, sized) * caseFactor + rng.int(0, caseFactor);
      const cost4 = divRoundHalfUp(caseCostCents * 100, caseFactor);
      // List price in whole cents at a 28–70% markup, most ending in 9 like real price sheets.
      let listCents = divRoundHalfUp(cost4 * rng.int(12800, 17000), 1000000);
      if (listCents > 100 && rng.chance(0.7)) listCents = listCents - (listCents % 10) + 9;
      const caseOnly = caseFactor > 1 && rng.chance(spec.palletCases >= 60 ? 0.75 : 0.4);
      const orderMultiple = caseOnly ? caseFactor : 1;
      const minOrderQty = orderMultiple * (rng.chance(0.12) ? 2 : 1);
      const brand = brandPrefix(combo.brand);
      const name = [combo.brand, grade.label, combo.product].filter(Boolean).join(" ") + `, ${combo.variant}`;
      items.push({
        id,
        sku: `${spec.code}-${skuNumber}`,
        name,
        description: `${combo.product} (${combo.variant}) from ${combo.brand}. ${
          caseFactor > 1 ? `Case of ${caseFactor}` : "Sold individually"
        }${caseOnly ? ", full cases only" : ""}.`,
        categoryId: catIndex + 1,
        caseFactor,
        orderMultiple,
        minOrderQty,
        cost4,
        list4: listCents * 100,
        upc: makeUpcA(brand.upc + String(upcSerial++)),
        vendorPartNo: `${brand.vendor}-${rng.int(1000, 9999)}${rng.pick(["", "", "-B", "-C", "X", "-PK"])}`,
        spec,
        season: SEASONS[spec.season],
        // Skewed popularity (a few runners, a long tail), from pure arithmetic to stay deterministic.
        popularity: 1 + 40 * rng.next() ** 4,
      });
      units.push({ itemId: id, code: "EA", factor: 1 });
      if (caseFactor > 1) {
        units.push({ itemId: id, code: "CS", factor: caseFactor });
        if (spec.palletCases > 0 && rng.chance(0.6)) {
          const perPallet = spec.palletCases + rng.int(-2, 2) * Math.ceil(spec.palletCases / 10);
          units.push({ itemId: id, code: "PL", factor: caseFactor * perPallet });
        }
      }
    }
  });
  return { categories, items, units };
}

/** Items a customer segment buys, weighted by category affinity × item popularity. */
export function segmentWeight(item: ItemRow, segment: Segment): number {
  return (item.spec.segments[segment] ?? 0) * item.popularity;
}
