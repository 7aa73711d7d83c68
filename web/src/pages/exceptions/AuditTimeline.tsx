// The exception's append-only audit trail as a timeline: who did what, when, why, and what changed.
import { Text, ThemeIcon, Timeline } from "@mantine/core";
import {
  IconArrowUpRight,
  IconCheck,
  IconCircleDot,
  IconFlag,
  IconUserShare,
  IconX,
} from "@tabler/icons-react";
import { formatDateTime } from "../../lib/dates";
import type { AuditEntry } from "./api";
import { auditActionLabel, roleLabel } from "./labels";

function iconFor(action: string) {
  if (action.startsWith("resolved")) return { icon: <IconCheck size={12} />, color: "teal" };
  if (action === "cancelled") return { icon: <IconX size={12} />, color: "gray" };
  if (action === "assigned") return { icon: <IconUserShare size={12} />, color: "blue" };
  if (action === "escalated") return { icon: <IconArrowUpRight size={12} />, color: "orange" };
  if (action === "raised") return { icon: <IconFlag size={12} />, color: "red" };
  return { icon: <IconCircleDot size={12} />, color: "gray" };
}

/** What moved between before and after, for owner and escalation changes. */
function changeNote(entry: AuditEntry): string | null {
  const b = entry.before ?? {};
  const a = entry.after ?? {};
  const notes: string[] = [];
  if (b.ownerRole !== a.ownerRole || b.ownerUserId !== a.ownerUserId) {
    const who = (s: Record<string, unknown>) =>
      s.ownerUserId
        ? `${roleLabel(String(s.ownerRole))} · user #${s.ownerUserId}`
        : roleLabel(String(s.ownerRole));
    if (entry.before && a.ownerRole !== undefined) notes.push(`owner ${who(b)} → ${who(a)}`);
  }
  if (b.escalationLevel !== undefined && b.escalationLevel !== a.escalationLevel) {
    notes.push(`escalation level ${b.escalationLevel} → ${a.escalationLevel}`);
  }
  if (b.deadline && a.deadline && b.deadline !== a.deadline) {
    notes.push(`due ${formatDateTime(String(a.deadline))}`);
  }
  return notes.length ? notes.join(" · ") : null;
}

export function AuditTimeline({ audit }: { audit: AuditEntry[] }) {
  if (audit.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nothing recorded yet.
      </Text>
    );
  }
  return (
    <Timeline bulletSize={22} lineWidth={2} active={audit.length - 1} data-testid="audit-trail">
      {audit.map((entry) => {
        const { icon, color } = iconFor(entry.action);
        const note = changeNote(entry);
        return (
          <Timeline.Item
            key={entry.id}
            bullet={
              <ThemeIcon size={22} radius="xl" color={color} variant="light">
                {icon}
              </ThemeIcon>
            }
            title={
              <Text size="sm" fw={600}>
                {auditActionLabel(entry.action)}
              </Text>
            }
            data-testid="audit-entry"
            data-action={entry.action}
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(entry.at)} · {entry.actor}
            </Text>
            {entry.reason && (
              <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap" }} data-testid="audit-reason">
                “{entry.reason}”
              </Text>
            )}
            {note && (
              <Text size="xs" c="dimmed" mt={2}>
                {note}
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
