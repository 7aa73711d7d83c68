// A SKU field that searches the catalogue (GET /api/items?q=) and shows name and list price.
import { Autocomplete, type AutocompleteProps, Group, Loader, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo } from "react";
import { useItems } from "../../api/hooks";
import type { Item } from "../../api/types";
import { formatUnitPrice } from "../../lib/money";

export function useItemBySku(sku: string) {
  const [debounced] = useDebouncedValue(sku.trim(), 200);
  const items = useItems(debounced);
  const results = items.data?.items ?? [];
  const exact = results.find((i) => i.sku.toUpperCase() === debounced.toUpperCase()) ?? null;
  return { items, results, exact: debounced === sku.trim() ? exact : null };
}

export function SkuInput({
  value,
  onChange,
  onItem,
  ...rest
}: {
  value: string;
  onChange: (sku: string) => void;
  onItem?: (item: Item | null) => void;
} & Omit<AutocompleteProps, "value" | "onChange" | "data">) {
  const { items, results } = useItemBySku(value);
  const bySku = useMemo(() => new Map(results.map((i) => [i.sku, i])), [results]);
  return (
    <Autocomplete
      value={value}
      onChange={(v) => {
        onChange(v);
        onItem?.(bySku.get(v) ?? null);
      }}
      data={results.map((i) => ({ value: i.sku }))}
      filter={({ options }) => options}
      selectFirstOptionOnChange
      renderOption={({ option }) => {
        const i = bySku.get(option.value);
        return (
          <div style={{ width: "100%" }}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm" fw={600} className="mono">
                {option.value}
              </Text>
              {i && (
                <Text size="xs" c="dimmed" className="num">
                  list {formatUnitPrice(i.listPrice)}
                </Text>
              )}
            </Group>
            {i && (
              <Text size="xs" lineClamp={1}>
                {i.name}
              </Text>
            )}
          </div>
        );
      }}
      comboboxProps={{ width: 380, position: "bottom-start" }}
      maxDropdownHeight={320}
      rightSection={items.isFetching ? <Loader size={14} /> : undefined}
      classNames={{ input: "mono" }}
      {...rest}
    />
  );
}
