// The explanation of one priced line: each step of the waterfall (kind, rule, price before → after),
// then the line's violations and warnings. Used by the price lookup and the new-order form.
import { Badge, Group, List, Stack, Text, ThemeIcon, Timeline } from "@mantine/core";
import { IconAlertTriangle, IconArrowRight, IconBan, IconInfoCircle } from "@tabler/icons-react";
import { formatDate } from "../../lib/dates";
import { formatUnitPrice } from "../../lib/money";
import type { PricingIssue, QuoteLine, StepKind, WaterfallStep } from "./types";

export const STEP_LABELS: Record<StepKind, { label: string; color: string }> = {
  list: { label: "List price", color: "gray" },
  group_price_list: { label: "Group price list", color: "blue" },
  account_price_list: { label: "Account price list", color: "indigo" },
  contract: { label: "Contract", color: "violet" },
  tier: { label: "Volume tier", color: "teal" },
  promotion: { label: "Promotion", color: "pink" },
  last_price_hold: { label: "Last price held", color: "orange" },
  broken_case_surcharge: { label: "Broken-case surcharge", color: "red" },
};

export function stepLabel(kind: string): string {
  return STEP_LABELS[kind as StepKind]?.label ?? kind.replace(/_/g, " ");
}

function Step({ step, currency, uom }: { step: WaterfallStep; currency: string; uom: string }) {
  const meta = STEP_LABELS[step.kind] ?? { label: step.kind, color: "gray" };
  return (
    <div data-testid="waterfall-step" data-kind={step.kind}>
      <Group gap={8} wrap="nowrap" justify="space-between" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Badge color={meta.color} variant="light" size="sm">
            {meta.label}
          </Badge>
          <Text size="sm" fw={500} mt={4}>
            {step.ruleName}
          </Text>
          {step.detail && step.detail !== step.ruleName && (
            <Text size="xs" c="dimmed">
              {step.detail}
            </Text>
          )}
        </div>
        <Group gap={6} wrap="nowrap" className="num" style={{ flexShrink: 0 }}>
          {step.before !== null && (
            <>
              <Text size="sm" c="dimmed" td="line-through">
                {formatUnitPrice(step.before, currency)}
              </Text>
              <IconArrowRight size={14} color="var(--mantine-color-gray-6)" />
            </>
          )}
          <Text size="sm" fw={700}>
            {formatUnitPrice(step.after, currency)}
          </Text>
          <Text size="xs" c="dimmed">
            /{uom}
          </Text>
        </Group>
      </Group>
    </div>
  );
}

export function IssueList({ issues, kind }: { issues: PricingIssue[]; kind: "violation" | "warning" }) {
  if (!issues.length) return null;
  const color = kind === "violation" ? "red" : "orange";
  return (
    <List
      size="sm"
      spacing={4}
      icon={
        <ThemeIcon color={color} size={18} radius="xl" variant="light">
          {kind === "violation" ? <IconBan size={12} /> : <IconAlertTriangle size={12} />}
        </ThemeIcon>
      }
      data-testid={kind === "violation" ? "pricing-violations" : "pricing-warnings"}
    >
      {issues.map((i) => (
        <List.Item key={`${i.code}-${i.message}`} data-code={i.code}>
          <Text size="sm" c={kind === "violation" ? "red.8" : "orange.9"}>
            {i.message}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

export function Waterfall({ line, currency }: { line: QuoteLine; currency: string }) {
  return (
    <Stack gap="sm" data-testid="waterfall">
      {line.waterfall.length === 0 ? (
        <Text size="sm" c="dimmed">
          No price source applies to this line.
        </Text>
      ) : (
        <Timeline active={line.waterfall.length - 1} bulletSize={14} lineWidth={2}>
          {line.waterfall.map((step) => (
            <Timeline.Item key={`${step.kind}-${String(step.ruleId)}-${step.after}`}>
              <Step step={step} currency={currency} uom={line.uom} />
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      <IssueList issues={line.violations} kind="violation" />
      <IssueList issues={line.warnings} kind="warning" />
      {line.requestedQuantity !== line.quantity && (
        <Text size="xs" c="dimmed">
          Priced for {line.quantity} {line.uom} (requested {line.requestedQuantity}).
        </Text>
      )}
    </Stack>
  );
}

export function LastPaidNote({ line, currency }: { line: QuoteLine; currency: string }) {
  const last = line.lastPaid;
  if (!last) {
    return (
      <Group gap={6} data-testid="last-paid">
        <IconInfoCircle size={14} color="var(--mantine-color-gray-6)" />
        <Text size="sm" c="dimmed">
          Never bought by this account
        </Text>
      </Group>
    );
  }
  return (
    <Group gap={6} data-testid="last-paid" wrap="wrap">
      <Text size="sm">
        Last paid <b className="num">{formatUnitPrice(last.unitPrice, currency)}</b>/{line.uom} on{" "}
        {formatDate(last.date)}
        {last.orderRef ? ` (${last.orderRef})` : ""}
      </Text>
      {last.held && (
        <Badge color="orange" variant="light" size="sm">
          held
        </Badge>
      )}
    </Group>
  );
}
