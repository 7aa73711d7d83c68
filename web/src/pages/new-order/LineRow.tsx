import { ActionIcon, Autocomplete, Group, Loader, NumberInput, Table, Text, Tooltip } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconAlertTriangle, IconTrash } from "@tabler/icons-react";
import { type KeyboardEvent, type RefObject, useEffect, useMemo, useState } from "react";
import { useItems } from "../../api/hooks";
import type { Item } from "../../api/types";
import { noOptionHighlighted } from "../../lib/combobox";
import { formatUnitPrice } from "../../lib/money";
import type { QuoteLine } from "../pricing/types";
import { LineIssues, LinePriceCells } from "./LinePrice";
import type { LineDraft } from "./lineState";

const qty = new Intl.NumberFormat("en-US");

export function LineRow({
  line,
  index,
  currency,
  problem,
  priced,
  pricing,
  canRemove,
  skuRef,
  qtyRef,
  onChange,
  onRemove,
  onQuantityEnter,
}: {
  line: LineDraft;
  index: number;
  currency: string;
  problem?: string;
  /** The live quote for this row (absent until priced). */
  priced?: QuoteLine;
  /** A newer quote is on its way. */
  pricing: boolean;
  canRemove: boolean;
  skuRef: RefObject<HTMLInputElement | null>;
  qtyRef: RefObject<HTMLInputElement | null>;
  onChange: (patch: Partial<LineDraft>) => void;
  onRemove: () => void;
  onQuantityEnter: () => void;
}) {
  const sku = line.sku.trim();
  const [focused, setFocused] = useState(false);
  const [debounced] = useDebouncedValue(sku, 200);
  const items = useItems(debounced);
  const results = items.data?.items ?? [];
  const bySku = useMemo(() => new Map(results.map((i) => [i.sku.toUpperCase(), i])), [results]);

  // Resolve the row's item when the typed SKU matches one exactly.
  const exact = sku ? (bySku.get(sku.toUpperCase()) ?? null) : null;
  const settled = debounced === sku && !items.isFetching;
  // biome-ignore lint/correctness/useExhaustiveDependencies: compare by item id only
  useEffect(() => {
    if (exact && line.item?.id !== exact.id) onChange({ item: exact });
    else if (!exact && line.item && (settled || !sku)) onChange({ item: null });
  }, [exact?.id, settled, sku]);

  const item: Item | null = line.item;
  const quantity = typeof line.quantity === "number" ? line.quantity : 0;
  const short = item && quantity > item.available;
  // Say "not found" once the clerk has left the field (or nothing at all matches what they typed).
  const notFound = sku !== "" && settled && items.isSuccess && !exact && (!focused || results.length === 0);

  const skuKeys = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Enter" || e.ctrlKey || e.metaKey) return;
    // Enter on a recognised SKU moves to the quantity.
    if (item) {
      e.preventDefault();
      qtyRef.current?.focus();
      return;
    }
    // Enter after typing part of a SKU or name, with nothing highlighted, takes the first match.
    const first = debounced === sku ? results[0] : undefined;
    if (first && noOptionHighlighted(e.currentTarget)) {
      e.preventDefault();
      onChange({ sku: first.sku, item: first });
      requestAnimationFrame(() => qtyRef.current?.focus());
    }
  };

  return (
    <Table.Tr data-testid="line-row">
      <Table.Td className="num" c="dimmed" w={40} style={{ verticalAlign: "top", paddingTop: 18 }}>
        {index + 1}
      </Table.Td>
      <Table.Td w={210} style={{ verticalAlign: "top" }}>
        <Autocomplete
          ref={skuRef}
          aria-label={`Line ${index + 1} SKU`}
          placeholder="SKU or item name"
          value={line.sku}
          onChange={(value) =>
            onChange({
              sku: value,
              item:
                line.item && line.item.sku.toUpperCase() === value.trim().toUpperCase() ? line.item : null,
            })
          }
          onOptionSubmit={(value) => {
            const picked = bySku.get(value.toUpperCase()) ?? null;
            onChange({ sku: value, item: picked });
            requestAnimationFrame(() => qtyRef.current?.focus());
          }}
          data={results.map((i) => ({ value: i.sku }))}
          filter={({ options }) => options}
          selectFirstOptionOnChange
          renderOption={({ option }) => {
            const i = bySku.get(option.value.toUpperCase());
            return (
              <div style={{ width: "100%" }}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600} className="mono">
                    {option.value}
                  </Text>
                  {i && (
                    <Text size="xs" c="dimmed" className="num">
                      {formatUnitPrice(i.listPrice, currency)}
                    </Text>
                  )}
                </Group>
                {i && (
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Text size="xs" lineClamp={1}>
                      {i.name}
                    </Text>
                    <Text size="xs" c={i.available > 0 ? "dimmed" : "red"} style={{ whiteSpace: "nowrap" }}>
                      {qty.format(i.available)} avail.
                    </Text>
                  </Group>
                )}
              </div>
            );
          }}
          comboboxProps={{ width: 380, position: "bottom-start" }}
          maxDropdownHeight={320}
          rightSection={items.isFetching ? <Loader size={14} /> : undefined}
          error={problem ?? (notFound ? "No item with this SKU" : undefined)}
          onKeyDown={skuKeys}
          onFocus={() => setFocused(true)}
          onBlur={() => {
            setFocused(false);
            if (exact && exact.sku !== line.sku) onChange({ sku: exact.sku });
          }}
          data-testid="line-sku"
          classNames={{ input: "mono" }}
        />
      </Table.Td>
      <Table.Td style={{ verticalAlign: "top", paddingTop: 12 }}>
        {item ? (
          <>
            <Text size="sm" fw={500} lineClamp={1} data-testid="line-item-name">
              {item.name}
            </Text>
            <Text size="xs" c="dimmed">
              {[
                item.categoryName,
                item.caseFactor && item.caseFactor > 1 ? `case of ${item.caseFactor}` : null,
                item.baseUnit,
              ]
                .filter(Boolean)
                .join(" · ")}
            </Text>
            <LineIssues priced={priced} />
          </>
        ) : (
          <Text size="sm" c="dimmed" mt={6}>
            {sku ? (items.isFetching ? "Looking up…" : "—") : "Type a SKU or search by name"}
          </Text>
        )}
      </Table.Td>
      <Table.Td className="num" style={{ verticalAlign: "top", paddingTop: 18 }}>
        {item ? (
          <Group gap={4} justify="flex-end" wrap="nowrap">
            {short && (
              <Tooltip label="More than is available now">
                <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" />
              </Tooltip>
            )}
            <Text
              size="sm"
              c={item.available <= 0 ? "red" : short ? "orange.7" : undefined}
              data-testid="line-available"
            >
              {qty.format(item.available)}
            </Text>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td w={120} style={{ verticalAlign: "top" }}>
        <NumberInput
          ref={qtyRef}
          aria-label={`Line ${index + 1} quantity`}
          placeholder="Qty"
          value={line.quantity}
          onChange={(v) =>
            onChange({ quantity: typeof v === "number" ? v : v === "" ? "" : Number.parseInt(v, 10) || "" })
          }
          allowDecimal={false}
          allowNegative={false}
          min={1}
          max={1_000_000}
          thousandSeparator=","
          hideControls
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              onQuantityEnter();
            }
          }}
          styles={{ input: { textAlign: "right" } }}
          error={priced?.violations.some((v) => v.code === "CASE_MULTIPLE" || v.code === "BELOW_MOQ")}
          data-testid="line-qty"
        />
      </Table.Td>
      <LinePriceCells
        item={item}
        priced={priced}
        pricing={pricing}
        quantity={quantity}
        currency={currency}
        index={index}
      />
      <Table.Td w={44} style={{ verticalAlign: "top", paddingTop: 14 }}>
        <Tooltip label="Remove line">
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={onRemove}
            disabled={!canRemove}
            aria-label={`Remove line ${index + 1}`}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}
