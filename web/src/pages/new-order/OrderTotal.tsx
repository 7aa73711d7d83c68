// The order total and promise date from the live check, with order-level pricing warnings.
import { Group, Loader, Stack, Text } from "@mantine/core";
import { formatDate } from "../../lib/dates";
import { formatMoney } from "../../lib/money";
import { IssueList } from "../pricing/Waterfall";
import type { LiveCheck } from "./useLiveCheck";

function Figure({
  label,
  children,
  pending,
}: {
  label: string;
  children: React.ReactNode;
  pending?: boolean;
}) {
  return (
    <div>
      <Group gap={8}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        {pending && <Loader size={12} />}
      </Group>
      {children}
    </div>
  );
}

export function OrderTotal({
  live,
  lineCount,
  currency,
  hasAccount,
}: {
  live: LiveCheck;
  lineCount: number;
  currency: string;
  hasAccount: boolean;
}) {
  const simulation = live.result?.simulation ?? null;
  const quote = live.result?.quote ?? null;
  const total = simulation?.total ?? quote?.total ?? null;
  const unchecked = lineCount - live.checkedRows;
  const backordered = simulation?.lines.some((l) => l.backorderedQuantity > 0) ?? false;
  const etas = (simulation?.lines ?? []).flatMap((l) => (l.backorderEta ? [l.backorderEta] : []));
  const lastEta = etas.length ? [...etas].sort().at(-1)! : null;
  return (
    <Stack gap="sm">
      <Group gap="xl" align="flex-start">
        <Figure label="Order total" pending={live.pending}>
          <Text
            fz={26}
            fw={700}
            className="num"
            ta="left"
            data-testid="order-total"
            style={{ opacity: live.pending ? 0.6 : 1 }}
          >
            {total ? formatMoney(total, simulation?.currency ?? quote?.currency ?? currency) : "—"}
          </Text>
        </Figure>
        <Figure label="Promise date">
          <Text
            fz={18}
            fw={600}
            mt={6}
            data-testid="order-promise"
            style={{ opacity: live.pending ? 0.6 : 1 }}
          >
            {simulation ? (simulation.promiseDate ? formatDate(simulation.promiseDate) : "Unknown") : "—"}
          </Text>
          {simulation && !simulation.promiseDate && backordered && (
            <Text size="xs" c="orange.9">
              a backordered line has no ETA
            </Text>
          )}
          {simulation?.promiseDate && lastEta && lastEta > simulation.promiseDate && (
            <Text size="xs" c="dimmed" data-testid="order-promise-rest">
              first shipment; backorders by {formatDate(lastEta)}
            </Text>
          )}
        </Figure>
      </Group>
      <Text size="xs" c="dimmed">
        {lineCount} {lineCount === 1 ? "line" : "lines"}
        {unchecked > 0 && hasAccount ? ` (${unchecked} not checked yet: no known SKU or quantity)` : ""} ·{" "}
        {!hasAccount
          ? "choose an account to see its prices"
          : live.error
            ? "the order could not be checked; it is checked again when placed"
            : "checked live against this account's prices, stock and credit; nothing is saved until you place it"}
      </Text>
      {simulation && <IssueList issues={simulation.warnings} kind="warning" />}
      {quote && <IssueList issues={quote.warnings} kind="warning" />}
    </Stack>
  );
}
