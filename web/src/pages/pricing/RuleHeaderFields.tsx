// Name, currency and validity dates: the header fields every rule form shares.
import { Select, SimpleGrid, TextInput } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import dayjs from "dayjs";
import { CURRENCIES, type Errors } from "./validation";

export const isoDate = (d: string | null) => (d ? dayjs(d).format("YYYY-MM-DD") : null);

export interface HeaderState {
  name: string;
  currency: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export function RuleHeaderFields({
  value,
  onChange,
  errors,
  currencyOptional,
  namePlaceholder,
}: {
  value: HeaderState;
  onChange: (patch: Partial<HeaderState>) => void;
  errors: Errors;
  currencyOptional?: boolean;
  namePlaceholder: string;
}) {
  return (
    <>
      <TextInput
        label="Name"
        placeholder={namePlaceholder}
        value={value.name}
        onChange={(e) => onChange({ name: e.currentTarget.value })}
        error={errors.name}
        withAsterisk
        data-autofocus
        data-testid="rule-name"
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label="Currency"
          placeholder={currencyOptional ? "Any" : undefined}
          data={CURRENCIES}
          value={value.currency}
          onChange={(v) => onChange({ currency: v })}
          clearable={currencyOptional}
          allowDeselect={currencyOptional}
          withAsterisk={!currencyOptional}
          error={errors.currency}
        />
        <DateInput
          label="Valid from"
          placeholder="Open"
          value={value.validFrom}
          onChange={(v) => onChange({ validFrom: v })}
          clearable
          valueFormat="D MMM YYYY"
        />
        <DateInput
          label="Valid to"
          placeholder="Open"
          value={value.validTo}
          onChange={(v) => onChange({ validTo: v })}
          clearable
          valueFormat="D MMM YYYY"
          error={errors.validTo}
        />
      </SimpleGrid>
    </>
  );
}
