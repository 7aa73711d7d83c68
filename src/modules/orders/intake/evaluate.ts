// Price, validate and plan the allocation, inside the order's transaction (or a simulation's):
// everything the decision needs, without writing anything (the stock rows are locked here; the
// counters change with the order in persist.ts).
import type pg from "pg";
import { DomainError } from "../../../lib/errors.ts";
import { Dec } from "../../../lib/money.ts";
import { insufficientStock, type StockDelta, stockDeltas } from "../../inventory/allocate.ts";
import { availableToPromise, type ItemAtp, inboundSupply } from "../../inventory/atp.ts";
import { backorderEta } from "../../inventory/eta.ts";
import { planAllocation, planPartialAllocation } from "../../inventory/plan-allocation.ts";
import { allViolations, quote } from "../../pricing/quote.ts";
import { answerProbe, probePricingCache } from "../../pricing/rule-cache.ts";
import type { Issue, ViolationCode, WarningCode, WaterfallStep } from "../../pricing/types.ts";
import { backorderDemand } from "./backorders.ts";
import { checkCredit } from "./credit.ts";
import { describeItem, type OrderRequest } from "./request.ts";
import type { Resolved } from "./resolve.ts";
import {
  backorderDisposition,
  type CreditCheck,
  type PlannedException,
  priceDiscrepancy,
  promiseDates,
  refusesFixableProblems,
  violationExceptionType,
} from "./rules.ts";
import { readIntakeState } from "./state.ts";
import { proposeSubstitutes } from "./substitutes.ts";

export type EvaluatedLine = {
  lineNo: number;
  lineRef: string | null;
  resolved: boolean;
  itemId: number | null;
  sku: string | null;
  /** Base units when resolved; as requested (in `uom`) when not. */
  quantity: number;
  uom: string | null;
  unitPrice: string | null;
  extendedAmount: string | null;
  unitCost: string | null;
  expectedUnitPrice: string | null;
  waterfall: WaterfallStep[];
  warnings: Issue<WarningCode>[];
  violations: Issue<ViolationCode>[];
  lastPaid: unknown;
  allocations: { warehouseId: number; quantity: number }[];
  backorderedQuantity: number;
  backorderEta: string | null;
  promiseDate: string | null;
  problem: { code: string; message: string } | null;
  /** Simulation only: ATP per warehouse before this order. */
  availability?: ItemAtp["warehouses"];
};

export type Evaluation = {
  currency: string;
  total: string;
  lines: EvaluatedLine[];
  violations: Issue<ViolationCode>[];
  warnings: Issue<WarningCode>[];
  credit: CreditCheck;
  duplicateOf: string[];
  promiseDate: string | null;
  exceptions: PlannedException[];
  /** The allocation to write with the order, summed per item and warehouse. */
  stock: StockDelta[];
  /** Name and base unit of each resolved item, as priced (for the new order's detail). */
  items: Map<number, { name: string; baseUnit: string }>;
};

export type EvaluateOptions = {
  today: string;
  orderNumber: string;
  /** Legacy createOrder contract: refuse unknown items, pricing violations and shortages. */
  strict: boolean;
  withAvailability: boolean;
  /** The pool whose pricing rule cache to use (nothing priced has been written yet). */
  pricingCache: pg.Pool;
};

export async function evaluate(
  client: pg.PoolClient,
  request: OrderRequest,
  resolved: Resolved,
  options: EvaluateOptions,
): Promise<Evaluation> {
  const { account } = resolved;
  const refuseFixable = options.strict || refusesFixableProblems(request.channel);
  const exceptions: PlannedException[] = [];
  const po = request.poNumber ? `PO ${request.poNumber} ` : "";

  // ---- unresolved items: refused where the user can fix them, else kept and held
  const unresolved = resolved.lines.filter((l) => !l.ok);
  if (unresolved.length && refuseFixable) throw unresolvedError(resolved);
  for (const l of unresolved) {
    if (l.ok) continue;
    exceptions.push({
      type: "unresolved_item",
      summary: `${po}line ${l.lineNo}: ${l.message}`,
      blocking: true,
      lineNo: l.lineNo,
      amount: null,
      data: { code: l.code, requested: l.request },
    });
  }

  // ---- one read (state.ts): stock rows locked, credit exposure, same-PO orders, the pricing check
  const ok = resolved.lines.flatMap((l) => (l.ok ? [l] : []));
  const itemIds = [...new Set(ok.map((l) => l.itemId))];
  const skus = ok.map((l) => l.sku);
  const probe = ok.length
    ? probePricingCache(
        options.pricingCache,
        account.id,
        skus,
        options.today,
        account.currency,
        resolved.shipTo.id,
      )
    : null;
  const state = await readIntakeState(
    client,
    resolved,
    itemIds,
    options.today,
    request.poNumber ?? null,
    probe,
  );

  // ---- price the resolved lines (base units) with the engine (a cache miss loads the rules here)
  const priced = ok.length
    ? await quote(
        client,
        {
          accountId: account.id,
          shipToId: resolved.shipTo.id,
          date: options.today,
          currency: account.currency,
          lines: ok.map((l) => ({ lineRef: String(l.lineNo), sku: l.sku, quantity: l.quantity })),
        },
        null,
        options.pricingCache,
        probe && answerProbe(probe, state.pricingVersion, state.lastPrices),
      )
    : null;
  const pricedLines = priced?.priced.lines ?? [];
  if (priced && refuseFixable) {
    const violations = allViolations(priced.priced);
    if (violations.length) {
      throw new DomainError("PRICING_VIOLATION", violations.map((v) => v.message).join("; "), { violations });
    }
  }
  const total = priced?.priced.total ?? new Dec(0).toFixed(2);

  // ---- availability before this order (simulation), then the allocation plan from the locked rows
  // (written with the order, persist.ts)
  const availability = options.withAvailability
    ? await availableToPromise(client, itemIds, options.today)
    : [];
  const allocationLines = ok.map((l, i) => ({
    itemId: l.itemId,
    sku: l.sku,
    quantity: pricedLines[i].quantity,
  }));
  let perLine: { warehouseId: number; quantity: number }[][] = [];
  let backordered: number[] = [];
  if (allocationLines.length && options.strict) {
    const plan = planAllocation(allocationLines, state.available, state.warehouseOrder);
    if (!plan.ok) throw insufficientStock(plan.shortage);
    perLine = plan.perLine;
    backordered = allocationLines.map(() => 0);
  } else if (allocationLines.length) {
    ({ perLine, backordered } = planPartialAllocation(
      allocationLines,
      state.available,
      state.warehouseOrder,
    ));
  }
  const stock = stockDeltas(allocationLines, perLine);

  // ---- backorder ETAs from inbound supply; earlier open backorders are served first
  const shortItems = [...new Set(allocationLines.filter((_, i) => backordered[i] > 0).map((l) => l.itemId))];
  const etas: (string | null)[] = allocationLines.map(() => null);
  if (shortItems.length) {
    const inbound = await inboundSupply(client, shortItems);
    const promised = await backorderDemand(client, shortItems);
    allocationLines.forEach((l, i) => {
      if (backordered[i] <= 0) return;
      const before = promised.get(l.itemId) ?? 0;
      etas[i] = backorderEta(inbound.get(l.itemId) ?? [], before, backordered[i], options.today);
      promised.set(l.itemId, before + backordered[i]);
    });
  }

  // ---- the evaluated lines, in request order
  const indexOf = new Map(ok.map((l, i) => [l.lineNo, i]));
  const lines: EvaluatedLine[] = resolved.lines.map((l) => {
    const i = indexOf.get(l.lineNo);
    const common = {
      lineNo: l.lineNo,
      lineRef: l.request.lineRef ?? null,
      expectedUnitPrice: l.request.expectedUnitPrice ?? null,
    };
    if (!l.ok || i === undefined) {
      return {
        ...common,
        resolved: false,
        itemId: null,
        sku: null,
        quantity: l.request.quantity,
        uom: l.request.uom ?? null,
        unitPrice: null,
        extendedAmount: null,
        unitCost: null,
        waterfall: [],
        warnings: [],
        violations: [],
        lastPaid: null,
        allocations: [],
        backorderedQuantity: 0,
        backorderEta: null,
        promiseDate: null,
        problem: l.ok ? null : { code: l.code, message: l.message },
      };
    }
    const p = pricedLines[i];
    const item = priced!.loaded.itemsBySku.get(l.sku)!;
    return {
      ...common,
      resolved: true,
      itemId: l.itemId,
      sku: l.sku,
      quantity: p.quantity,
      uom: p.uom,
      unitPrice: p.unitPrice,
      extendedAmount: p.extended,
      unitCost: item.cost,
      waterfall: p.waterfall,
      warnings: p.warnings,
      violations: p.violations,
      lastPaid: p.lastPaid,
      allocations: perLine[i] ?? [],
      backorderedQuantity: backordered[i] ?? 0,
      backorderEta: etas[i],
      promiseDate: null,
      problem: null,
      ...(options.withAvailability
        ? { availability: availability.find((a) => a.itemId === l.itemId)?.warehouses ?? [] }
        : {}),
    };
  });
  const promise = promiseDates(
    lines.map((l) => ({ backordered: l.backorderedQuantity, eta: l.backorderEta, resolved: l.resolved })),
    options.today,
    request.requestedShipDate ?? null,
    account.shipPolicy,
  );
  lines.forEach((l, i) => {
    l.promiseDate = promise.lines[i];
  });

  // ---- validations that hold rather than refuse
  for (const l of lines) {
    for (const v of l.violations) {
      exceptions.push({
        type: violationExceptionType(v.code),
        summary: `${po}line ${l.lineNo} (${l.sku}): ${v.message}`,
        blocking: true,
        lineNo: l.lineNo,
        amount: l.extendedAmount,
        data: { violation: v },
      });
    }
    const factor = ok[indexOf.get(l.lineNo) ?? -1]?.factor ?? 1;
    const ours = l.unitPrice === null ? null : new Dec(l.unitPrice).times(factor).toFixed(4);
    const discrepancy = priceDiscrepancy(ours, l.expectedUnitPrice, account.priceTolerancePercent);
    if (discrepancy && l.resolved) {
      const orderedUnits = new Dec(l.quantity).div(factor);
      exceptions.push({
        type: "price_discrepancy",
        summary: `${po}line ${l.lineNo} (${l.sku}): price ${ours} expected ${l.expectedUnitPrice}`,
        blocking: true,
        lineNo: l.lineNo,
        amount: new Dec(ours!)
          .minus(l.expectedUnitPrice!)
          .abs()
          .times(orderedUnits)
          .toDecimalPlaces(2)
          .toFixed(2),
        data: { ourUnitPrice: ours, expectedUnitPrice: l.expectedUnitPrice, ...discrepancy },
        facts: { discount_pct: discrepancy.discountPct, difference_pct: discrepancy.differencePct },
      });
    }
    const disposition = backorderDisposition(account.shipPolicy, l.backorderedQuantity, l.backorderEta);
    if (disposition.raise) {
      exceptions.push({
        type: "backorder",
        summary: `${po}line ${l.lineNo} (${l.sku}): ${l.backorderedQuantity} of ${l.quantity} backordered, ${
          l.backorderEta ? `expected ${l.backorderEta}` : "no inbound supply"
        }${account.shipPolicy === "complete" ? "; the account ships complete" : ""}`,
        blocking: disposition.blocking,
        lineNo: l.lineNo,
        amount: null,
        data: { backordered: l.backorderedQuantity, eta: l.backorderEta, shipPolicy: account.shipPolicy },
      });
    }
  }
  const taken = new Map<number, number>();
  for (const d of stock) taken.set(d.itemId, (taken.get(d.itemId) ?? 0) + d.quantity);
  const substitutes = await proposeSubstitutes(
    client,
    lines.flatMap((l) =>
      l.itemId !== null && l.backorderedQuantity > 0
        ? [{ itemId: l.itemId, quantity: l.backorderedQuantity }]
        : [],
    ),
    taken,
  );
  for (const l of lines) {
    const proposal = l.itemId === null || l.backorderedQuantity <= 0 ? undefined : substitutes.get(l.itemId);
    if (!proposal) continue;
    // Never blocking by itself: a ship-complete account's backorder exception holds the order.
    exceptions.push({
      type: "substitution_awaiting_customer",
      summary: `${po}line ${l.lineNo} (${l.sku}): ${l.backorderedQuantity} short; propose ${proposal.substituteSku} ${proposal.substituteName} (${proposal.available} in stock)`,
      blocking: false,
      lineNo: l.lineNo,
      amount: null,
      data: { ...proposal, sku: l.sku, quantity: l.backorderedQuantity, eta: l.backorderEta },
    });
  }
  for (const v of priced?.priced.violations ?? []) {
    exceptions.push({
      type: violationExceptionType(v.code),
      summary: `${po}${v.message}`,
      blocking: true,
      lineNo: null,
      amount: total,
      data: { violation: v },
    });
  }

  const duplicateOf = state.duplicateOf;
  if (duplicateOf.length) {
    exceptions.push({
      type: "duplicate_po",
      summary: `PO ${request.poNumber} was already ordered on ${duplicateOf.join(", ")}`,
      blocking: true,
      lineNo: null,
      amount: total,
      data: { poNumber: request.poNumber, orders: duplicateOf },
    });
  }

  const { credit, exception } = checkCredit(account, state.exposure, total);
  if (exception) exceptions.push(exception);

  return {
    currency: account.currency,
    total,
    lines,
    violations: priced?.priced.violations ?? [],
    warnings: priced?.priced.warnings ?? [],
    credit,
    duplicateOf,
    promiseDate: promise.order,
    exceptions,
    stock,
    items: new Map(
      [...(priced?.loaded.itemsBySku.values() ?? [])].map((i) => [
        i.id,
        { name: i.name, baseUnit: i.baseUnit },
      ]),
    ),
  };
}

function unresolvedError(resolved: Resolved): DomainError {
  const bad = resolved.lines.flatMap((l) => (l.ok ? [] : [l]));
  const unknown = bad.filter((l) => l.code === "ITEM_UNRESOLVED" || l.code === "ITEM_IDS_CONFLICT");
  if (unknown.length === bad.length) {
    const skus = [...new Set(unknown.map((l) => describeItem(l.request.item)))];
    return new DomainError("UNKNOWN_SKU", `Unknown SKU${skus.length > 1 ? "s" : ""}: ${skus.join(", ")}`, {
      skus,
    });
  }
  return new DomainError("VALIDATION_FAILED", bad.map((l) => `line ${l.lineNo}: ${l.message}`).join("; "), {
    lines: bad.map((l) => ({ lineNo: l.lineNo, code: l.code, message: l.message })),
  });
}
