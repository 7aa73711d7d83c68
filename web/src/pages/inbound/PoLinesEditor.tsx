// The lines of a new purchase order: SKU (searching the catalogue) and quantity, add and remove;
// Enter in a quantity goes to the next line (adding one at the end).
import { ActionIcon, Button, Group, Kbd, NumberInput, Stack, Text, Tooltip } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { createRef, type RefObject, useRef } from "react";
import { noOptionHighlighted } from "../../lib/combobox";
import { SkuInput, useItemBySku } from "../pricing/SkuInput";

export interface PoLineDraft {
  key: number;
  sku: string;
  quantity: number | string;
}

let nextKey = 1;
export const newPoLine = (): PoLineDraft => ({ key: nextKey++, sku: "", quantity: "" });

export function PoLinesEditor({
  lines,
  setLines,
  errors,
}: {
  lines: PoLineDraft[];
  setLines: (update: (lines: PoLineDraft[]) => PoLineDraft[]) => void;
  /** Per line key: what is wrong with it (from the form's check or the API's answer). */
  errors: Record<number, { sku?: string; quantity?: string }>;
}) {
  const refs = useRef(new Map<number, RefObject<HTMLInputElement | null>>());
  const refFor = (key: number) => {
    let r = refs.current.get(key);
    if (!r) {
      r = createRef<HTMLInputElement>();
      refs.current.set(key, r);
    }
    return r;
  };
  const focusSku = (key: number) => requestAnimationFrame(() => refs.current.get(key)?.current?.focus());
  const add = () => {
    const line = newPoLine();
    setLines((ls) => [...ls, line]);
    focusSku(line.key);
  };
  const remove = (index: number) => {
    const key = lines[index].key;
    setLines((ls) => ls.filter((l) => l.key !== key));
    refs.current.delete(key);
    const neighbour = lines[index + 1] ?? lines[index - 1];
    if (neighbour) focusSku(neighbour.key);
  };

  return (
    <Stack gap={6} data-testid="po-lines">
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" fw={500} style={{ flex: 1 }}>
          SKU
        </Text>
        <Text size="sm" fw={500} w={130}>
          Quantity
        </Text>
        <div style={{ width: 28 }} />
      </Group>
      {lines.map((line, index) => (
        <LineRow
          key={line.key}
          line={line}
          index={index}
          skuRef={refFor(line.key)}
          error={errors[line.key]}
          canRemove={lines.length > 1}
          onChange={(patch) => setLines((ls) => ls.map((l) => (l.key === line.key ? { ...l, ...patch } : l)))}
          onRemove={() => remove(index)}
          onNext={() => {
            const next = lines[index + 1];
            if (next) focusSku(next.key);
            else add();
          }}
        />
      ))}
      <Group justify="space-between" mt={4}>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={add}
          data-testid="po-add-line"
        >
          Add line
        </Button>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Enter</Kbd> in a quantity goes to the next line
        </Text>
      </Group>
    </Stack>
  );
}

function LineRow({
  line,
  index,
  skuRef,
  error,
  canRemove,
  onChange,
  onRemove,
  onNext,
}: {
  line: PoLineDraft;
  index: number;
  skuRef: RefObject<HTMLInputElement | null>;
  error?: { sku?: string; quantity?: string };
  canRemove: boolean;
  onChange: (patch: Partial<PoLineDraft>) => void;
  onRemove: () => void;
  onNext: () => void;
}) {
  const { exact } = useItemBySku(line.sku);
  const qtyRef = useRef<HTMLInputElement>(null);
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="po-line">
      <div style={{ flex: 1, minWidth: 0 }}>
        <SkuInput
          ref={skuRef}
          value={line.sku}
          onChange={(sku) => onChange({ sku })}
          placeholder="Search SKU or name"
          aria-label={`SKU, line ${index + 1}`}
          error={error?.sku}
          onKeyDown={(e) => {
            // Enter with no suggestion highlighted goes to the quantity (rather than submitting).
            if (e.key === "Enter" && !e.ctrlKey && !e.metaKey && noOptionHighlighted(e.currentTarget)) {
              e.preventDefault();
              qtyRef.current?.focus();
            }
          }}
          data-testid="po-line-sku"
        />
        {exact && !error?.sku && (
          <Text size="xs" c="dimmed" mt={2} lineClamp={1} data-testid="po-line-item">
            {exact.name} · {exact.baseUnit}
          </Text>
        )}
      </div>
      <NumberInput
        ref={qtyRef}
        w={130}
        min={1}
        allowDecimal={false}
        allowNegative={false}
        thousandSeparator=","
        value={line.quantity}
        onChange={(quantity) => onChange({ quantity })}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.ctrlKey && !e.metaKey) {
            e.preventDefault();
            onNext();
          }
        }}
        aria-label={`Quantity, line ${index + 1}`}
        error={error?.quantity}
        data-testid="po-line-quantity"
      />
      <Tooltip label="Remove line" disabled={!canRemove}>
        <ActionIcon
          variant="subtle"
          color="gray"
          mt={4}
          onClick={onRemove}
          disabled={!canRemove}
          aria-label={`Remove line ${index + 1}`}
        >
          <IconTrash size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
