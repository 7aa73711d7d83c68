import { describe, expect, it } from "vitest";
import { type ApprovalRule, pickRoute, type RoutingRule, requiredApprovalLevel } from "./rules.ts";

const approvalRules: ApprovalRule[] = [
  {
    id: 1,
    typeCode: "price_discrepancy",
    metric: "discount_pct",
    threshold: "10",
    level: 1,
    approverRole: "sales_manager",
    description: "",
  },
  {
    id: 2,
    typeCode: "price_discrepancy",
    metric: "discount_pct",
    threshold: "25",
    level: 2,
    approverRole: "admin",
    description: "",
  },
  {
    id: 3,
    typeCode: "credit_hold",
    metric: "over_limit_pct",
    threshold: "20",
    level: 1,
    approverRole: "finance",
    description: "",
  },
  {
    id: 4,
    typeCode: null,
    metric: "amount",
    threshold: "100000",
    level: 3,
    approverRole: "admin",
    description: "",
  },
];

describe("requiredApprovalLevel", () => {
  it.each([
    ["price_discrepancy", { discount_pct: "5" }, null],
    ["price_discrepancy", { discount_pct: "10" }, null], // strictly greater than the threshold
    ["price_discrepancy", { discount_pct: "10.01" }, { level: 1, role: "sales_manager" }],
    ["price_discrepancy", { discount_pct: 25 }, { level: 1, role: "sales_manager" }],
    ["price_discrepancy", { discount_pct: "25.0001" }, { level: 2, role: "admin" }],
    ["price_discrepancy", { over_limit_pct: "50" }, null], // another type's rule
    ["credit_hold", { over_limit_pct: "20" }, null],
    ["credit_hold", { over_limit_pct: "20.5" }, { level: 1, role: "finance" }],
    ["credit_hold", { discount_pct: "90" }, null],
    ["credit_hold", { over_limit_pct: "30", amount: "100000.01" }, { level: 3, role: "admin" }], // any-type rule
    ["backorder", {}, null],
    ["backorder", { discount_pct: null, amount: "" }, null],
  ] as const)("%s %j → %j", (type, facts, expected) => {
    const result = requiredApprovalLevel(approvalRules, facts, type);
    expect(result && { level: result.level, role: result.role }).toEqual(expected);
  });
});

const route = (r: Partial<RoutingRule> & { id: number }): RoutingRule => ({
  typeCode: null,
  accountId: null,
  minAmount: null,
  maxAmount: null,
  ownerRole: "order_desk",
  ownerUserId: null,
  priority: 0,
  ...r,
});

const routes: RoutingRule[] = [
  route({ id: 1, ownerRole: "order_desk" }),
  route({ id: 2, typeCode: "credit_hold", ownerRole: "finance" }),
  route({ id: 3, typeCode: "credit_hold", minAmount: "10000.00", ownerRole: "admin" }),
  route({ id: 4, typeCode: "price_discrepancy", accountId: 7, ownerRole: null, ownerUserId: 42 }),
  route({ id: 5, typeCode: "backorder", maxAmount: "500.00", ownerRole: "warehouse" }),
  route({ id: 6, typeCode: "duplicate_po", ownerRole: "sales_rep", priority: -1 }),
];

describe("pickRoute", () => {
  it.each([
    ["below_moq", null, null, 1],
    ["credit_hold", 3, "9999.99", 2],
    ["credit_hold", 3, "10000.00", 3], // min inclusive, more specific wins at equal priority
    ["credit_hold", 3, null, 2], // an amount rule needs an amount
    ["price_discrepancy", 7, "1.00", 4],
    ["price_discrepancy", 8, "1.00", 1],
    ["backorder", null, "499.99", 5],
    ["backorder", null, "500.00", 1], // max exclusive
    ["duplicate_po", null, null, 1], // lower priority loses to the catch-all
  ] as const)("%s account %s amount %s → rule %s", (type, accountId, amount, expected) => {
    expect(pickRoute(routes, { type, accountId, amount })?.id).toBe(expected);
  });

  it("returns null when nothing matches", () => {
    expect(pickRoute([routes[1]], { type: "backorder", accountId: null, amount: null })).toBeNull();
  });
});
