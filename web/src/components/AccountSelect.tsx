import { Group, Loader, Select, type SelectProps, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconBuilding } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useAccounts } from "../api/hooks";
import { type AccountSummary, type Id, sameId } from "../api/types";
import { noOptionHighlighted } from "../lib/combobox";

export interface AccountOption {
  id: Id;
  number: string;
  name: string;
}

function optionLabel(account: AccountOption): string {
  return `${account.name} · ${account.number}`;
}

/**
 * A searchable account picker that searches on the server (GET /api/accounts?q=).
 * The selected account is kept so its label survives new search results.
 */
export function AccountSelect({
  value,
  onChange,
  ...rest
}: {
  value: AccountOption | null;
  onChange: (account: AccountOption | null) => void;
} & Omit<SelectProps, "value" | "onChange" | "data">) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  // Searching for the selected option's own label means "show everything" again.
  const q = value && debounced === optionLabel(value) ? "" : debounced;
  const accounts = useAccounts(q);
  const [known, setKnown] = useState<Record<string, AccountSummary>>({});

  const data = useMemo(() => {
    const list = accounts.data?.accounts ?? [];
    const options = list.map((a) => ({ value: String(a.id), label: optionLabel(a) }));
    if (value && !list.some((a) => sameId(a.id, value.id))) {
      options.unshift({ value: String(value.id), label: optionLabel(value) });
    }
    return options;
  }, [accounts.data, value]);

  const byId = useMemo(() => {
    const map: Record<string, AccountSummary> = { ...known };
    for (const a of accounts.data?.accounts ?? []) map[String(a.id)] = a;
    return map;
  }, [accounts.data, known]);

  const choose = (id: string | null) => {
    const account = id ? byId[id] : undefined;
    if (account) setKnown((k) => ({ ...k, [String(account.id)]: account }));
    onChange(account ? { id: account.id, number: account.number, name: account.name } : null);
  };

  return (
    <Select
      searchable
      clearable
      data={data}
      value={value ? String(value.id) : null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(id) => choose(id)}
      onKeyDown={(e) => {
        // Enter with nothing highlighted takes the first match (type "carter", Enter).
        const first = accounts.data?.accounts[0];
        if (
          e.key === "Enter" &&
          search &&
          first &&
          !sameId(first.id, value?.id) &&
          noOptionHighlighted(e.currentTarget)
        ) {
          e.preventDefault();
          choose(String(first.id));
          e.currentTarget.blur();
          e.currentTarget.focus();
        }
      }}
      leftSection={<IconBuilding size={16} />}
      rightSection={accounts.isFetching ? <Loader size={14} /> : undefined}
      nothingFoundMessage={
        accounts.isFetching
          ? "Searching…"
          : accounts.isError
            ? "Could not load accounts"
            : "No matching accounts"
      }
      renderOption={({ option }) => {
        const a = byId[option.value];
        if (!a) return <Text size="sm">{option.label}</Text>;
        return (
          <div>
            <Text size="sm" fw={500}>
              {a.name}
            </Text>
            <Group gap={6}>
              <Text size="xs" c="dimmed" className="mono">
                {a.number}
              </Text>
              {a.groupName && (
                <Text size="xs" c="dimmed">
                  · {a.groupName}
                </Text>
              )}
            </Group>
          </div>
        );
      }}
      maxDropdownHeight={320}
      {...rest}
    />
  );
}
