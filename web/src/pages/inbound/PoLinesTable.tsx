// A purchase order's lines with ordered, received and open quantities; for admin and warehouse on an
// open purchase order, a quantity to receive per line (what is still open by default) and Receive.
import { Alert, Button, Group, Kbd, NumberInput, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconPackageImport } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { errorMessage } from "../../components/States";
import { formatDate } from "../../lib/dates";
import { type PurchaseOrder, qty, type ReceiptResult, useReceivePurchaseOrder } from "./api";

type Quantities = Record<number, number | string>;

const openQuantities = (po: PurchaseOrder): Quantities =>
  Object.fromEntries(po.lines.map((l) => [l.lineId, l.quantity - l.receivedQuantity]));

export function PoLinesTable({
  po,
  receiving,
  onReceived,
}: {
  po: PurchaseOrder;
  /** Show the receive form (admin or warehouse, open purchase order). */
  receiving: boolean;
  onReceived: (result: ReceiptResult) => void;
}) {
  const receive = useReceivePurchaseOrder(po.id);
  const [quantities, setQuantities] = useState<Quantities>(() => openQuantities(po));
  const [problem, setProblem] = useState<string | null>(null);
  const over = (lineId: number, open: number) => {
    const q = quantities[lineId];
    return typeof q === "number" && q > open;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    if (po.lines.some((l) => over(l.lineId, l.quantity - l.receivedQuantity))) {
      setProblem("A line cannot receive more than it still expects.");
      return;
    }
    // The API takes quantities per SKU (spread over that SKU's lines in order).
    const bySku = new Map<string, number>();
    for (const l of po.lines) {
      const q = quantities[l.lineId];
      if (typeof q === "number" && q > 0) bySku.set(l.sku, (bySku.get(l.sku) ?? 0) + q);
    }
    if (bySku.size === 0) {
      setProblem("Enter a quantity for at least one line.");
      return;
    }
    receive.mutate(
      [...bySku].map(([sku, quantity]) => ({ sku, quantity })),
      {
        onSuccess: (result) => {
          setQuantities(openQuantities(result.purchaseOrder));
          onReceived(result);
        },
        onError: (error) => setProblem(errorMessage(error)),
      },
    );
  };

  const table = (
    <Table.ScrollContainer minWidth={820} type="native">
      <Table className="data-table" data-testid="po-lines-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40} className="num">
              #
            </Table.Th>
            <Table.Th>SKU</Table.Th>
            <Table.Th>Item</Table.Th>
            <Table.Th>Expected</Table.Th>
            <Table.Th className="num">Ordered</Table.Th>
            <Table.Th className="num">Received</Table.Th>
            <Table.Th className="num">Open</Table.Th>
            {receiving && <Table.Th w={150}>Receive now</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {po.lines.map((l, i) => {
            const open = l.quantity - l.receivedQuantity;
            return (
              <Table.Tr key={l.lineId} data-testid="po-line-row" data-sku={l.sku} data-open={open}>
                <Table.Td className="num" c="dimmed">
                  {i + 1}
                </Table.Td>
                <Table.Td className="mono" style={{ whiteSpace: "nowrap" }}>
                  {l.sku}
                </Table.Td>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(l.expectedDate)}</Table.Td>
                <Table.Td className="num">{qty.format(l.quantity)}</Table.Td>
                <Table.Td className="num" data-testid="line-received">
                  {qty.format(l.receivedQuantity)}
                </Table.Td>
                <Table.Td className="num" fw={open > 0 ? 600 : undefined} c={open > 0 ? undefined : "teal.8"}>
                  {open > 0 ? qty.format(open) : "all in"}
                </Table.Td>
                {receiving && (
                  <Table.Td>
                    {open > 0 ? (
                      <NumberInput
                        size="sm"
                        min={0}
                        max={open}
                        clampBehavior="none"
                        allowDecimal={false}
                        allowNegative={false}
                        thousandSeparator=","
                        value={quantities[l.lineId] ?? ""}
                        onChange={(v) => setQuantities((q) => ({ ...q, [l.lineId]: v }))}
                        error={over(l.lineId, open) ? `At most ${qty.format(open)}` : undefined}
                        aria-label={`Receive now, ${l.sku}`}
                        data-testid="receive-quantity"
                      />
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );

  if (!receiving) return table;
  return (
    <form onSubmit={submit} noValidate data-testid="receive-form">
      {table}
      {problem && (
        <Alert
          mx="md"
          mt="sm"
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title="Not received"
          data-testid="receive-error"
        >
          {problem}
        </Alert>
      )}
      <Group justify="space-between" p="md" wrap="wrap" gap="xs">
        <Text size="xs" c="dimmed">
          Quantities default to what is still open; change them for a partial delivery.{" "}
          <Kbd size="xs">Enter</Kbd> receives.
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            onClick={() => setQuantities(openQuantities(po))}
            disabled={receive.isPending}
          >
            Reset to open
          </Button>
          <Button
            type="submit"
            leftSection={<IconPackageImport size={16} />}
            loading={receive.isPending}
            data-testid="receive-submit"
          >
            Receive
          </Button>
        </Group>
      </Group>
    </form>
  );
}
