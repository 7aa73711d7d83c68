import type { OrderStatus, Role } from "../api/types";

export const STATUS_META: Record<OrderStatus, { label: string; color: string }> = {
  draft: { label: "Draft", color: "gray" },
  on_hold: { label: "On hold", color: "orange" },
  confirmed: { label: "Confirmed", color: "blue" },
  picking: { label: "Picking", color: "violet" },
  shipped: { label: "Shipped", color: "teal" },
  invoiced: { label: "Invoiced", color: "cyan" },
  closed: { label: "Closed", color: "dark" },
  cancelled: { label: "Cancelled", color: "red" },
};

export function statusLabel(status: string): string {
  return STATUS_META[status as OrderStatus]?.label ?? status;
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  order_desk: "Order desk",
  sales_rep: "Sales rep",
  sales_manager: "Sales manager",
  finance: "Finance",
  warehouse: "Warehouse",
  buyer: "Buyer",
};

export const CHANNEL_LABELS: Record<string, string> = {
  desk: "Order desk",
  order_desk: "Order desk",
  portal: "Portal",
  rep: "Rep app",
  edi: "EDI",
  email: "Email",
  csv: "CSV upload",
  api: "API",
  phone: "Phone",
};

export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? channel.replace(/_/g, " ");
}

/** Roles that may key new orders in the staff area. */
export const ORDER_ENTRY_ROLES: readonly Role[] = ["admin", "order_desk", "sales_rep", "sales_manager"];

export function homeFor(role: Role): string {
  return role === "buyer" ? "/portal/orders" : "/desk/orders";
}
