// The order total from the live quote, with order-level pricing issues (e.g. minimum order value).
import { Group, Loader, Stack, Text } from "@mantine/core";
import { formatMoney } from "../../lib/money";
import { IssueList } from "../pricing/Waterfall";
import type { LiveQuote } from "./useLiveQuote";

export function OrderTotal({
  live,
  lineCount,
  currency,
  hasAccount,
}: {
  live: LiveQuote;
  lineCount: number;
  currency: string;
  hasAccount: boolean;
}) {
  const quote = live.quote;
  const unpriced = quote ? quote.lines.filter((l) => l.unitPrice === null).length : 0;
  const violations = quote
    ? quote.lines.reduce((n, l) => n + l.violations.length, 0) + quote.violations.length
    : 0;
  return (
    <Stack gap={4}>
      <Group gap={8}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Order total
        </Text>
        {live.pending && <Loader size={12} />}
      </Group>
      <Text
        fz={24}
        fw={700}
        className="num"
        ta="left"
        data-testid="order-total"
        style={{ opacity: live.pending ? 0.6 : 1 }}
      >
        {quote ? formatMoney(quote.total, quote.currency || currency) : "—"}
      </Text>
      <Text size="xs" c="dimmed">
        {lineCount} {lineCount === 1 ? "line" : "lines"} ·{" "}
        {!hasAccount
          ? "choose an account to see its prices"
          : live.error
            ? "prices could not be loaded; they are set when the order is placed"
            : "this account's prices, live (nothing is saved until you place the order)"}
        {unpriced > 0 ? ` · ${unpriced} ${unpriced === 1 ? "line has" : "lines have"} no price` : ""}
      </Text>
      {quote && <IssueList issues={quote.violations} kind="violation" />}
      {quote && <IssueList issues={quote.warnings} kind="warning" />}
      {violations > 0 && quote && quote.violations.length === 0 && (
        <Text size="xs" c="red.8" data-testid="order-violations-hint">
          {violations} pricing {violations === 1 ? "problem" : "problems"} on the lines must be fixed before
          the order can be placed.
        </Text>
      )}
    </Stack>
  );
}
