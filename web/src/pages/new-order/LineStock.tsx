// Stock cells of an order line, from the live simulation: available quantity before this order (per
// warehouse on hover, with where this order would take it from), and when the line ships: its
// promise date, or how much is backordered and when inbound supply is expected.
import { Group, HoverCard, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import dayjs from "dayjs";
import type { Item } from "../../api/types";
import { formatDate } from "../../lib/dates";
import type { RowCheck } from "./useLiveCheck";

const qty = new Intl.NumberFormat("en-US");

/** "9 Dec" this year, "9 Dec 2027" otherwise. */
function shortDate(iso: string): string {
  const d = dayjs(iso);
  return d.isValid() ? d.format(d.year() === dayjs().year() ? "D MMM" : "D MMM YYYY") : iso;
}
const cell = { verticalAlign: "top", paddingTop: 18 } as const;
const ships = { ...cell, paddingTop: 12, whiteSpace: "nowrap" } as const;

function WarehouseTable({ check }: { check: RowCheck }) {
  const taken = new Map((check.line?.allocations ?? []).map((a) => [a.warehouseId, a.quantity]));
  return (
    <Stack gap={6} data-testid="line-warehouses">
      <Text size="sm" fw={600}>
        Available by warehouse
      </Text>
      <Table
        withRowBorders={false}
        verticalSpacing={2}
        horizontalSpacing="xs"
        fz="sm"
        style={{ whiteSpace: "nowrap" }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Warehouse</Table.Th>
            <Table.Th className="num">On hand</Table.Th>
            <Table.Th className="num">Allocated</Table.Th>
            <Table.Th className="num">Available</Table.Th>
            <Table.Th className="num">This order</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(check.availability ?? []).map((w) => (
            <Table.Tr key={w.warehouseId} data-testid="line-warehouse" data-code={w.warehouseCode}>
              <Table.Td className="mono">{w.warehouseCode}</Table.Td>
              <Table.Td className="num">{qty.format(w.onHand)}</Table.Td>
              <Table.Td className="num">{qty.format(w.allocated)}</Table.Td>
              <Table.Td className="num" fw={600}>
                {qty.format(w.available)}
              </Table.Td>
              <Table.Td className="num">
                {taken.get(w.warehouseId) ? qty.format(taken.get(w.warehouseId)!) : "—"}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {(check.availability ?? []).some((w) => w.inbound.length > 0) ? (
        <Text size="xs" c="dimmed">
          Inbound:{" "}
          {(check.availability ?? [])
            .flatMap((w) =>
              w.inbound.map((i) => `${qty.format(i.quantity)} to ${w.warehouseCode} ${formatDate(i.date)}`),
            )
            .join(" · ")}
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          No purchase orders on the way.
        </Text>
      )}
    </Stack>
  );
}

export function AvailableCell({
  item,
  check,
  quantity,
}: {
  item: Item | null;
  check?: RowCheck;
  quantity: number;
}) {
  if (!item) {
    return (
      <Table.Td className="num" style={cell}>
        <Text size="sm" c="dimmed">
          —
        </Text>
      </Table.Td>
    );
  }
  const fromCheck = check?.availability ?? null;
  const available = fromCheck ? fromCheck.reduce((n, w) => n + w.available, 0) : item.available;
  const wanted = check?.line?.quantity ?? quantity;
  const short = wanted > available;
  const number = (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      {short && <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" aria-label="short" />}
      <Text
        size="sm"
        c={available <= 0 ? "red" : short ? "orange.8" : undefined}
        data-testid="line-available"
        style={
          fromCheck ? { cursor: "help", borderBottom: "1px dotted var(--mantine-color-gray-5)" } : undefined
        }
      >
        {qty.format(available)}
      </Text>
    </Group>
  );
  return (
    <Table.Td className="num" style={cell}>
      {fromCheck && check ? (
        <HoverCard position="bottom" shadow="md" withArrow openDelay={150}>
          <HoverCard.Target>{number}</HoverCard.Target>
          <HoverCard.Dropdown>
            <WarehouseTable check={check} />
          </HoverCard.Dropdown>
        </HoverCard>
      ) : (
        number
      )}
    </Table.Td>
  );
}

export function ShipsCell({ check, pending }: { check?: RowCheck; pending: boolean }) {
  const line = check?.line;
  if (!line) {
    return (
      <Table.Td style={cell}>
        <Text size="sm" c="dimmed">
          —
        </Text>
      </Table.Td>
    );
  }
  const style = { ...ships, opacity: pending ? 0.6 : 1 };
  if (line.backorderedQuantity > 0) {
    const now = line.quantity - line.backorderedQuantity;
    return (
      <Table.Td style={style} data-testid="line-ships" data-backordered={line.backorderedQuantity}>
        <Text size="sm" fw={600} c="orange.8" data-testid="line-backorder">
          Backorder {qty.format(line.backorderedQuantity)}
        </Text>
        <Text size="xs" c={line.backorderEta ? undefined : "orange.9"} data-testid="line-eta">
          {line.backorderEta ? `ETA ${shortDate(line.backorderEta)}` : "No ETA: nothing on order"}
        </Text>
        {now > 0 && (
          <Text size="xs" c="dimmed">
            {qty.format(now)} in stock
          </Text>
        )}
      </Table.Td>
    );
  }
  return (
    <Table.Td style={style} data-testid="line-ships" data-backordered={0}>
      <Text size="sm" data-testid="line-promise">
        {line.promiseDate ? shortDate(line.promiseDate) : "—"}
      </Text>
      <Text size="xs" c="dimmed">
        in stock
      </Text>
    </Table.Td>
  );
}
