// Create or edit a price list's header: name, who it is for, currency and validity dates.
import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import dayjs from "dayjs";
import { useState } from "react";
import { useSavePriceList } from "./api";
import { SaveError, ScopeInput } from "./common";
import type { AnyScope, OwnerScope, PriceList } from "./types";
import { CURRENCIES, currencyError, datesError, type Errors, hasErrors } from "./validation";

const iso = (d: string | null) => (d ? dayjs(d).format("YYYY-MM-DD") : null);

export function PriceListForm({
  opened,
  onClose,
  existing,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  existing?: PriceList;
  onSaved?: (list: PriceList) => void;
}) {
  const save = useSavePriceList();
  const [name, setName] = useState(existing?.name ?? "");
  const [scope, setScope] = useState<AnyScope | null>(existing?.scope ?? null);
  const [currency, setCurrency] = useState(existing?.currency ?? "USD");
  const [from, setFrom] = useState<string | null>(existing?.validFrom ?? null);
  const [to, setTo] = useState<string | null>(existing?.validTo ?? null);
  const [errors, setErrors] = useState<Errors>({});

  const submit = () => {
    const next: Errors = {
      name: name.trim() ? undefined : "Give the price list a name",
      scope: scope && scope.kind !== "all" ? undefined : "Choose an account or an account group",
      currency: currencyError(currency),
      validTo: datesError(iso(from), iso(to)),
    };
    setErrors(next);
    if (hasErrors(next) || !scope || scope.kind === "all") return;
    save.mutate(
      {
        id: existing?.id,
        body: {
          name: name.trim(),
          scope: scope as OwnerScope,
          currency,
          validFrom: iso(from),
          validTo: iso(to),
        },
      },
      {
        onSuccess: (list) => {
          onSaved?.(list);
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={existing ? "Edit price list" : "New price list"}
      size="lg"
    >
      <Stack gap="md">
        <TextInput
          label="Name"
          placeholder="e.g. Chains 2027"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          withAsterisk
          data-autofocus
          data-testid="price-list-name"
        />
        <ScopeInput value={scope} onChange={setScope} error={errors.scope} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label="Currency"
            data={CURRENCIES}
            value={currency}
            onChange={(v) => setCurrency(v ?? "")}
            error={errors.currency}
            allowDeselect={false}
            withAsterisk
          />
          <DateInput
            label="Valid from"
            placeholder="Open"
            value={from}
            onChange={setFrom}
            clearable
            valueFormat="D MMM YYYY"
          />
          <DateInput
            label="Valid to"
            placeholder="Open"
            value={to}
            onChange={setTo}
            clearable
            valueFormat="D MMM YYYY"
            error={errors.validTo}
          />
        </SimpleGrid>
        <SaveError error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={save.isPending} data-testid="price-list-save">
            {existing ? "Save" : "Create price list"}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
