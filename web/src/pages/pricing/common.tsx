// Small shared pieces of the pricing screens: scope and validity display, the scope picker, the
// save-error alert and the read-only notice.
import { Alert, Badge, Button, Group, List, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconLock } from "@tabler/icons-react";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { useAccount } from "../../api/hooks";
import { type AccountOption, AccountSelect } from "../../components/AccountSelect";
import { formatDate } from "../../lib/dates";
import { referenceOptions, usePricingReference } from "./api";
import type { AnyScope, ScopeView } from "./types";
import { describeSaveError } from "./validation";

export function scopeLabel(scope: ScopeView | null | undefined, groupNames?: Map<number, string>): string {
  if (!scope) return "—";
  if (scope.kind === "all") return "Everyone";
  if (scope.kind === "account")
    return scope.name
      ? `${scope.name}${scope.number ? ` · ${scope.number}` : ""}`
      : `Account #${scope.accountId}`;
  const name = scope.name ?? groupNames?.get(Number(scope.groupId));
  return name ? `Group: ${name}` : `Group #${scope.groupId}`;
}

export function validityLabel(from: string | null, to: string | null): string {
  if (!from && !to) return "Always";
  if (from && to) return `${formatDate(from)} – ${formatDate(to)}`;
  return from ? `From ${formatDate(from)}` : `Until ${formatDate(to)}`;
}

export function ValidityBadge({ from, to }: { from: string | null; to: string | null }) {
  const today = dayjs().format("YYYY-MM-DD");
  const state = to && to < today ? "expired" : from && from > today ? "scheduled" : "active";
  const color = state === "expired" ? "gray" : state === "scheduled" ? "blue" : "teal";
  return (
    <Badge color={color} variant="light" size="sm" data-validity={state}>
      {state}
    </Badge>
  );
}

export function Validity({ from, to }: { from: string | null; to: string | null }) {
  return (
    <Group gap={8} wrap="nowrap">
      <ValidityBadge from={from} to={to} />
      <Text size="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
        {validityLabel(from, to)}
      </Text>
    </Group>
  );
}

export function ReadOnlyNotice() {
  return (
    <Alert color="gray" variant="light" icon={<IconLock size={16} />} py="xs" data-testid="read-only">
      You can view prices. Changes are made by administrators, sales managers and finance.
    </Alert>
  );
}

/** The end of a rule form: what went wrong on save, then Cancel and Save/Create. */
export function RuleFormFooter(props: {
  save: { error: unknown; isPending: boolean };
  noun: string;
  editing: boolean;
  onCancel: () => void;
  onSubmit: () => void;
}) {
  return (
    <>
      <SaveError error={props.save.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          Cancel
        </Button>
        <Button onClick={props.onSubmit} loading={props.save.isPending} data-testid="rule-save">
          {props.editing ? `Save ${props.noun}` : `Create ${props.noun}`}
        </Button>
      </Group>
    </>
  );
}

export function SaveError({ error }: { error: unknown }) {
  if (!error) return null;
  const { title, lines } = describeSaveError(error);
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={title}
      data-testid="save-error"
    >
      <List size="sm" spacing={2}>
        {lines.map((l) => (
          <List.Item key={l}>{l}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** Picks who a rule is for: one account, an account group, or (when allowed) everyone. */
export function ScopeInput({
  value,
  onChange,
  allowAll,
  error,
}: {
  value: AnyScope | null;
  onChange: (scope: AnyScope | null) => void;
  allowAll?: boolean;
  error?: string;
}) {
  const [kind, setKind] = useState<AnyScope["kind"]>(value?.kind ?? "account");
  const reference = usePricingReference();
  const [account, setAccount] = useState<AccountOption | null>(
    value?.kind === "account"
      ? { id: value.accountId, number: "", name: `Account #${value.accountId}` }
      : null,
  );
  // Editing an account rule: show the account's name once it is loaded.
  const existing = useAccount(value?.kind === "account" && account?.number === "" ? value.accountId : null);
  useEffect(() => {
    const a = existing.data;
    if (a) setAccount({ id: a.id, number: a.number, name: a.name });
  }, [existing.data]);
  const data = [
    { value: "account", label: "One account" },
    { value: "group", label: "Account group" },
    ...(allowAll ? [{ value: "all", label: "Everyone" }] : []),
  ];
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        Applies to <span style={{ color: "var(--mantine-color-red-6)" }}>*</span>
      </Text>
      <SegmentedControl
        data={data}
        value={kind}
        onChange={(k) => {
          const next = k as AnyScope["kind"];
          setKind(next);
          onChange(
            next === "all"
              ? { kind: "all" }
              : next === "account" && account
                ? { kind: "account", accountId: Number(account.id) }
                : null,
          );
        }}
        size="xs"
        data-testid="scope-kind"
      />
      {kind === "account" && (
        <AccountSelect
          aria-label="Account"
          placeholder="Search by name or account number"
          value={account}
          onChange={(a) => {
            setAccount(a);
            onChange(a ? { kind: "account", accountId: Number(a.id) } : null);
          }}
          error={error}
          data-testid="scope-account"
        />
      )}
      {kind === "group" && (
        <Select
          aria-label="Account group"
          placeholder="Pick an account group"
          searchable
          data={referenceOptions(reference.data?.groups)}
          value={value?.kind === "group" ? String(value.groupId) : null}
          onChange={(v) => onChange(v ? { kind: "group", groupId: Number(v) } : null)}
          nothingFoundMessage="No such group"
          error={error}
          data-testid="scope-group"
        />
      )}
    </Stack>
  );
}
