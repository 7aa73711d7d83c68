// Inputs shared by contract, tier and promotion forms: what a rule targets and how it changes a price.
import { Group, Select, TextInput } from "@mantine/core";
import { referenceOptions, usePricingReference } from "./api";
import { SkuInput } from "./SkuInput";
import type { Adjustment, Target } from "./types";
import { percentError, priceError } from "./validation";

export const TARGET_KINDS = [
  { value: "item", label: "One item" },
  { value: "category", label: "Category" },
  { value: "family", label: "Product family" },
  { value: "all", label: "All items" },
];

export type ReferenceNames = {
  groups: Map<number, string>;
  categories: Map<number, string>;
  families: Map<number, string>;
};

export function targetLabel(t: Target & { sku?: string }, names?: ReferenceNames): string {
  switch (t.kind) {
    case "item":
      return `Item ${t.sku}`;
    case "category":
      return `Category ${names?.categories.get(t.categoryId) ?? `#${t.categoryId}`}`;
    case "family":
      return `Family ${names?.families.get(t.familyId) ?? `#${t.familyId}`}`;
    default:
      return "All items";
  }
}

/** Account group, category and family names by id, for labelling rules in lists. */
export function useReferenceNames(): ReferenceNames {
  const reference = usePricingReference().data;
  return {
    groups: new Map((reference?.groups ?? []).map((g) => [g.id, g.name])),
    categories: new Map((reference?.categories ?? []).map((c) => [c.id, c.name])),
    families: new Map((reference?.families ?? []).map((f) => [f.id, f.name])),
  };
}

export function targetError(t: Target): string | undefined {
  if (t.kind === "item" && !t.sku.trim()) return "Enter the item's SKU";
  if (t.kind === "category" && !(t.categoryId > 0)) return "Pick a category";
  if (t.kind === "family" && !(t.familyId > 0)) return "Pick a product family";
  return undefined;
}

export function TargetInput({
  value,
  onChange,
  kinds = TARGET_KINDS,
  error,
  testId,
}: {
  value: Target;
  onChange: (t: Target) => void;
  kinds?: { value: string; label: string }[];
  error?: string;
  testId?: string;
}) {
  const reference = usePricingReference();
  const setKind = (k: string | null) => {
    if (k === "item") onChange({ kind: "item", sku: "" });
    else if (k === "category") onChange({ kind: "category", categoryId: 0 });
    else if (k === "family") onChange({ kind: "family", familyId: 0 });
    else onChange({ kind: "all" });
  };
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap" data-testid={testId}>
      <Select
        aria-label="Applies to items"
        data={kinds}
        value={value.kind}
        onChange={setKind}
        allowDeselect={false}
        w={150}
      />
      {value.kind === "item" && (
        <SkuInput
          aria-label="SKU"
          placeholder="SKU"
          value={value.sku}
          onChange={(sku) => onChange({ kind: "item", sku })}
          error={error}
          style={{ flex: 1 }}
        />
      )}
      {(value.kind === "category" || value.kind === "family") && (
        <Select
          aria-label={value.kind === "category" ? "Category" : "Product family"}
          placeholder={value.kind === "category" ? "Pick a category" : "Pick a product family"}
          searchable
          data={referenceOptions(
            value.kind === "category" ? reference.data?.categories : reference.data?.families,
          )}
          value={String((value.kind === "category" ? value.categoryId : value.familyId) || "") || null}
          onChange={(v) => {
            const id = v ? Number(v) : 0;
            onChange(
              value.kind === "category"
                ? { kind: "category", categoryId: id }
                : { kind: "family", familyId: id },
            );
          }}
          nothingFoundMessage="Nothing matches"
          error={error}
          style={{ flex: 1 }}
        />
      )}
    </Group>
  );
}

export const ADJUSTMENT_KINDS = [
  { value: "percent_off", label: "% off" },
  { value: "amount_off", label: "Amount off" },
  { value: "fixed", label: "Fixed price" },
];

export function adjustmentLabel(a: Adjustment): string {
  if (a.kind === "percent_off") return `${a.percent}% off`;
  if (a.kind === "amount_off") return `${a.amount} off`;
  return `fixed ${a.price}`;
}

export function adjustmentValue(a: Adjustment): string {
  return a.kind === "percent_off" ? a.percent : a.kind === "amount_off" ? a.amount : a.price;
}

export function adjustmentError(a: Adjustment): string | undefined {
  return a.kind === "percent_off"
    ? percentError(a.percent)
    : priceError(adjustmentValue(a), a.kind === "fixed" ? "price" : "amount");
}

export function makeAdjustment(kind: string, value: string): Adjustment {
  if (kind === "fixed") return { kind: "fixed", price: value };
  if (kind === "amount_off") return { kind: "amount_off", amount: value };
  return { kind: "percent_off", percent: value };
}

export function AdjustmentInput({
  value,
  onChange,
  error,
  testId,
}: {
  value: Adjustment;
  onChange: (a: Adjustment) => void;
  error?: string;
  testId?: string;
}) {
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <Select
        aria-label="Kind of change"
        data={ADJUSTMENT_KINDS}
        value={value.kind}
        onChange={(k) => onChange(makeAdjustment(k ?? "percent_off", adjustmentValue(value)))}
        allowDeselect={false}
        w={130}
      />
      <TextInput
        aria-label={value.kind === "percent_off" ? "Percent" : "Amount"}
        placeholder={value.kind === "percent_off" ? "Percent" : "Amount"}
        value={adjustmentValue(value)}
        onChange={(e) => onChange(makeAdjustment(value.kind, e.currentTarget.value))}
        rightSection={value.kind === "percent_off" ? "%" : undefined}
        error={error}
        inputMode="decimal"
        styles={{ input: { textAlign: "right" } }}
        style={{ flex: 1 }}
        data-testid={testId}
      />
    </Group>
  );
}
