import { Anchor, Group, Table, Text, UnstyledButton } from "@mantine/core";
import { IconArrowDown, IconArrowsSort, IconArrowUp } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link, useNavigate } from "react-router-dom";
import type { OrderSort, OrderSummary } from "../../api/types";
import { StatusBadge } from "../../components/StatusBadge";
import { formatDate } from "../../lib/dates";
import { formatMoney } from "../../lib/money";

type SortField = "orderedAt" | "total" | "number";

function SortHeader({
  field,
  sort,
  onSort,
  children,
  align = "left",
}: {
  field: SortField;
  sort: OrderSort;
  onSort: (sort: OrderSort) => void;
  children: ReactNode;
  align?: "left" | "right";
}) {
  const active = sort === field || sort === `-${field}`;
  const descending = sort === `-${field}`;
  // First click on a column sorts newest/largest first.
  const next: OrderSort = active && descending ? field : (`-${field}` as OrderSort);
  const Icon = !active ? IconArrowsSort : descending ? IconArrowDown : IconArrowUp;
  return (
    <Table.Th
      aria-sort={active ? (descending ? "descending" : "ascending") : "none"}
      style={{ textAlign: align, whiteSpace: "nowrap" }}
    >
      <UnstyledButton onClick={() => onSort(next)} data-testid={`sort-${field}`} fw={600} fz="sm">
        <Group gap={4} wrap="nowrap" justify={align === "right" ? "flex-end" : "flex-start"}>
          <span>{children}</span>
          <Icon size={14} stroke={2} style={{ opacity: active ? 1 : 0.4 }} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

export function OrdersTable({
  orders,
  sort,
  onSort,
  basePath,
  showAccount,
}: {
  orders: OrderSummary[];
  sort: OrderSort;
  onSort: (sort: OrderSort) => void;
  basePath: string;
  showAccount: boolean;
}) {
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={showAccount ? 900 : 720} type="native">
      <Table highlightOnHover className="data-table" data-testid="orders-table">
        <Table.Thead>
          <Table.Tr>
            <SortHeader field="number" sort={sort} onSort={onSort}>
              Order
            </SortHeader>
            <SortHeader field="orderedAt" sort={sort} onSort={onSort}>
              Date
            </SortHeader>
            {showAccount && <Table.Th miw={220}>Account</Table.Th>}
            <Table.Th>Ship to</Table.Th>
            <Table.Th>PO number</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th className="num">Lines</Table.Th>
            <SortHeader field="total" sort={sort} onSort={onSort} align="right">
              Total
            </SortHeader>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.map((order) => {
            const href = `${basePath}/${order.id}`;
            return (
              <Table.Tr
                key={order.id}
                className="clickable-row"
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest("a")) return;
                  navigate(href);
                }}
                data-testid="order-row"
                data-account-id={order.accountId}
                data-order-number={order.number}
              >
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Anchor component={Link} to={href} fw={600} className="mono" fz="sm">
                    {order.number}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(order.orderedAt)}</Table.Td>
                {showAccount && (
                  <Table.Td>
                    <Text size="sm" fw={500} lineClamp={1}>
                      {order.accountName}
                    </Text>
                    <Text size="xs" c="dimmed" className="mono">
                      {order.accountNumber}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <Text size="sm" lineClamp={1}>
                    {order.shipToName ?? "—"}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Text size="sm" c={order.poNumber ? undefined : "dimmed"}>
                    {order.poNumber ?? "—"}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <StatusBadge status={order.status} />
                </Table.Td>
                <Table.Td className="num">{order.lineCount}</Table.Td>
                <Table.Td className="num" fw={600} data-testid="order-total">
                  {formatMoney(order.total, order.currency)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
