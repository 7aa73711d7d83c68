// What would happen if the order were placed now (from the live simulation): confirmed or held and
// why, in plain words, who would review it and by when; the credit check; what cannot be placed.
import {
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { IconAlertTriangle, IconBan, IconCircleCheck, IconInfoCircle } from "@tabler/icons-react";
import type { CreditCheck, IntakeException, Simulation } from "../../api/types";
import { formatDateTime } from "../../lib/dates";
import { formatMoney } from "../../lib/money";
import { ROLE_LABELS } from "../../lib/status";
import type { Refusal } from "./liveCheck";
import type { LiveCheck } from "./useLiveCheck";

const qty = new Intl.NumberFormat("en-US");

function lineOf(simulation: Simulation, lineNo: number | null) {
  return lineNo === null ? undefined : simulation.lines.find((l) => l.lineNo === lineNo);
}

/** An exception as a sentence an order taker can repeat to the customer. */
export function plainReason(e: IntakeException, simulation: Simulation): string {
  const line = lineOf(simulation, e.lineNo);
  const where = line ? `Line ${line.lineNo} (${line.sku})` : "The order";
  const money = (v: string) => formatMoney(v, simulation.currency);
  switch (e.type) {
    case "credit_hold": {
      const c = simulation.credit;
      const parts: string[] = [];
      if (c.overLimit) {
        parts.push(
          `Over the credit limit: with this order the account would owe ${money(c.exposure)} against a limit of ${money(c.limit)}.`,
        );
      }
      if (c.overdueInvoices) {
        parts.push(
          `${c.overdueInvoices} ${c.overdueInvoices === 1 ? "invoice is" : "invoices are"} overdue (${money(c.overdue ?? "0")}, oldest ${c.oldestOverdueDays} days; ${c.graceDays ?? 0} days of grace).`,
        );
      }
      return parts.length ? parts.join(" ") : e.summary;
    }
    case "substitution_awaiting_customer":
      return `${where}: short; ${e.summary.replace(/^.*?\): \d+ short; /, "")}. Ask the customer.`;
    case "backorder":
      if (!line) return e.summary;
      return e.blocking
        ? `${where}: ${qty.format(line.backorderedQuantity)} short, and this account only takes complete shipments, so the whole order waits.`
        : `${where}: ${qty.format(line.backorderedQuantity)} backordered with nothing on order, so someone has to source it.`;
    case "duplicate_po":
      return `This customer PO number was already used: ${e.summary.replace(/^PO .* was already ordered on /, "order ")}.`;
    case "price_discrepancy":
      return `${where}: our price differs from the price the customer expects.`;
    case "below_moq":
      return `${where}: breaks a pack or minimum rule (${e.summary.replace(/^.*?: /, "")}).`;
    case "unresolved_item":
      return `${where}: the item could not be identified.`;
    default:
      return e.summary;
  }
}

function owner(e: IntakeException): string {
  const role = e.approvalRole ?? e.ownerRole;
  const who = role ? (ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? role.replaceAll("_", " ")) : "Someone";
  return `${who} ${e.blocking ? "must approve it" : "follows up"} by ${formatDateTime(e.deadline)}`;
}

function Reason({ e, simulation }: { e: IntakeException; simulation: Simulation }) {
  return (
    <Group
      gap={8}
      wrap="nowrap"
      align="flex-start"
      data-testid="check-exception"
      data-type={e.type}
      data-blocking={e.blocking}
    >
      <ThemeIcon size={20} radius="xl" variant="light" color={e.blocking ? "orange" : "gray"} mt={1}>
        {e.blocking ? <IconAlertTriangle size={12} /> : <IconInfoCircle size={12} />}
      </ThemeIcon>
      <div>
        <Text size="sm">{plainReason(e, simulation)}</Text>
        <Text size="xs" c="dimmed">
          {owner(e)}
        </Text>
      </div>
    </Group>
  );
}

function Credit({ credit, currency }: { credit: CreditCheck; currency: string }) {
  const money = (v: string) => formatMoney(v, currency);
  const limit = Number(credit.limit);
  const hold = credit.hold ?? credit.overLimit;
  const owed = Number(credit.openOrders) + Number(credit.openReceivables ?? 0);
  const pct = (v: number) => (limit > 0 ? Math.min(100, (v / limit) * 100) : 100);
  const before = pct(owed);
  const mine = Math.max(0, pct(Number(credit.exposure)) - before);
  const figures: [string, string][] = [
    ["Limit", credit.limit],
    ...(credit.openReceivables !== undefined
      ? [["Unpaid invoices", credit.openReceivables] as [string, string]]
      : []),
    ["Open orders", credit.openOrders],
    ["This order", credit.thisOrder],
    ["Available before", credit.available],
  ];
  const over = Number(credit.exposure) - limit;
  return (
    <Stack gap={6} data-testid="credit-check" data-over-limit={credit.overLimit} data-hold={hold}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          Credit
        </Text>
        <Badge color={hold ? "red" : "teal"} variant="light" tt="none" data-testid="credit-status">
          {credit.overLimit
            ? `Over limit by ${money(over.toFixed(2))}`
            : credit.overdueInvoices
              ? "Invoices overdue"
              : "Within limit"}
        </Badge>
      </Group>
      <Progress.Root size="lg" aria-label="Credit used">
        <Progress.Section value={before} color="gray.5" />
        <Progress.Section value={mine} color={credit.overLimit ? "red" : "blue"} />
      </Progress.Root>
      <SimpleGrid cols={figures.length} spacing="xs">
        {figures.map(([label, value]) => (
          <div key={label}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text size="sm" fw={500} className="num" ta="left">
              {money(value)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {credit.openReceivables === undefined && (
        <Text size="xs" c="dimmed">
          Open orders are those not yet invoiced; unpaid invoices are not counted yet.
        </Text>
      )}
    </Stack>
  );
}

export function OrderCheck({ live, hasAccount }: { live: LiveCheck; hasAccount: boolean }) {
  const result = live.result;
  const simulation = result?.simulation ?? null;
  const refusedRows = result ? result.refused.size : 0;
  const orderRefusals: Refusal[] = result?.orderRefusals ?? [];
  const blocking = simulation?.exceptions.filter((e) => e.blocking) ?? [];
  const notes = simulation?.exceptions.filter((e) => !e.blocking) ?? [];
  const cannot = orderRefusals.length > 0 || refusedRows > 0;

  let headline: React.ReactNode;
  if (!hasAccount)
    headline = (
      <Text size="sm" c="dimmed">
        Choose an account to check credit, stock and prices.
      </Text>
    );
  else if (live.checkedRows === 0)
    headline = (
      <Text size="sm" c="dimmed">
        Add a line to see what would happen.
      </Text>
    );
  else if (live.error)
    headline = (
      <Group gap="xs" data-testid="check-failed">
        <Text size="sm" c="red.8">
          The order could not be checked: {(live.error as Error).message}
        </Text>
        <Button size="compact-xs" variant="light" onClick={live.retry}>
          Check again
        </Button>
      </Group>
    );
  else if (!result)
    headline = (
      <Text size="sm" c="dimmed">
        Checking…
      </Text>
    );
  else
    headline = (
      <Group gap="xs">
        <StatusHeadline
          status={cannot ? "refused" : simulation?.status === "on_hold" ? "on_hold" : "confirmed"}
        />
      </Group>
    );

  return (
    <Paper shadow="xs" p="lg" h="100%" data-testid="order-check">
      <Stack gap="md">
        <Group justify="space-between" gap="xs">
          <Title order={4} fz="md">
            If you place it now
          </Title>
          {live.pending && <Loader size={14} />}
        </Group>
        <div style={{ opacity: live.pending ? 0.6 : 1 }}>{headline}</div>
        {result && (
          <Stack gap="sm" style={{ opacity: live.pending ? 0.6 : 1 }}>
            {orderRefusals.map((r) => (
              <Group key={r.code + r.message} gap={8} wrap="nowrap" data-testid="check-refusal">
                <ThemeIcon size={20} radius="xl" variant="light" color="red">
                  <IconBan size={12} />
                </ThemeIcon>
                <Text size="sm" c="red.8">
                  {r.message.charAt(0).toUpperCase() + r.message.slice(1)}.
                </Text>
              </Group>
            ))}
            {refusedRows > 0 && (
              <Text size="sm" c="red.8" data-testid="check-refused-rows">
                {refusedRows === 1 ? "One line is" : `${refusedRows} lines are`} refused (marked in red
                above): fix or remove {refusedRows === 1 ? "it" : "them"} to place the order.
              </Text>
            )}
            {simulation &&
              blocking.map((e) => <Reason key={`${e.type}-${e.lineNo}`} e={e} simulation={simulation} />)}
            {simulation &&
              notes.map((e) => <Reason key={`${e.type}-${e.lineNo}`} e={e} simulation={simulation} />)}
            {simulation && <Credit credit={simulation.credit} currency={simulation.currency} />}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

const HEADLINES = {
  refused: { color: "red", icon: IconBan, text: "Cannot be placed as it is" },
  on_hold: { color: "orange", icon: IconAlertTriangle, text: "Would go on hold" },
  confirmed: { color: "teal", icon: IconCircleCheck, text: "Would be confirmed" },
} as const;

/** What placing the order now would do, as one badge. */
function StatusHeadline({ status }: { status: keyof typeof HEADLINES }) {
  const { color, icon: Icon, text } = HEADLINES[status];
  return (
    <Badge
      color={color}
      size="lg"
      variant="light"
      tt="none"
      leftSection={<Icon size={14} />}
      data-testid="check-status"
      data-status={status}
    >
      {text}
    </Badge>
  );
}
