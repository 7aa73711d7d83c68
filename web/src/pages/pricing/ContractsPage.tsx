// Contracts: negotiated prices for an account or group — fixed, % off list, or cost plus — per item
// or per category, with validity dates and an "exclusive" (net price) flag.
import {
  ActionIcon,
  Box,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useRules, useSaveRule } from "./api";
import { RuleFormFooter, ScopeInput, scopeLabel, Validity } from "./common";
import { type HeaderState, isoDate, RuleHeaderFields } from "./RuleHeaderFields";
import { RuleListPage } from "./RuleListPage";
import { TargetInput, targetError, targetLabel, useReferenceNames } from "./ruleInputs";
import type { AnyScope, Contract, ContractLineInput, ContractPrice, OwnerScope, Target } from "./types";
import { currencyError, datesError, type Errors, hasErrors, percentError, priceError } from "./validation";

const PRICE_KINDS = [
  { value: "fixed", label: "Fixed price" },
  { value: "percent_off_list", label: "% off list" },
  { value: "cost_plus", label: "Cost plus %" },
];

function priceLabel(p: ContractPrice): string {
  if (p.kind === "fixed") return p.price;
  if (p.kind === "percent_off_list") return `${p.percent}% off list`;
  return `cost + ${p.percent}% ${p.basis ?? "markup"}`;
}

type LineDraft = {
  key: number;
  target: Target;
  kind: ContractPrice["kind"];
  value: string;
  basis: "markup" | "margin";
};
let nextKey = 1;

function toDraft(l: ContractLineInput): LineDraft {
  const p = l.price;
  return {
    key: nextKey++,
    target: l.target,
    kind: p.kind,
    value: p.kind === "fixed" ? p.price : p.percent,
    basis: p.kind === "cost_plus" ? (p.basis ?? "markup") : "markup",
  };
}

function lineError(l: LineDraft): string | undefined {
  return l.kind === "fixed" ? priceError(l.value) : percentError(l.value);
}

function ContractForm({ existing, onClose }: { existing?: Contract; onClose: () => void }) {
  const save = useSaveRule("contracts");
  const [header, setHeader] = useState<HeaderState>({
    name: existing?.name ?? "",
    currency: existing?.currency ?? "USD",
    validFrom: existing?.validFrom ?? null,
    validTo: existing?.validTo ?? null,
  });
  const [scope, setScope] = useState<AnyScope | null>(existing?.scope ?? null);
  const [exclusive, setExclusive] = useState(existing?.exclusive ?? false);
  const [lines, setLines] = useState<LineDraft[]>(
    existing?.lines.length
      ? existing.lines.map(toDraft)
      : [{ key: nextKey++, target: { kind: "item", sku: "" }, kind: "fixed", value: "", basis: "markup" }],
  );
  const [errors, setErrors] = useState<Errors>({});
  const patchLine = (key: number, patch: Partial<LineDraft>) =>
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const submit = () => {
    const next: Errors = {
      name: header.name.trim() ? undefined : "Give the contract a name",
      scope: scope && scope.kind !== "all" ? undefined : "Choose an account or an account group",
      currency: currencyError(header.currency ?? ""),
      validTo: datesError(isoDate(header.validFrom), isoDate(header.validTo)),
      lines: lines.length ? undefined : "Add at least one line",
    };
    for (const l of lines) {
      next[`target-${l.key}`] = targetError(l.target);
      next[`price-${l.key}`] = lineError(l);
    }
    setErrors(next);
    if (hasErrors(next) || !scope || scope.kind === "all") return;
    save.mutate(
      {
        id: existing?.id,
        body: {
          name: header.name.trim(),
          scope: scope as OwnerScope,
          shipToIds: existing?.shipToIds ?? null,
          currency: header.currency ?? "USD",
          validFrom: isoDate(header.validFrom),
          validTo: isoDate(header.validTo),
          exclusive,
          lines: lines.map((l) => ({
            target:
              l.target.kind === "item"
                ? { kind: "item", sku: l.target.sku.trim() }
                : { kind: "category", categoryId: (l.target as { categoryId: number }).categoryId },
            price:
              l.kind === "fixed"
                ? { kind: "fixed", price: l.value.trim() }
                : l.kind === "percent_off_list"
                  ? { kind: "percent_off_list", percent: l.value.trim() }
                  : { kind: "cost_plus", percent: l.value.trim(), basis: l.basis },
          })),
        },
      },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal opened onClose={onClose} title={existing ? "Edit contract" : "New contract"} size="xl">
      <Stack gap="md">
        <RuleHeaderFields
          value={header}
          onChange={(p) => setHeader((h) => ({ ...h, ...p }))}
          errors={errors}
          namePlaceholder="e.g. Carter Foods 2027 agreement"
        />
        <ScopeInput value={scope} onChange={setScope} error={errors.scope} />
        <Checkbox
          label="Net price (exclusive): no volume tier or promotion applies on top"
          checked={exclusive}
          onChange={(e) => setExclusive(e.currentTarget.checked)}
        />
        <div>
          <Text size="sm" fw={500} mb={4}>
            Lines
          </Text>
          <Stack gap="xs">
            {lines.map((l) => (
              <Group key={l.key} gap="xs" align="flex-start" wrap="nowrap" data-testid="contract-line">
                <Box style={{ flex: 1, minWidth: 0 }}>
                  <TargetInput
                    value={l.target}
                    onChange={(target) => patchLine(l.key, { target })}
                    kinds={[
                      { value: "item", label: "Item" },
                      { value: "category", label: "Category" },
                    ]}
                    error={errors[`target-${l.key}`]}
                  />
                </Box>
                <Select
                  aria-label="Price kind"
                  data={PRICE_KINDS}
                  value={l.kind}
                  onChange={(k) => patchLine(l.key, { kind: (k ?? "fixed") as LineDraft["kind"] })}
                  allowDeselect={false}
                  w={140}
                />
                <TextInput
                  aria-label={l.kind === "fixed" ? "Price" : "Percent"}
                  placeholder={l.kind === "fixed" ? "Price" : "Percent"}
                  value={l.value}
                  onChange={(e) => patchLine(l.key, { value: e.currentTarget.value })}
                  error={errors[`price-${l.key}`]}
                  rightSection={l.kind === "fixed" ? undefined : "%"}
                  inputMode="decimal"
                  styles={{ input: { textAlign: "right" } }}
                  w={120}
                />
                {l.kind === "cost_plus" && (
                  <Select
                    aria-label="Basis"
                    data={[
                      { value: "markup", label: "markup" },
                      { value: "margin", label: "margin" },
                    ]}
                    value={l.basis}
                    onChange={(b) => patchLine(l.key, { basis: (b ?? "markup") as LineDraft["basis"] })}
                    allowDeselect={false}
                    w={105}
                  />
                )}
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mt={4}
                  onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
                  aria-label="Remove line"
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
          {errors.lines && (
            <Text size="xs" c="red">
              {errors.lines}
            </Text>
          )}
          <Button
            variant="light"
            size="xs"
            mt="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              setLines((ls) => [
                ...ls,
                {
                  key: nextKey++,
                  target: { kind: "item", sku: "" },
                  kind: "fixed",
                  value: "",
                  basis: "markup",
                },
              ])
            }
          >
            Add line
          </Button>
        </div>
        <RuleFormFooter
          save={save}
          noun="contract"
          editing={Boolean(existing)}
          onCancel={onClose}
          onSubmit={submit}
        />
      </Stack>
    </Modal>
  );
}

export function ContractsPage() {
  const contracts = useRules("contracts");
  const names = useReferenceNames();
  return (
    <RuleListPage<Contract>
      kind="contracts"
      title="Contracts"
      subtitle="Negotiated prices for an account or a group. They replace list and price-list prices while valid."
      noun="contract"
      query={contracts}
      columns={[
        { label: "For", render: (c) => <Text size="sm">{scopeLabel(c.scope, names.groups)}</Text> },
        { label: "Currency", render: (c) => c.currency },
        { label: "Valid", render: (c) => <Validity from={c.validFrom} to={c.validTo} /> },
        {
          label: "Lines",
          render: (c) => (
            <Text size="sm" lineClamp={2} maw={320}>
              {c.lines
                .slice(0, 3)
                .map((l) => `${targetLabel(l.target, names)}: ${priceLabel(l.price)}`)
                .join(" · ")}
              {c.lines.length > 3 ? ` · +${c.lines.length - 3} more` : ""}
            </Text>
          ),
        },
        { label: "Net", render: (c) => (c.exclusive ? "yes" : "—") },
      ]}
      renderForm={(existing, close) => <ContractForm existing={existing} onClose={close} />}
    />
  );
}
