import { Text, Timeline } from "@mantine/core";
import { IconCircleCheck, IconCircleX, IconPlayerPause, IconPoint } from "@tabler/icons-react";
import type { StatusChange } from "../../api/types";
import { formatDateTime } from "../../lib/dates";
import { STATUS_META, statusLabel } from "../../lib/status";

function bulletFor(status: string) {
  if (status === "cancelled") return <IconCircleX size={14} />;
  if (status === "on_hold") return <IconPlayerPause size={14} />;
  if (status === "confirmed" || status === "closed") return <IconCircleCheck size={14} />;
  return <IconPoint size={14} />;
}

export function StatusHistory({ history }: { history: StatusChange[] }) {
  if (history.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No status changes recorded yet.
      </Text>
    );
  }
  const sorted = [...history].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline active={sorted.length - 1} bulletSize={22} lineWidth={2} data-testid="status-history">
      {sorted.map((h) => (
        <Timeline.Item
          key={`${h.at}-${h.fromStatus}-${h.toStatus}`}
          bullet={bulletFor(h.toStatus)}
          color={STATUS_META[h.toStatus]?.color ?? "gray"}
          title={
            <Text size="sm" fw={600}>
              {h.fromStatus
                ? `${statusLabel(h.fromStatus)} → ${statusLabel(h.toStatus)}`
                : statusLabel(h.toStatus)}
            </Text>
          }
        >
          <Text size="xs" c="dimmed">
            {formatDateTime(h.at)}
            {h.userName ? ` · ${h.userName}` : ""}
          </Text>
          {h.reason && (
            <Text size="sm" mt={4}>
              {h.reason}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
