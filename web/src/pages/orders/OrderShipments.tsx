import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconTruckDelivery } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, isApiError } from "../../api/client";
import { useSession } from "../../api/hooks";
import type { OrderDetail } from "../../api/types";
import { formatDate, formatDateTime } from "../../lib/dates";
import { formatMoney } from "../../lib/money";

const SHIPPERS = new Set(["admin", "warehouse", "order_desk"]);

/** Units allocated and not yet shipped: what a shipment would take now. */
function readyToShip(order: OrderDetail): number {
  return order.lines.reduce((sum, l) => sum + l.allocations.reduce((s, a) => s + a.quantity, 0), 0);
}

function ShipButton({ order }: { order: OrderDetail }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [carrier, setCarrier] = useState("");
  const [tracking, setTracking] = useState("");
  const client = useQueryClient();
  const ship = useMutation({
    mutationFn: () =>
      api(`/api/orders/${order.id}/shipments`, {
        method: "POST",
        body: {
          ...(carrier.trim() ? { carrier: carrier.trim() } : {}),
          ...(tracking.trim() ? { trackingNumber: tracking.trim() } : {}),
        },
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["order", String(order.id)] });
      await client.invalidateQueries({ queryKey: ["orders"] });
      close();
    },
  });
  const units = readyToShip(order);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    ship.mutate();
  };
  return (
    <>
      <Button leftSection={<IconTruckDelivery size={16} />} onClick={open} data-testid="ship-order">
        Ship {units} allocated {units === 1 ? "unit" : "units"}
      </Button>
      <Modal opened={opened} onClose={close} title={`Ship order ${order.number}`}>
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm" c="dimmed">
              Everything allocated leaves its warehouse now, one labelled package per warehouse, and is
              invoiced at shipment. Backordered units follow later.
            </Text>
            <TextInput
              label="Carrier"
              placeholder="e.g. UPS"
              value={carrier}
              onChange={(e) => setCarrier(e.currentTarget.value)}
              data-autofocus
            />
            <TextInput
              label="Tracking number"
              value={tracking}
              onChange={(e) => setTracking(e.currentTarget.value)}
            />
            {ship.error && (
              <Alert color="red" data-testid="ship-error">
                {isApiError(ship.error) ? ship.error.message : "Could not ship this order"}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={ship.isPending} data-testid="confirm-ship">
                Ship and invoice
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** Shipments with their packages, and the invoices issued for them; staff who ship get the button. */
export function OrderShipments({ order }: { order: OrderDetail }) {
  const session = useSession();
  const role = session.data?.user?.role;
  const shipments = order.shipments ?? [];
  const invoices = order.invoices ?? [];
  const canShip =
    role !== undefined &&
    SHIPPERS.has(role) &&
    ["confirmed", "picking"].includes(order.status) &&
    readyToShip(order) > 0;
  if (shipments.length === 0 && invoices.length === 0 && !canShip) return null;
  return (
    <Paper p="lg" shadow="xs" data-testid="order-shipments">
      <Group justify="space-between" mb="sm">
        <Group gap={6}>
          <IconTruckDelivery size={18} color="var(--mantine-color-sea-7)" />
          <Title order={4} fz="md">
            Shipments and invoices
          </Title>
        </Group>
        {canShip && <ShipButton order={order} />}
      </Group>
      {shipments.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing shipped yet.
        </Text>
      ) : (
        <Table verticalSpacing="xs" data-testid="shipments-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Shipment</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>Shipped</Table.Th>
              <Table.Th>Carrier</Table.Th>
              <Table.Th>Packages (SSCC)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shipments.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td className="mono">{s.number}</Table.Td>
                <Table.Td>{s.warehouseCode}</Table.Td>
                <Table.Td>{formatDateTime(s.shippedAt)}</Table.Td>
                <Table.Td>{[s.carrier, s.trackingNumber].filter(Boolean).join(" · ") || "—"}</Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {s.packages.map((p) => (
                      <Text key={p.sscc} size="xs">
                        <span className="mono">{p.sscc}</span>{" "}
                        <Text span c="dimmed" size="xs">
                          {p.lines.map((l) => `${l.sku} × ${l.quantity}`).join(", ")}
                        </Text>
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {invoices.length > 0 && (
        <Stack gap={4} mt="md" data-testid="invoices">
          {invoices.map((i) => (
            <Group key={i.id} gap="sm">
              <Text size="sm" className="mono">
                {i.number}
              </Text>
              <Text size="sm" fw={600} className="num">
                {formatMoney(i.amount, i.currency)}
              </Text>
              <Text size="sm" c="dimmed">
                issued {formatDate(i.issuedOn)}, due {formatDate(i.dueOn)}
              </Text>
              <Badge variant="light" color={i.status === "paid" ? "green" : "gray"}>
                {i.status}
              </Badge>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
