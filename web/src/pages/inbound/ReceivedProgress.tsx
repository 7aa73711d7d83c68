// "received / ordered" with a bar, for a purchase order (its list row and its page).
import { Group, Progress, Text } from "@mantine/core";
import { type PurchaseOrder, qty, totals } from "./api";

/** `minWidth`: in a table column, so the bars line up. */
export function ReceivedProgress({
  po,
  testId,
  barWidth,
  minWidth,
}: {
  po: PurchaseOrder;
  testId: string;
  barWidth: number;
  minWidth?: number;
}) {
  const t = totals(po);
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" className={minWidth ? "num" : undefined} miw={minWidth} data-testid={testId}>
        {qty.format(t.received)} / {qty.format(t.ordered)}
      </Text>
      <Progress
        value={t.ordered ? (100 * t.received) / t.ordered : 0}
        size="sm"
        w={barWidth}
        color={t.open === 0 ? "teal" : "sea"}
        aria-label="Received"
      />
    </Group>
  );
}
