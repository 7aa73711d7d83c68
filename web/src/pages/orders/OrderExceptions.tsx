import { Anchor, Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import type { OrderException } from "../../api/types";
import { formatDateTime } from "../../lib/dates";

const TYPE_LABELS: Record<string, string> = {
  credit_hold: "Credit hold",
  duplicate_po: "Duplicate PO",
  price_discrepancy: "Price discrepancy",
  unresolved_item: "Unresolved item",
  below_moq: "Below minimum / pack rule",
  backorder: "Backorder",
  substitution_awaiting_customer: "Substitution awaiting customer",
};

const typeLabel = (type: string) => TYPE_LABELS[type] ?? type.replaceAll("_", " ");

/** What holds (or needs attention on) this order. Staff see owners and deadlines; buyers only the kind. */
export function OrderExceptions({ exceptions }: { exceptions: OrderException[] }) {
  if (exceptions.length === 0) return null;
  return (
    <Paper p="lg" shadow="xs" data-testid="order-exceptions">
      <Group gap={8} mb="sm">
        <IconAlertTriangle size={18} color="var(--mantine-color-orange-7)" />
        <Title order={4} fz="md">
          {exceptions.some((e) => e.blocking && e.status === "open") ? "Waiting on review" : "Exceptions"}
        </Title>
      </Group>
      <Stack gap="sm">
        {exceptions.map((e, i) => (
          <Group
            key={e.id ?? i}
            justify="space-between"
            align="flex-start"
            wrap="nowrap"
            data-testid="order-exception"
          >
            <div>
              <Group gap={6}>
                {e.id !== undefined && e.summary ? (
                  // Staff (who get ids and summaries) open the exception to resolve it.
                  <Anchor component={Link} to={`/desk/exceptions/${e.id}`} size="sm" fw={600}>
                    {typeLabel(e.type)}
                  </Anchor>
                ) : (
                  <Text size="sm" fw={600}>
                    {typeLabel(e.type)}
                  </Text>
                )}
                {e.lineNo !== null && (
                  <Text size="xs" c="dimmed">
                    line {e.lineNo}
                  </Text>
                )}
              </Group>
              {e.summary && (
                <Text size="sm" c="dimmed">
                  {e.summary}
                </Text>
              )}
              {e.ownerRole && (
                <Text size="xs" c="dimmed">
                  Owner: {e.ownerRole.replaceAll("_", " ")}
                  {e.deadline ? ` · due ${formatDateTime(e.deadline)}` : ""}
                </Text>
              )}
            </div>
            <Group gap={6} wrap="nowrap">
              {e.overdue && e.status === "open" && (
                <Badge color="red" variant="filled" size="sm" tt="none">
                  Overdue
                </Badge>
              )}
              <Badge color={e.status === "open" ? "orange" : "gray"} variant="light" size="sm" tt="none">
                {e.status.charAt(0).toUpperCase() + e.status.slice(1)}
              </Badge>
            </Group>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
