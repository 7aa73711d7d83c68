// The order status machine: the only transitions allowed, declared in one table.
import { DomainError } from "../../lib/errors.ts";

export const ORDER_STATUSES = [
  "draft",
  "on_hold",
  "confirmed",
  "picking",
  "shipped",
  "invoiced",
  "closed",
  "cancelled",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  draft: ["on_hold", "confirmed", "cancelled"],
  on_hold: ["confirmed", "cancelled"],
  confirmed: ["on_hold", "picking", "cancelled"],
  picking: ["shipped", "confirmed"],
  shipped: ["invoiced"],
  invoiced: ["closed"],
  closed: [],
  cancelled: [],
};

export function canTransition(from: OrderStatus | null, to: OrderStatus): boolean {
  if (from === null) return to === "draft" || to === "on_hold" || to === "confirmed";
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: OrderStatus | null, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError("CONFLICT", `An order cannot go from ${from ?? "(new)"} to ${to}`, { from, to });
  }
}
