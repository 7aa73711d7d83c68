import { Badge, Group, Table, Text, Tooltip } from "@mantine/core";
import type { OrderDetail } from "../../api/types";
import { formatDate } from "../../lib/dates";
import { formatMoney, formatUnitPrice } from "../../lib/money";

const qty = new Intl.NumberFormat("en-US");

export function OrderLinesTable({ order }: { order: OrderDetail }) {
  return (
    <Table.ScrollContainer minWidth={820} type="native">
      <Table data-testid="order-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={48} className="num">
              #
            </Table.Th>
            <Table.Th>SKU</Table.Th>
            <Table.Th>Item</Table.Th>
            <Table.Th className="num">Qty</Table.Th>
            <Table.Th className="num">Unit price</Table.Th>
            <Table.Th className="num">Extended</Table.Th>
            <Table.Th>Allocated from</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.lines.map((line) => {
            const allocated = line.allocations.reduce((n, a) => n + a.quantity, 0);
            const backordered = line.backorderedQuantity ?? 0;
            const shipped = line.shippedQuantity ?? 0;
            const cancelled = (line as { status?: string }).status === "cancelled";
            const short = cancelled ? 0 : line.quantity - allocated - backordered - shipped;
            return (
              <Table.Tr key={line.lineNo} data-testid="order-line">
                <Table.Td className="num" c="dimmed">
                  {line.lineNo}
                </Table.Td>
                <Table.Td className="mono" style={{ whiteSpace: "nowrap" }}>
                  {line.sku}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{line.name}</Text>
                </Table.Td>
                <Table.Td className="num">
                  {qty.format(line.quantity)}{" "}
                  <Text span size="xs" c="dimmed">
                    {line.uom}
                  </Text>
                </Table.Td>
                <Table.Td className="num">{formatUnitPrice(line.unitPrice, order.currency)}</Table.Td>
                <Table.Td className="num" fw={600}>
                  {formatMoney(line.extendedAmount, order.currency)}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {cancelled && (
                      <Badge variant="light" color="gray" size="sm" radius="sm" tt="none">
                        cancelled
                      </Badge>
                    )}
                    {shipped > 0 && (
                      <Badge
                        variant="light"
                        color="green"
                        size="sm"
                        radius="sm"
                        tt="none"
                        data-testid="line-shipped"
                      >
                        {qty.format(shipped)} shipped
                      </Badge>
                    )}
                    {line.allocations.map((a) => (
                      <Tooltip key={a.warehouseCode} label={a.warehouseName}>
                        <Badge variant="outline" color="gray" size="sm" radius="sm" tt="none" fw={500}>
                          {a.warehouseCode}: {qty.format(a.quantity)}
                        </Badge>
                      </Tooltip>
                    ))}
                    {backordered > 0 && (
                      <Badge
                        variant="light"
                        color="orange"
                        size="sm"
                        radius="sm"
                        tt="none"
                        data-testid="line-backorder"
                      >
                        {qty.format(backordered)} backordered
                        {line.backorderEta ? ` · ETA ${formatDate(line.backorderEta)}` : " · no ETA yet"}
                      </Badge>
                    )}
                    {short > 0 && (
                      <Badge variant="light" color="orange" size="sm" radius="sm" tt="none">
                        {qty.format(short)} unallocated
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Td colSpan={5} className="num" fw={600}>
              Order total
            </Table.Td>
            <Table.Td className="num" fw={700}>
              {formatMoney(order.total, order.currency)}
            </Table.Td>
            <Table.Td />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
