// The live price cells of an order line: the quoted unit price with a popover that explains it (the
// waterfall and the last price paid), the extended amount, and the line's pricing issues.
import { ActionIcon, Divider, Group, Loader, Popover, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconBan, IconInfoCircle } from "@tabler/icons-react";
import type { Item } from "../../api/types";
import { formatMoney, formatUnitPrice } from "../../lib/money";
import type { QuoteLine } from "../pricing/types";
import { LastPaidNote, STEP_LABELS, Waterfall } from "../pricing/Waterfall";

const cell = { verticalAlign: "top", paddingTop: 18 } as const;

function Explain({ line, currency, index }: { line: QuoteLine; currency: string; index: number }) {
  return (
    <Popover width={420} position="bottom-end" shadow="md" withArrow>
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          size="sm"
          color={line.violations.length ? "red" : "gray"}
          aria-label={`How line ${index + 1} was priced`}
          data-testid="line-explain"
        >
          <IconInfoCircle size={16} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown data-testid="line-explanation">
        <Stack gap="sm">
          <Text size="sm" fw={600}>
            How {line.sku} is priced
          </Text>
          <Waterfall line={line} currency={currency} />
          <Divider />
          <LastPaidNote line={line} currency={currency} />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** The source that set the price (contract, tier…), for a one-word hint under it. */
function finalSource(line: QuoteLine): string | null {
  const last = line.waterfall[line.waterfall.length - 1];
  if (!last || last.kind === "list") return null;
  return STEP_LABELS[last.kind]?.label ?? last.kind;
}

export function LinePriceCells({
  item,
  priced,
  pricing,
  quantity,
  currency,
  index,
}: {
  item: Item | null;
  priced: QuoteLine | undefined;
  pricing: boolean;
  quantity: number;
  currency: string;
  index: number;
}) {
  if (!item || quantity <= 0) {
    return (
      <>
        <Table.Td className="num" style={cell}>
          {item ? formatUnitPrice(item.listPrice, currency) : "—"}
        </Table.Td>
        <Table.Td className="num" style={cell}>
          —
        </Table.Td>
      </>
    );
  }
  if (!priced) {
    return (
      <>
        <Table.Td className="num" style={cell}>
          <Group gap={6} justify="flex-end" wrap="nowrap">
            {pricing && <Loader size={12} />}
            <Text size="sm" c="dimmed">
              {pricing ? "Pricing…" : "—"}
            </Text>
          </Group>
        </Table.Td>
        <Table.Td className="num" style={cell}>
          —
        </Table.Td>
      </>
    );
  }
  const source = finalSource(priced);
  const belowList = priced.baseUnitPrice !== null && priced.baseUnitPrice !== item.listPrice && source;
  return (
    <>
      <Table.Td className="num" style={{ ...cell, paddingTop: 14, opacity: pricing ? 0.6 : 1 }}>
        <Group gap={2} justify="flex-end" wrap="nowrap">
          <Text size="sm" fw={500} data-testid="line-price">
            {formatUnitPrice(priced.unitPrice, currency)}
          </Text>
          <Explain line={priced} currency={currency} index={index} />
        </Group>
        {belowList && (
          <Text size="xs" c="dimmed" data-testid="line-price-source" pr={26}>
            {source} · list {formatUnitPrice(item.listPrice, currency)}
          </Text>
        )}
      </Table.Td>
      <Table.Td
        className="num"
        fw={600}
        style={{ ...cell, opacity: pricing ? 0.6 : 1 }}
        data-testid="line-extended"
      >
        {formatMoney(priced.extendedAmount, currency)}
      </Table.Td>
    </>
  );
}

/** Violations (red) and warnings (orange) for one line, shown under the item's name. */
export function LineIssues({ priced }: { priced: QuoteLine | undefined }) {
  if (!priced || (!priced.violations.length && !priced.warnings.length)) return null;
  // The row already shows the SKU: "ADH-1: 3 EA is not a multiple of 12 EA" → "3 EA is not a multiple…".
  const text = (message: string) =>
    message.startsWith(`${priced.sku}: `) ? message.slice(priced.sku.length + 2) : message;
  return (
    <Stack gap={2} mt={4} data-testid="line-issues">
      {priced.violations.map((v) => (
        <Group
          key={v.code + v.message}
          gap={4}
          wrap="nowrap"
          align="flex-start"
          data-testid="line-violation"
          data-code={v.code}
        >
          <IconBan size={13} color="var(--mantine-color-red-7)" style={{ marginTop: 3, flexShrink: 0 }} />
          <Text size="xs" c="red.8">
            {text(v.message)}
          </Text>
        </Group>
      ))}
      {priced.warnings.map((w) => (
        <Group
          key={w.code + w.message}
          gap={4}
          wrap="nowrap"
          align="flex-start"
          data-testid="line-warning"
          data-code={w.code}
        >
          <IconAlertTriangle
            size={13}
            color="var(--mantine-color-orange-7)"
            style={{ marginTop: 3, flexShrink: 0 }}
          />
          <Text size="xs" c="orange.9">
            {text(w.message)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
