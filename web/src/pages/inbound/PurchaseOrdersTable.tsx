// The purchase orders table: a row (click or Enter) opens the purchase order.
import { Badge, Table, Text } from "@mantine/core";
import dayjs from "dayjs";
import { formatDate } from "../../lib/dates";
import { PO_STATUS_COLORS, type PurchaseOrder, poStatusLabel } from "./api";
import { ReceivedProgress } from "./ReceivedProgress";

export function PurchaseOrdersTable({
  rows,
  onOpen,
}: {
  rows: PurchaseOrder[];
  onOpen: (id: number) => void;
}) {
  const today = dayjs().format("YYYY-MM-DD");
  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table highlightOnHover className="data-table" data-testid="purchase-orders-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>PO number</Table.Th>
            <Table.Th>Supplier</Table.Th>
            <Table.Th>Warehouse</Table.Th>
            <Table.Th>Expected</Table.Th>
            <Table.Th className="num">Lines</Table.Th>
            <Table.Th w={200}>Received / ordered</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((po) => {
            const late = po.status === "open" && po.expectedDate < today;
            return (
              <Table.Tr
                key={po.id}
                className="clickable-row"
                tabIndex={0}
                onClick={() => onOpen(po.id)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") onOpen(po.id);
                }}
                data-testid="po-row"
                data-po-number={po.number}
                data-status={po.status}
              >
                <Table.Td className="mono" fw={600} style={{ whiteSpace: "nowrap" }}>
                  {po.number}
                </Table.Td>
                <Table.Td>{po.supplier}</Table.Td>
                <Table.Td className="mono">{po.warehouseCode}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Text size="sm" span c={late ? "red.7" : undefined} fw={late ? 600 : undefined}>
                    {formatDate(po.expectedDate)}
                  </Text>
                  {late && (
                    <Text size="xs" c="red.7" span ml={6}>
                      late
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="num">{po.lines.length}</Table.Td>
                <Table.Td>
                  <ReceivedProgress po={po} testId="po-received" barWidth={80} minWidth={96} />
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={PO_STATUS_COLORS[po.status] ?? "gray"} tt="none">
                    {poStatusLabel(po.status)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
