// The facts intake recorded with an exception, in words: expected vs our price, credit figures,
// the backordered quantity, the rule broken, the duplicate orders, the proposed substitute.
import { Anchor, Group, SimpleGrid, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { formatDate } from "../../lib/dates";
import { formatMoney, formatUnitPrice } from "../../lib/money";
import type { ExceptionRow } from "./api";

type Fact = { label: string; value: ReactNode; tone?: "red" | "teal" };

const str = (v: unknown): string | null =>
  v === null || v === undefined || v === "" ? null : typeof v === "object" ? JSON.stringify(v) : String(v);
const pct = (v: unknown) => (str(v) === null ? null : `${Number(v).toFixed(1)}%`);

// Keys every exception carries (shown elsewhere) and keys a type's own facts already cover.
// `facts` repeats the figures the approval rules were given (discount_pct, over_limit_pct, …).
const COMMON = new Set(["orderNumber", "lineNo", "blocking", "facts"]);

function describeRequested(requested: unknown): string | null {
  if (!requested || typeof requested !== "object") return str(requested);
  const r = requested as Record<string, unknown>;
  const item = (r.item ?? {}) as Record<string, unknown>;
  const id = Object.entries(item)
    .map(([k, v]) => `${k} ${str(v)}`)
    .join(", ");
  const qty = r.quantity !== undefined ? `${r.quantity}${r.uom ? ` ${r.uom}` : ""}` : "";
  return [id, qty && `× ${qty}`].filter(Boolean).join(" ") || JSON.stringify(r);
}

function typeFacts(e: ExceptionRow, currency: string): { facts: Fact[]; used: string[] } {
  const d = e.data;
  switch (e.type) {
    case "price_discrepancy": {
      const facts: Fact[] = [
        { label: "Buyer expects", value: formatUnitPrice(str(d.expectedUnitPrice), currency) },
        { label: "Our price", value: formatUnitPrice(str(d.ourUnitPrice), currency) },
      ];
      if (str(d.discountPct) && Number(d.discountPct) > 0)
        facts.push({ label: "Discount asked", value: pct(d.discountPct), tone: "red" });
      else if (str(d.differencePct)) facts.push({ label: "Difference", value: pct(d.differencePct) });
      if (e.amount) facts.push({ label: "At stake", value: formatMoney(e.amount, currency) });
      return { facts, used: ["expectedUnitPrice", "ourUnitPrice", "discountPct", "differencePct"] };
    }
    case "credit_hold":
      return {
        facts: [
          { label: "Credit limit", value: formatMoney(str(d.limit), currency) },
          { label: "Open orders", value: formatMoney(str(d.openOrders), currency) },
          { label: "This order", value: formatMoney(str(d.thisOrder), currency) },
          { label: "Exposure", value: formatMoney(str(d.exposure), currency) },
          {
            label: "Over the limit by",
            value: `${formatMoney(e.amount, currency)}${str(d.overLimitPct) ? ` (${pct(d.overLimitPct)})` : ""}`,
            tone: "red",
          },
        ],
        used: ["limit", "openOrders", "thisOrder", "exposure", "available", "overLimit", "overLimitPct"],
      };
    case "backorder":
      return {
        facts: [
          { label: "Backordered", value: str(d.backordered) ?? "—", tone: "red" },
          { label: "Expected", value: d.eta ? formatDate(str(d.eta)) : "no inbound supply" },
          { label: "Account ships", value: d.shipPolicy === "complete" ? "complete only" : "partial" },
        ],
        used: ["backordered", "eta", "shipPolicy"],
      };
    case "below_moq":
    case "unresolved_item": {
      const v = (d.violation ?? {}) as Record<string, unknown>;
      const facts: Fact[] = [];
      if (str(v.message)) facts.push({ label: "Rule", value: str(v.message) });
      if (str(v.code) ?? str(d.code)) facts.push({ label: "Code", value: str(v.code) ?? str(d.code) });
      if (d.requested) facts.push({ label: "Requested", value: describeRequested(d.requested) });
      return { facts, used: ["violation", "code", "requested"] };
    }
    case "duplicate_po": {
      const orders = Array.isArray(d.orders) ? (d.orders as unknown[]).map(String) : [];
      return {
        facts: [
          { label: "PO number", value: str(d.poNumber) ?? "—" },
          { label: "Already on", value: orders.join(", ") || "—" },
        ],
        used: ["poNumber", "orders"],
      };
    }
    case "substitution_awaiting_customer":
      return {
        facts: [
          { label: "Ordered item", value: str(d.sku) ?? "—" },
          { label: "Short", value: str(d.quantity) ?? "—", tone: "red" },
          {
            label: "Proposed substitute",
            value: [str(d.substituteSku), str(d.substituteName)].filter(Boolean).join(" · ") || "—",
            tone: "teal",
          },
          { label: "Substitute in stock", value: str(d.available) ?? "—" },
          { label: "Original expected", value: d.eta ? formatDate(str(d.eta)) : "no inbound supply" },
        ],
        used: ["sku", "quantity", "substituteSku", "substituteName", "substituteItemId", "available", "eta"],
      };
    default:
      return { facts: [], used: [] };
  }
}

const camelToWords = (key: string) =>
  key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());

export function ExceptionFacts({
  exception,
  currency = "USD",
}: {
  exception: ExceptionRow;
  currency?: string;
}) {
  const { facts, used } = typeFacts(exception, currency);
  // Anything else the exception carries (e.g. a proposed substitute) is shown as it is.
  const skip = new Set([...COMMON, ...used]);
  for (const [key, value] of Object.entries(exception.data)) {
    if (skip.has(key) || str(value) === null) continue;
    facts.push({ label: camelToWords(key), value: str(value) });
  }
  if (facts.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md" verticalSpacing="sm" data-testid="exception-facts">
      {facts.map((f) => (
        <div key={f.label}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: 0.4 }}>
            {f.label}
          </Text>
          <Text
            size="sm"
            fw={600}
            c={f.tone}
            style={{ fontVariantNumeric: "tabular-nums", overflowWrap: "anywhere" }}
            component="div"
          >
            {f.value ?? "—"}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

/** "Order SO-1042 · line 2" linking to the order. */
export function OrderRef({ exception }: { exception: ExceptionRow }) {
  const number = str(exception.data.orderNumber);
  const line = str(exception.data.lineNo);
  if (exception.orderId === null) return <Text c="dimmed">—</Text>;
  return (
    <Group gap={4} wrap="nowrap">
      <Anchor
        component={Link}
        to={`/desk/orders/${exception.orderId}`}
        onClick={(e) => e.stopPropagation()}
        className="mono"
        fw={600}
        fz="sm"
        data-testid="exception-order-link"
      >
        {number ?? `#${exception.orderId}`}
      </Anchor>
      {line && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
          line {line}
        </Text>
      )}
    </Group>
  );
}
