// Exception types, resolution actions and the defaults a new installation starts with (all data:
// admins change them in the tables; these only seed an empty database).
import type { Role } from "../auth/schema.ts";

export const EXCEPTION_TYPES = [
  "price_discrepancy",
  "credit_hold",
  "below_moq",
  "unresolved_item",
  "backorder",
  "substitution_awaiting_customer",
  "duplicate_po",
] as const;
export type ExceptionType = (typeof EXCEPTION_TYPES)[number];

export const RESOLUTION_ACTIONS = [
  "approve_price",
  "override_credit",
  "release_credit",
  "accept_substitution",
  "decline_substitution",
  "cancel_line",
  "split",
  "release_hold",
  "reject",
] as const;
export type ResolutionAction = (typeof RESOLUTION_ACTIONS)[number];

// Actions that grant something the rules guard: when the exception carries an approval role,
// only that role (or an admin) may take them.
export const APPROVING_ACTIONS: readonly ResolutionAction[] = [
  "approve_price",
  "override_credit",
  "release_credit",
  "release_hold",
];

/** Who acts: a signed-in user, or the system (escalation job, intake without a user). */
export type Actor = { userId: number | null; name: string; role: Role | null };
export const SYSTEM_ACTOR: Actor = { userId: null, name: "system", role: null };

export type EscalationLevelDefault = { role: Role; slaMinutes?: number };
export type ExceptionTypeDefault = {
  code: ExceptionType;
  name: string;
  slaMinutes: number;
  defaultRole: Role;
  actions: ResolutionAction[];
  escalation: EscalationLevelDefault[];
};

export const DEFAULT_EXCEPTION_TYPES: ExceptionTypeDefault[] = [
  {
    code: "price_discrepancy",
    name: "Price discrepancy",
    slaMinutes: 240,
    defaultRole: "order_desk",
    actions: ["approve_price", "cancel_line", "reject"],
    escalation: [{ role: "sales_manager" }, { role: "admin" }],
  },
  {
    code: "credit_hold",
    name: "Credit hold",
    slaMinutes: 240,
    defaultRole: "finance",
    actions: ["override_credit", "release_credit", "release_hold", "reject"],
    escalation: [{ role: "finance" }, { role: "admin" }],
  },
  {
    code: "below_moq",
    name: "Below minimum order quantity",
    slaMinutes: 480,
    defaultRole: "order_desk",
    actions: ["release_hold", "cancel_line", "reject"],
    escalation: [{ role: "sales_manager" }],
  },
  {
    code: "unresolved_item",
    name: "Unresolved item",
    slaMinutes: 120,
    defaultRole: "order_desk",
    actions: ["cancel_line", "release_hold", "reject"],
    escalation: [{ role: "sales_manager" }, { role: "admin" }],
  },
  {
    code: "backorder",
    name: "Backorder",
    slaMinutes: 1440,
    defaultRole: "order_desk",
    actions: ["split", "cancel_line", "release_hold", "reject"],
    escalation: [{ role: "sales_manager" }],
  },
  {
    code: "substitution_awaiting_customer",
    name: "Substitution awaiting customer",
    slaMinutes: 1440,
    defaultRole: "sales_rep",
    actions: ["accept_substitution", "decline_substitution", "cancel_line", "reject"],
    escalation: [{ role: "sales_manager" }],
  },
  {
    code: "duplicate_po",
    name: "Duplicate PO number",
    slaMinutes: 120,
    defaultRole: "order_desk",
    actions: ["release_hold", "reject"],
    escalation: [{ role: "sales_manager" }],
  },
];

export type ApprovalRuleDefault = {
  typeCode: ExceptionType | null;
  metric: string;
  threshold: string;
  level: number;
  approverRole: Role;
  description: string;
};

// Facts the intake pipeline reports with an exception (percentages as decimal strings, 12.5 = 12.5%).
export const DEFAULT_APPROVAL_RULES: ApprovalRuleDefault[] = [
  {
    typeCode: "price_discrepancy",
    metric: "discount_pct",
    threshold: "10",
    level: 1,
    approverRole: "sales_manager",
    description: "A discount over 10% needs a sales manager",
  },
  {
    typeCode: "price_discrepancy",
    metric: "discount_pct",
    threshold: "25",
    level: 2,
    approverRole: "admin",
    description: "A discount over 25% needs an admin",
  },
  {
    typeCode: "credit_hold",
    metric: "over_limit_pct",
    threshold: "20",
    level: 1,
    approverRole: "finance",
    description: "Credit more than 20% over the limit needs finance",
  },
];
