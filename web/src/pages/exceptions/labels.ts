// Words for exception types, resolution actions, owners and deadlines.
import dayjs from "dayjs";
import type { Id, Role } from "../../api/types";
import { ROLE_LABELS } from "../../lib/status";

export const TYPE_LABELS: Record<string, string> = {
  price_discrepancy: "Price discrepancy",
  credit_hold: "Credit hold",
  below_moq: "Below minimum / pack rule",
  unresolved_item: "Unresolved item",
  backorder: "Backorder",
  substitution_awaiting_customer: "Substitution awaiting customer",
  duplicate_po: "Duplicate PO",
};

/** Shorter names for the inbox table's badges. */
export const SHORT_TYPE_LABELS: Record<string, string> = {
  below_moq: "Below minimum",
  substitution_awaiting_customer: "Substitution",
};

export const TYPE_COLORS: Record<string, string> = {
  price_discrepancy: "grape",
  credit_hold: "red",
  below_moq: "yellow",
  unresolved_item: "orange",
  backorder: "blue",
  substitution_awaiting_customer: "teal",
  duplicate_po: "gray",
};

const humanize = (s: string) => s.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase());

export const typeLabel = (type: string) => TYPE_LABELS[type] ?? humanize(type);

export interface ActionMeta {
  label: string;
  /** What the server does when this action is taken. */
  effect: string;
  color: string;
  /** Shown as a red outline: gives something up (a line, the order). */
  destructive?: boolean;
}

export const ACTIONS: Record<string, ActionMeta> = {
  approve_price: {
    label: "Approve price",
    effect: "The line sells at the buyer's expected price.",
    color: "teal",
  },
  override_credit: {
    label: "Override credit",
    effect: "The credit hold is lifted for this order; the limit stays as it is.",
    color: "teal",
  },
  release_credit: {
    label: "Release credit",
    effect: "The credit hold is lifted (credit cleared, e.g. after a payment).",
    color: "teal",
  },
  release_hold: {
    label: "Release hold",
    effect: "The order goes ahead as it is.",
    color: "teal",
  },
  split: {
    label: "Split backorder",
    effect: "What is in stock ships now; the backordered rest follows on the same order.",
    color: "blue",
  },
  accept_substitution: {
    label: "Accept substitution",
    effect: "The short quantity switches to the proposed substitute item.",
    color: "teal",
  },
  decline_substitution: {
    label: "Decline substitution",
    effect: "No substitute: the short quantity stays on backorder for the original item.",
    color: "gray",
  },
  cancel_line: {
    label: "Cancel line",
    effect: "This exception's line is cancelled; the rest of the order stays.",
    color: "orange",
    destructive: true,
  },
  reject: {
    label: "Reject order",
    effect: "The whole order is cancelled.",
    color: "red",
    destructive: true,
  },
};

export const actionMeta = (action: string): ActionMeta =>
  ACTIONS[action] ?? { label: humanize(action), effect: "", color: "gray" };

export function roleLabel(role: string | null | undefined): string {
  if (!role) return "—";
  return ROLE_LABELS[role as Role] ?? humanize(role);
}

export function ownerLabel(
  e: { ownerRole: string | null; ownerUserId: number | null; ownerName?: string | null },
  me: Id | undefined,
): string {
  if (e.ownerUserId !== null && String(e.ownerUserId) === String(me)) return "You";
  if (e.ownerUserId !== null)
    return `${e.ownerName ?? `user #${e.ownerUserId}`} (${roleLabel(e.ownerRole).toLowerCase()})`;
  return roleLabel(e.ownerRole);
}

/** "in 3 h", "in 2 days", "just overdue", "25 min overdue", "3 days overdue". */
export function relativeDeadline(deadline: string, now: number = Date.now()): string {
  const diff = dayjs(deadline).valueOf() - now;
  const minutes = Math.floor(Math.abs(diff) / 60_000);
  if (minutes < 1) return diff >= 0 ? "due now" : "just overdue";
  const span =
    minutes < 60
      ? `${minutes} min`
      : minutes < 48 * 60
        ? `${Math.round(minutes / 60)} h`
        : `${Math.round(minutes / 1440)} days`;
  return diff >= 0 ? `in ${span}` : `${span} overdue`;
}

/** The audit trail's actions in words ("resolved:approve_price" → "Resolved: approve price"). */
export function auditActionLabel(action: string): string {
  const [verb, detail] = action.split(":");
  const verbs: Record<string, string> = {
    raised: "Raised",
    created: "Raised",
    resolved: "Resolved",
    cancelled: "Cancelled",
    assigned: "Reassigned",
    escalated: "Escalated",
  };
  const head = verbs[verb] ?? humanize(verb);
  return detail ? `${head} — ${actionMeta(detail).label.toLowerCase()}` : head;
}
