import { Group, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconChevronRight } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import type { OrderSummary } from "../../api/types";
import { StatusBadge } from "../../components/StatusBadge";
import { formatDate } from "../../lib/dates";
import { formatMoney } from "../../lib/money";

/** The order list on a phone: one tappable block per order instead of a wide table. */
export function OrdersCards({
  orders,
  basePath,
  showAccount,
}: {
  orders: OrderSummary[];
  basePath: string;
  showAccount: boolean;
}) {
  return (
    <Stack gap={0} data-testid="orders-table">
      {orders.map((order) => (
        <UnstyledButton
          key={order.id}
          component={Link}
          to={`${basePath}/${order.id}`}
          px="md"
          py="sm"
          style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}
          data-testid="order-row"
          data-account-id={order.accountId}
          data-order-number={order.number}
        >
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Group gap="xs" wrap="nowrap">
                <Text fw={600} size="sm" c="sea.7" className="mono">
                  {order.number}
                </Text>
                <StatusBadge status={order.status} />
              </Group>
              <Text size="xs" c="dimmed" truncate>
                {formatDate(order.orderedAt)}
                {showAccount ? ` · ${order.accountName}` : ""}
                {order.poNumber ? ` · PO ${order.poNumber}` : ""}
              </Text>
            </Stack>
            <Group gap={6} wrap="nowrap">
              <Stack gap={0} align="flex-end">
                <Text size="sm" fw={600} className="num">
                  {formatMoney(order.total, order.currency)}
                </Text>
                <Text size="xs" c="dimmed">
                  {order.lineCount} {order.lineCount === 1 ? "line" : "lines"}
                </Text>
              </Stack>
              <IconChevronRight size={16} color="var(--mantine-color-gray-5)" />
            </Group>
          </Group>
        </UnstyledButton>
      ))}
    </Stack>
  );
}
