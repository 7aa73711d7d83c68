import { Button, Group, Kbd, Table, Text, Tooltip } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { createRef, type RefObject, useRef } from "react";
import type { QuoteLine } from "../pricing/types";
import { LineRow } from "./LineRow";
import { type LineDraft, newLine } from "./lineState";

interface RowRefs {
  sku: RefObject<HTMLInputElement | null>;
  qty: RefObject<HTMLInputElement | null>;
}

/** The order's line rows: SKU + quantity, with add/remove and Enter-to-next-line. */
export function LinesEditor({
  lines,
  setLines,
  currency,
  problems,
  priced,
  pricing,
}: {
  lines: LineDraft[];
  setLines: (update: (lines: LineDraft[]) => LineDraft[]) => void;
  currency: string;
  problems: Record<string, string>;
  priced: Map<number, QuoteLine>;
  pricing: boolean;
}) {
  const refs = useRef(new Map<number, RowRefs>());
  const refsFor = (key: number): RowRefs => {
    let r = refs.current.get(key);
    if (!r) {
      r = { sku: createRef<HTMLInputElement>(), qty: createRef<HTMLInputElement>() };
      refs.current.set(key, r);
    }
    return r;
  };
  const focusSku = (key: number) => requestAnimationFrame(() => refs.current.get(key)?.sku.current?.focus());

  const addLine = () => {
    const line = newLine();
    setLines((ls) => [...ls, line]);
    focusSku(line.key);
  };

  const nextFrom = (index: number) => {
    const next = lines[index + 1];
    if (next) focusSku(next.key);
    else addLine();
  };

  const remove = (key: number) => {
    const index = lines.findIndex((l) => l.key === key);
    setLines((ls) => (ls.length > 1 ? ls.filter((l) => l.key !== key) : ls));
    refs.current.delete(key);
    const neighbour = lines[index + 1] ?? lines[index - 1];
    if (neighbour) focusSku(neighbour.key);
  };

  return (
    <>
      <Table.ScrollContainer minWidth={860} type="native">
        <Table verticalSpacing={8} data-testid="line-editor">
          <Table.Thead>
            <Table.Tr>
              <Table.Th className="num">#</Table.Th>
              <Table.Th>SKU</Table.Th>
              <Table.Th>Item</Table.Th>
              <Table.Th className="num">
                <Tooltip
                  label="Free stock summed over all warehouses; each line ships from one warehouse"
                  multiline
                  w={240}
                >
                  <span style={{ cursor: "help", borderBottom: "1px dotted var(--mantine-color-gray-5)" }}>
                    Available
                  </span>
                </Tooltip>
              </Table.Th>
              <Table.Th className="num">Quantity</Table.Th>
              <Table.Th className="num">Unit price</Table.Th>
              <Table.Th className="num">Extended</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line, index) => {
              const r = refsFor(line.key);
              return (
                <LineRow
                  key={line.key}
                  line={line}
                  index={index}
                  currency={currency}
                  problem={problems[line.sku.trim().toUpperCase()]}
                  priced={priced.get(line.key)}
                  pricing={pricing}
                  canRemove={lines.length > 1}
                  skuRef={r.sku}
                  qtyRef={r.qty}
                  onChange={(patch) =>
                    setLines((ls) => ls.map((l) => (l.key === line.key ? { ...l, ...patch } : l)))
                  }
                  onRemove={() => remove(line.key)}
                  onQuantityEnter={() => nextFrom(index)}
                />
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" px="md" py="sm" wrap="wrap" gap="xs">
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={addLine} data-testid="add-line">
          Add line
        </Button>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Enter</Kbd> in a quantity goes to the next line · <Kbd size="xs">Ctrl</Kbd> +{" "}
          <Kbd size="xs">Enter</Kbd> places the order
        </Text>
      </Group>
    </>
  );
}
