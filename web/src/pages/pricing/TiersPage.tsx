// Volume tiers: quantity or order-value breaks for everyone, a group or an account, on an item, a
// category, a product family (mix and match) or everything.
import { ActionIcon, Button, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useRules, useSaveRule } from "./api";
import { RuleFormFooter, ScopeInput, scopeLabel, Validity } from "./common";
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
import type { Adjustment, AnyScope, Target, Tier, TierInput } from "./types";
import { currencyError, datesError, type Errors, hasErrors } from "./validation";

const BASES = [
  { value: "line_quantity", label: "Line quantity (base units)" },
  { value: "family_quantity", label: "Family quantity across lines (mix and match)" },
  { value: "order_value", label: "Order value" },
];
const BASIS_SHORT: Record<TierInput["basis"], string> = {
  line_quantity: "line qty",
  family_quantity: "family qty",
  order_value: "order value",
};

type BreakDraft = { key: number; min: string; adjustment: Adjustment };
let nextKey = 1;

function TierForm({ existing, onClose }: { existing?: Tier; onClose: () => void }) {
  const save = useSaveRule("tiers");
  const [header, setHeader] = useState<HeaderState>({
    name: existing?.name ?? "",
    currency: existing?.currency ?? null,
    validFrom: existing?.validFrom ?? null,
    validTo: existing?.validTo ?? null,
  });
  const [scope, setScope] = useState<AnyScope | null>(existing?.scope ?? { kind: "all" });
  const [target, setTarget] = useState<Target>(existing?.target ?? { kind: "item", sku: "" });
  const [basis, setBasis] = useState<TierInput["basis"]>(existing?.basis ?? "line_quantity");
  const [breaks, setBreaks] = useState<BreakDraft[]>(
    existing?.breaks.map((b) => ({ key: nextKey++, ...b })) ?? [
      { key: nextKey++, min: "", adjustment: { kind: "percent_off", percent: "" } },
    ],
  );
  const [errors, setErrors] = useState<Errors>({});
  const patch = (key: number, p: Partial<BreakDraft>) =>
    setBreaks((bs) => bs.map((b) => (b.key === key ? { ...b, ...p } : b)));
  const needsCurrency = basis === "order_value" || breaks.some((b) => b.adjustment.kind !== "percent_off");

  const submit = () => {
    const next: Errors = {
      name: header.name.trim() ? undefined : "Give the tier a name",
      scope: scope ? undefined : "Choose who the tier is for",
      currency: needsCurrency
        ? currencyError(header.currency ?? "") &&
          "A fixed price, an amount off or an order-value basis needs a currency"
        : undefined,
      validTo: datesError(isoDate(header.validFrom), isoDate(header.validTo)),
      target: targetError(target),
      breaks: breaks.length ? undefined : "Add at least one break",
    };
    for (const b of breaks) {
      next[`min-${b.key}`] = /^\d{1,12}(\.\d{1,4})?$/.test(b.min.trim())
        ? undefined
        : basis === "order_value"
          ? "An amount like 500"
          : "A whole quantity like 12";
      next[`adj-${b.key}`] = adjustmentError(b.adjustment);
    }
    setErrors(next);
    if (hasErrors(next) || !scope) return;
    save.mutate(
      {
        id: existing?.id,
        body: {
          name: header.name.trim(),
          scope,
          currency: header.currency,
          validFrom: isoDate(header.validFrom),
          validTo: isoDate(header.validTo),
          target: target.kind === "item" ? { kind: "item", sku: target.sku.trim() } : target,
          basis,
          breaks: breaks.map((b) => ({ min: b.min.trim(), adjustment: b.adjustment })),
        },
      },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal opened onClose={onClose} title={existing ? "Edit volume tier" : "New volume tier"} size="lg">
      <Stack gap="md">
        <RuleHeaderFields
          value={header}
          onChange={(p) => setHeader((h) => ({ ...h, ...p }))}
          errors={errors}
          currencyOptional
          namePlaceholder="e.g. Case breaks on paper goods"
        />
        <ScopeInput value={scope} onChange={setScope} allowAll error={errors.scope} />
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
        <Select
          label="Break on"
          data={BASES}
          value={basis}
          onChange={(b) => setBasis((b ?? "line_quantity") as TierInput["basis"])}
          allowDeselect={false}
        />
        <div>
          <Text size="sm" fw={500} mb={4}>
            Breaks
          </Text>
          <Stack gap="xs">
            {breaks.map((b) => (
              <Group key={b.key} gap="xs" align="flex-start" wrap="nowrap" data-testid="tier-break">
                <TextInput
                  aria-label="From"
                  leftSection={<Text size="xs">≥</Text>}
                  placeholder={basis === "order_value" ? "Amount" : "Quantity"}
                  value={b.min}
                  onChange={(e) => patch(b.key, { min: e.currentTarget.value })}
                  error={errors[`min-${b.key}`]}
                  w={140}
                  inputMode="decimal"
                />
                <div style={{ flex: 1 }}>
                  <AdjustmentInput
                    value={b.adjustment}
                    onChange={(adjustment) => patch(b.key, { adjustment })}
                    error={errors[`adj-${b.key}`]}
                  />
                </div>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mt={4}
                  onClick={() => setBreaks((bs) => bs.filter((x) => x.key !== b.key))}
                  aria-label="Remove break"
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
          {errors.breaks && (
            <Text size="xs" c="red">
              {errors.breaks}
            </Text>
          )}
          <Button
            variant="light"
            size="xs"
            mt="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              setBreaks((bs) => [
                ...bs,
                { key: nextKey++, min: "", adjustment: { kind: "percent_off", percent: "" } },
              ])
            }
          >
            Add break
          </Button>
        </div>
        <RuleFormFooter
          save={save}
          noun="tier"
          editing={Boolean(existing)}
          onCancel={onClose}
          onSubmit={submit}
        />
      </Stack>
    </Modal>
  );
}

export function TiersPage() {
  const tiers = useRules("tiers");
  const names = useReferenceNames();
  return (
    <RuleListPage<Tier>
      kind="tiers"
      title="Volume tiers"
      subtitle="Quantity and order-value breaks. One tier applies per line: the one giving the lowest price."
      noun="tier"
      query={tiers}
      columns={[
        { label: "For", render: (t) => <Text size="sm">{scopeLabel(t.scope, names.groups)}</Text> },
        { label: "Items", render: (t) => <Text size="sm">{targetLabel(t.target, names)}</Text> },
        {
          label: "Breaks",
          render: (t) => (
            <Text size="sm">
              {BASIS_SHORT[t.basis]}:{" "}
              {t.breaks.map((b) => `≥ ${b.min}: ${adjustmentLabel(b.adjustment)}`).join(", ")}
            </Text>
          ),
        },
        { label: "Valid", render: (t) => <Validity from={t.validFrom} to={t.validTo} /> },
      ]}
      renderForm={(existing, close) => <TierForm existing={existing} onClose={close} />}
    />
  );
}
