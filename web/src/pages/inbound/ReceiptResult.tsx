// What a receipt did: the quantities that came in, and the backorders they filled (oldest order first),
// each order linking to its detail with its status now (on hold → confirmed when the receipt released it).
import { Anchor, Badge, CloseButton, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { StatusBadge } from "../../components/StatusBadge";
import { qty, type ReceiptResult as Result } from "./api";

export function ReceiptResult({
  result,
  warehouseCode,
  onDismiss,
}: {
  result: Result;
  warehouseCode: string;
  onDismiss: () => void;
}) {
  const units = result.received.reduce((n, r) => n + r.quantity, 0);
  const orders = result.backordersFilled;
  const allocated = orders.reduce((n, o) => n + o.lines.reduce((m, l) => m + l.allocated, 0), 0);
  return (
    <Paper
      shadow="xs"
      p="md"
      style={{ borderColor: "var(--mantine-color-teal-4)" }}
      data-testid="receipt-result"
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="sm">
        <Group gap="xs" wrap="nowrap">
          <IconCircleCheck size={22} color="var(--mantine-color-teal-7)" />
          <Title order={4}>
            Received {qty.format(units)} {units === 1 ? "unit" : "units"} into {warehouseCode}
          </Title>
        </Group>
        <CloseButton size="sm" aria-label="Dismiss" onClick={onDismiss} />
      </Group>
      <Group gap={6} mb="md" data-testid="receipt-received">
        {result.received.map((r) => (
          <Badge key={r.sku} variant="outline" color="gray" tt="none" fw={500} size="lg" radius="sm">
            <span className="mono">{r.sku}</span> × {qty.format(r.quantity)}
          </Badge>
        ))}
      </Group>
      <Text fw={600} size="sm">
        Backorders filled
      </Text>
      {orders.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-backorders-filled">
          No order was waiting for these items: the stock is free for new orders.
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb={6} data-testid="receipt-summary">
            {qty.format(allocated)} went to {orders.length === 1 ? "the order" : `${orders.length} orders`}{" "}
            waiting for {result.received.length === 1 ? "it" : "them"}
            {orders.length > 1 ? ", oldest first" : ""}
            {units > allocated
              ? `; ${qty.format(units - allocated)} ${units - allocated === 1 ? "is" : "are"} free for new orders`
              : ""}
            .
          </Text>
          <Table.ScrollContainer minWidth={640} type="native">
            <Table verticalSpacing="xs" data-testid="backorders-filled">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Order</Table.Th>
                  <Table.Th>Status now</Table.Th>
                  <Table.Th>Line</Table.Th>
                  <Table.Th className="num">Allocated now</Table.Th>
                  <Table.Th className="num">Still backordered</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {orders.map((o) => (
                  <Table.Tr key={o.orderId} data-testid="filled-order" data-order-number={o.number}>
                    <Table.Td style={{ verticalAlign: "top" }}>
                      <Anchor
                        component={Link}
                        to={`/desk/orders/${o.orderId}`}
                        fw={600}
                        size="sm"
                        data-testid="filled-order-link"
                      >
                        {o.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: "top" }}>
                      <StatusBadge status={o.status} />
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {o.lines.map((l) => (
                          <Text key={l.lineNo} size="sm">
                            {l.lineNo} · <span className="mono">{l.sku}</span>
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td className="num">
                      <Stack gap={2}>
                        {o.lines.map((l) => (
                          <Text key={l.lineNo} size="sm">
                            {qty.format(l.allocated)}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td className="num">
                      <Stack gap={2}>
                        {o.lines.map((l) => (
                          <Text
                            key={l.lineNo}
                            size="sm"
                            c={l.stillBackordered ? "orange.8" : "teal.8"}
                            data-testid="still-backordered"
                          >
                            {l.stillBackordered ? qty.format(l.stillBackordered) : "0 · filled"}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Paper>
  );
}
