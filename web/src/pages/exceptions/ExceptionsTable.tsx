// The inbox table: type, summary, order, owner, deadline (relative; red when overdue), status.
import { Badge, Group, Table, Text, Tooltip } from "@mantine/core";
import { IconAlertTriangleFilled, IconLock } from "@tabler/icons-react";
import type { Id } from "../../api/types";
import { formatDateTime } from "../../lib/dates";
import type { ExceptionRow } from "./api";
import { OrderRef } from "./ExceptionFacts";
import {
  actionMeta,
  ownerLabel,
  relativeDeadline,
  roleLabel,
  SHORT_TYPE_LABELS,
  TYPE_COLORS,
  typeLabel,
} from "./labels";

export function TypeBadge({
  type,
  size = "sm",
  short,
}: {
  type: string;
  size?: "sm" | "md" | "lg";
  short?: boolean;
}) {
  return (
    <Badge
      color={TYPE_COLORS[type] ?? "gray"}
      variant="light"
      size={size}
      tt="none"
      fw={600}
      data-type={type}
      style={{ flexShrink: 0 }}
    >
      {(short && SHORT_TYPE_LABELS[type]) || typeLabel(type)}
    </Badge>
  );
}

export function Deadline({ e }: { e: ExceptionRow }) {
  if (e.status !== "open") {
    return (
      <Text size="sm" c="dimmed">
        {e.resolvedAt ? formatDateTime(e.resolvedAt) : "—"}
      </Text>
    );
  }
  return (
    <Tooltip label={`Due ${formatDateTime(e.deadline)}`} withArrow>
      <Group gap={4} wrap="nowrap" data-testid="exception-deadline" data-overdue={e.overdue}>
        {e.overdue && <IconAlertTriangleFilled size={14} color="var(--mantine-color-red-7)" />}
        <Text size="sm" c={e.overdue ? "red.7" : undefined} fw={e.overdue ? 700 : 500}>
          {relativeDeadline(e.deadline)}
        </Text>
      </Group>
    </Tooltip>
  );
}

export function ExceptionStatus({ e, withAction }: { e: ExceptionRow; withAction?: boolean }) {
  const color = e.status === "open" ? "orange" : e.status === "resolved" ? "teal" : "gray";
  const label = e.status.charAt(0).toUpperCase() + e.status.slice(1);
  return (
    <div>
      <Badge color={color} variant="light" size="sm" tt="none" data-testid="exception-status">
        {label}
      </Badge>
      {withAction && e.status === "resolved" && e.resolutionAction && (
        <Text size="xs" c="dimmed" mt={2}>
          {actionMeta(e.resolutionAction).label}
        </Text>
      )}
    </div>
  );
}

export function ExceptionsTable({
  exceptions,
  selectedId,
  me,
  onOpen,
}: {
  exceptions: ExceptionRow[];
  selectedId: string | undefined;
  me: Id | undefined;
  onOpen: (id: number) => void;
}) {
  const anyClosed = exceptions.some((e) => e.status !== "open");
  return (
    <Table.ScrollContainer minWidth={960} type="native">
      <Table highlightOnHover className="data-table" data-testid="exceptions-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={190}>Type</Table.Th>
            <Table.Th>Summary</Table.Th>
            <Table.Th w={150}>Order</Table.Th>
            <Table.Th w={170}>Owner</Table.Th>
            <Table.Th w={140}>{anyClosed ? "Due / closed" : "Due"}</Table.Th>
            {anyClosed && <Table.Th w={150}>Status</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {exceptions.map((e) => {
            const selected = String(e.id) === selectedId;
            return (
              <Table.Tr
                key={e.id}
                className="clickable-row"
                tabIndex={0}
                onClick={() => onOpen(e.id)}
                onKeyDown={(ev) => {
                  if (ev.key === "Enter") onOpen(e.id);
                }}
                bg={
                  selected
                    ? "var(--mantine-color-sea-light)"
                    : e.overdue
                      ? "var(--mantine-color-red-0)"
                      : undefined
                }
                data-testid="exception-row"
                data-exception-id={e.id}
                data-type={e.type}
                data-order-number={String(e.data.orderNumber ?? "")}
                data-overdue={e.overdue}
                data-deadline={e.deadline}
                aria-selected={selected}
              >
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <TypeBadge type={e.type} short />
                    {e.approvalRole && e.status === "open" && (
                      <Tooltip label={`Needs approval by ${roleLabel(e.approvalRole).toLowerCase()}`}>
                        <IconLock
                          size={14}
                          color="var(--mantine-color-grape-7)"
                          aria-label="Needs approval"
                        />
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {e.summary}
                  </Text>
                  {e.accountName && (
                    <Text size="xs" c="dimmed" data-testid="exception-account">
                      {e.accountName}
                      {e.accountNumber ? ` · ${e.accountNumber}` : ""}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <OrderRef exception={e} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{ownerLabel(e, me)}</Text>
                  {e.escalationLevel > 0 && (
                    <Text size="xs" c="orange.8">
                      escalated ×{e.escalationLevel}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Deadline e={e} />
                </Table.Td>
                {anyClosed && (
                  <Table.Td>
                    <ExceptionStatus e={e} withAction />
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
