// Pure rule evaluation (no database): which routing rule owns an exception, which approval level
// it needs. Amounts and thresholds are decimal strings, compared with decimal arithmetic.
import { Dec } from "../../lib/money.ts";

export type RoutingRule = {
  id: number;
  typeCode: string | null;
  accountId: number | null;
  minAmount: string | null;
  maxAmount: string | null;
  ownerRole: string | null;
  ownerUserId: number | null;
  priority: number;
};

export type RoutingFacts = { type: string; accountId: number | null; amount: string | null };

/** The matching rule with the highest priority (ties: the more specific, then the older rule). */
export function pickRoute(rules: readonly RoutingRule[], facts: RoutingFacts): RoutingRule | null {
  let best: RoutingRule | null = null;
  for (const rule of rules) {
    if (!routeMatches(rule, facts)) continue;
    if (!best || compareRoutes(rule, best) < 0) best = rule;
  }
  return best;
}

function routeMatches(rule: RoutingRule, facts: RoutingFacts): boolean {
  if (rule.typeCode !== null && rule.typeCode !== facts.type) return false;
  if (rule.accountId !== null && rule.accountId !== facts.accountId) return false;
  if (rule.minAmount === null && rule.maxAmount === null) return true;
  if (facts.amount === null) return false;
  const amount = new Dec(facts.amount);
  if (rule.minAmount !== null && amount.lessThan(rule.minAmount)) return false;
  if (rule.maxAmount !== null && !amount.lessThan(rule.maxAmount)) return false;
  return true;
}

function specificity(rule: RoutingRule): number {
  return (
    (rule.typeCode !== null ? 4 : 0) +
    (rule.accountId !== null ? 2 : 0) +
    (rule.minAmount !== null || rule.maxAmount !== null ? 1 : 0)
  );
}

function compareRoutes(a: RoutingRule, b: RoutingRule): number {
  return b.priority - a.priority || specificity(b) - specificity(a) || a.id - b.id;
}

export type ApprovalRule = {
  id: number;
  typeCode: string | null;
  metric: string;
  threshold: string;
  level: number;
  approverRole: string;
  description: string;
};

export type ApprovalFacts = Record<string, string | number | null | undefined>;
export type RequiredApproval = { level: number; role: string; ruleId: number; description: string };

/**
 * The approval an exception needs: among rules for its type (or any type) whose metric is present
 * in `facts` and strictly greater than the threshold, the one with the highest level. Null when
 * none applies (any owner may resolve).
 */
export function requiredApprovalLevel(
  rules: readonly ApprovalRule[],
  facts: ApprovalFacts,
  type: string | null = null,
): RequiredApproval | null {
  let best: ApprovalRule | null = null;
  for (const rule of rules) {
    if (rule.typeCode !== null && type !== null && rule.typeCode !== type) continue;
    const value = facts[rule.metric];
    if (value === null || value === undefined || value === "") continue;
    if (!new Dec(value).greaterThan(rule.threshold)) continue;
    if (!best || rule.level > best.level || (rule.level === best.level && rule.id < best.id)) best = rule;
  }
  return best
    ? { level: best.level, role: best.approverRole, ruleId: best.id, description: best.description }
    : null;
}
