// Promotions: a price change limited to a period, optionally to an order size, some items and some
// accounts or groups.
import { Modal, MultiSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { referenceOptions, usePricingReference, useRules, useSaveRule } from "./api";
import { RuleFormFooter, Validity } from "./common";
import { type HeaderState, isoDate, RuleHeaderFields } from "./RuleHeaderFields";
import { RuleListPage } from "./RuleListPage";
import {
  AdjustmentInput,
  adjustmentError,
  adjustmentLabel,
  TargetInput,
  targetError,
  targetLabel,
  useReferenceNames,
} from "./ruleInputs";
import type { Adjustment, Promotion, Target } from "./types";
import { currencyError, datesError, type Errors, hasErrors, moneyError } from "./validation";

const idList = (ids: number[] | null | undefined) => (ids?.length ? ids.join(", ") : "");

function parseIds(text: string): number[] | null | "invalid" {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (!parts.length) return null;
  if (!parts.every((p) => /^\d{1,9}$/.test(p) && Number(p) > 0)) return "invalid";
  return parts.map(Number);
}

function PromotionForm({ existing, onClose }: { existing?: Promotion; onClose: () => void }) {
  const save = useSaveRule("promotions");
  const [header, setHeader] = useState<HeaderState>({
    name: existing?.name ?? "",
    currency: existing?.currency ?? null,
    validFrom: existing?.validFrom ?? null,
    validTo: existing?.validTo ?? null,
  });
  const [target, setTarget] = useState<Target>(existing?.target ?? { kind: "all" });
  const [adjustment, setAdjustment] = useState<Adjustment>(
    existing?.adjustment ?? { kind: "percent_off", percent: "" },
  );
  const [minValue, setMinValue] = useState(existing?.minOrderValue ?? "");
  const [minQty, setMinQty] = useState<number | "">(existing?.minOrderQuantity ?? "");
  const [groups, setGroups] = useState<string[]>((existing?.accountGroupIds ?? []).map(String));
  const reference = usePricingReference();
  const [accounts, setAccounts] = useState(idList(existing?.accountIds));
  const [errors, setErrors] = useState<Errors>({});

  const submit = () => {
    const needsCurrency = adjustment.kind !== "percent_off" || minValue.trim() !== "";
    const g = groups.length ? groups.map(Number) : null;
    const a = parseIds(accounts);
    const next: Errors = {
      name: header.name.trim() ? undefined : "Give the promotion a name",
      currency: needsCurrency
        ? currencyError(header.currency ?? "") &&
          "A fixed price, an amount off or a minimum order value needs a currency"
        : undefined,
      validTo: datesError(isoDate(header.validFrom), isoDate(header.validTo)),
      target: targetError(target),
      adjustment: adjustmentError(adjustment),
      minValue: moneyError(minValue),
      accounts: a === "invalid" ? "Account ids separated by commas, like 12, 40" : undefined,
    };
    setErrors(next);
    if (hasErrors(next) || a === "invalid") return;
    save.mutate(
      {
        id: existing?.id,
        body: {
          name: header.name.trim(),
          currency: header.currency,
          validFrom: isoDate(header.validFrom),
          validTo: isoDate(header.validTo),
          target: target.kind === "item" ? { kind: "item", sku: target.sku.trim() } : target,
          minOrderValue: minValue.trim() || null,
          minOrderQuantity: typeof minQty === "number" && minQty > 0 ? minQty : null,
          accountGroupIds: g,
          accountIds: a,
          adjustment,
        },
      },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal opened onClose={onClose} title={existing ? "Edit promotion" : "New promotion"} size="lg">
      <Stack gap="md">
        <RuleHeaderFields
          value={header}
          onChange={(p) => setHeader((h) => ({ ...h, ...p }))}
          errors={errors}
          currencyOptional
          namePlaceholder="e.g. Spring cleaning 10% off"
        />
        <div>
          <Text size="sm" fw={500} mb={4}>
            Items
          </Text>
          <TargetInput
            value={target}
            onChange={(t) => {
              setTarget(t);
              // The old message was about what was there before.
              setErrors((e) => ({ ...e, target: undefined }));
            }}
            error={errors.target}
          />
        </div>
        <div>
          <Text size="sm" fw={500} mb={4}>
            Price change
          </Text>
          <AdjustmentInput
            value={adjustment}
            onChange={setAdjustment}
            error={errors.adjustment}
            testId="promo-adjustment"
          />
        </div>
        <SimpleGrid cols={2}>
          <TextInput
            label="Minimum order value"
            placeholder="None"
            value={minValue}
            onChange={(e) => setMinValue(e.currentTarget.value)}
            error={errors.minValue}
            inputMode="decimal"
          />
          <NumberInput
            label="Minimum order quantity"
            placeholder="None"
            value={minQty}
            onChange={(v) => setMinQty(typeof v === "number" ? v : "")}
            allowDecimal={false}
            allowNegative={false}
            min={1}
          />
          <MultiSelect
            label="Only account groups"
            placeholder={groups.length ? undefined : "Everyone"}
            data={referenceOptions(reference.data?.groups)}
            value={groups}
            onChange={setGroups}
            searchable
            clearable
            data-testid="promo-groups"
          />
          <TextInput
            label="Only accounts (ids)"
            placeholder="Everyone"
            value={accounts}
            onChange={(e) => setAccounts(e.currentTarget.value)}
            error={errors.accounts}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          An account qualifies when it or its group is listed; with no list, everyone does.
        </Text>
        <RuleFormFooter
          save={save}
          noun="promotion"
          editing={Boolean(existing)}
          onCancel={onClose}
          onSubmit={submit}
        />
      </Stack>
    </Modal>
  );
}

export function PromotionsPage() {
  const promotions = useRules("promotions");
  const names = useReferenceNames();
  return (
    <RuleListPage<Promotion>
      kind="promotions"
      title="Promotions"
      subtitle="Time-limited price changes, applied on top of the tier when they lower the price."
      noun="promotion"
      query={promotions}
      columns={[
        { label: "Change", render: (p) => <Text size="sm">{adjustmentLabel(p.adjustment)}</Text> },
        { label: "Items", render: (p) => <Text size="sm">{targetLabel(p.target, names)}</Text> },
        {
          label: "Conditions",
          render: (p) => (
            <Text size="sm" c="dimmed">
              {[
                p.minOrderValue ? `order ≥ ${p.minOrderValue}` : null,
                p.minOrderQuantity ? `qty ≥ ${p.minOrderQuantity}` : null,
                p.accountGroupIds?.length ? `${p.accountGroupIds.length} group(s)` : null,
                p.accountIds?.length ? `${p.accountIds.length} account(s)` : null,
              ]
                .filter(Boolean)
                .join(" · ") || "Everyone"}
            </Text>
          ),
        },
        { label: "Valid", render: (p) => <Validity from={p.validFrom} to={p.validTo} /> },
      ]}
      renderForm={(existing, close) => <PromotionForm existing={existing} onClose={close} />}
    />
  );
}
