import { ActionIcon, Autocomplete, Group, Loader, NumberInput, Table, Text, Tooltip } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconBan, IconTrash } from "@tabler/icons-react";
import { type ClipboardEvent, type KeyboardEvent, type RefObject, useEffect, useMemo, useState } from "react";
import { useItems } from "../../api/hooks";
import type { Item } from "../../api/types";
import { noOptionHighlighted } from "../../lib/combobox";
import { formatUnitPrice } from "../../lib/money";
import { LineIssues, LinePriceCells } from "./LinePrice";
import { AvailableCell, ShipsCell } from "./LineStock";
import type { LineDraft } from "./lineState";
import { looksLikeBlock } from "./parsePaste";
import type { RowCheck } from "./useLiveCheck";

const qty = new Intl.NumberFormat("en-US");
const QUANTITY_CODES = new Set(["CASE_MULTIPLE", "BELOW_MOQ", "INVALID_QUANTITY", "UNKNOWN_UOM"]);

export function LineRow({
  line,
  index,
  currency,
  problem,
  check,
  pricing,
  canRemove,
  skuRef,
  qtyRef,
  onChange,
  onRemove,
  onQuantityEnter,
  onPasteBlock,
}: {
  line: LineDraft;
  index: number;
  currency: string;
  /** What placing the order said about this row's SKU. */
  problem?: string;
  /** The live check for this row (absent until checked). */
  check?: RowCheck;
  /** A newer check is on its way. */
  pricing: boolean;
  canRemove: boolean;
  skuRef: RefObject<HTMLInputElement | null>;
  qtyRef: RefObject<HTMLInputElement | null>;
  onChange: (patch: Partial<LineDraft>) => void;
  onRemove: () => void;
  onQuantityEnter: () => void;
  /** A block of lines pasted into the SKU field. */
  onPasteBlock: (text: string) => void;
}) {
  const priced = check?.price ?? undefined;
  const refusal = check?.refusal ?? null;
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
    // A pasted "adh-10375" becomes the catalogue's "ADH-10375" (SKUs are matched exactly on the server).
    if (exact && line.item?.id !== exact.id)
      onChange({ item: exact, ...(focused || exact.sku === line.sku ? {} : { sku: exact.sku }) });
    else if (!exact && line.item && (settled || !sku)) onChange({ item: null });
  }, [exact?.id, settled, sku]);

  const item: Item | null = line.item;
  const quantity = typeof line.quantity === "number" ? line.quantity : 0;
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

  const pasted = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData("text");
    if (!looksLikeBlock(text)) return;
    e.preventDefault();
    onPasteBlock(text);
  };

  return (
    <Table.Tr data-testid="line-row" data-sku={item?.sku ?? (sku || undefined)}>
      <Table.Td className="num" c="dimmed" w={40} style={{ verticalAlign: "top", paddingTop: 18 }}>
        {index + 1}
      </Table.Td>
      <Table.Td w={180} style={{ verticalAlign: "top" }}>
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
          error={
            problem ??
            (refusal?.code === "UNKNOWN_SKU" ? "Unknown SKU" : notFound ? "No item with this SKU" : undefined)
          }
          onKeyDown={skuKeys}
          onPaste={pasted}
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
            <Text size="sm" fw={500} lineClamp={2} data-testid="line-item-name" title={item.name}>
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
            {refusal && refusal.code !== "UNKNOWN_SKU" && !priced?.violations.length && (
              <Group gap={4} wrap="nowrap" align="flex-start" mt={4} data-testid="line-refusal">
                <IconBan
                  size={13}
                  color="var(--mantine-color-red-7)"
                  style={{ marginTop: 3, flexShrink: 0 }}
                />
                <Text size="xs" c="red.8">
                  {refusal.message.startsWith(`${item.sku}: `)
                    ? refusal.message.slice(item.sku.length + 2)
                    : refusal.message}
                </Text>
              </Group>
            )}
          </>
        ) : (
          <Text size="sm" c="dimmed" mt={6}>
            {sku ? (items.isFetching ? "Looking up…" : "—") : "Type a SKU or search by name"}
          </Text>
        )}
      </Table.Td>
      <AvailableCell item={item} check={check} quantity={quantity} />
      <Table.Td w={110} style={{ verticalAlign: "top" }}>
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
          rightSection={
            line.uom ? (
              <Tooltip label={`Quantity in ${line.uom} (from the pasted line); clear to order in base units`}>
                <Text
                  size="xs"
                  fw={600}
                  c="dimmed"
                  style={{ cursor: "pointer" }}
                  onClick={() => onChange({ uom: undefined })}
                  data-testid="line-uom"
                >
                  {line.uom}
                </Text>
              </Tooltip>
            ) : undefined
          }
          error={
            priced?.violations.some((v) => QUANTITY_CODES.has(v.code)) ||
            (refusal !== null && QUANTITY_CODES.has(refusal.code))
          }
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
      <ShipsCell check={check} pending={pricing} />
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
