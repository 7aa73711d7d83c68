import { Badge } from "@mantine/core";
import type { OrderStatus } from "../api/types";
import { STATUS_META } from "../lib/status";

export function StatusBadge({
  status,
  size = "sm",
}: {
  status: OrderStatus;
  size?: "xs" | "sm" | "md" | "lg";
}) {
  const meta = STATUS_META[status] ?? { label: status, color: "gray" };
  return (
    <Badge
      color={meta.color}
      variant="light"
      size={size}
      tt="none"
      fw={600}
      className="status-badge"
      data-status={status}
    >
      {meta.label}
    </Badge>
  );
}
