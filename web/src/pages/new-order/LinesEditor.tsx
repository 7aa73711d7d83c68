import { Box, Button, CloseButton, Group, Kbd, Table, Text, Tooltip } from "@mantine/core";
import { IconClipboardText, IconPlus } from "@tabler/icons-react";
import { createRef, type RefObject, useRef, useState } from "react";
import { LineRow } from "./LineRow";
import { isBlank, type LineDraft, lineFrom, newLine } from "./lineState";
import { PasteLines, type PasteReport, PasteSummary } from "./PasteLines";
import { type PasteResult, parsePastedLines } from "./parsePaste";
import type { RowCheck } from "./useLiveCheck";

interface RowRefs {
  sku: RefObject<HTMLInputElement | null>;
  qty: RefObject<HTMLInputElement | null>;
}

/** Pasted rows replace the blank rows at the end; one blank row follows them for the next SKU. */
function withPasted(lines: LineDraft[], result: PasteResult): { lines: LineDraft[]; blank: LineDraft } {
  const kept = [...lines];
  while (kept.length > 0 && isBlank(kept[kept.length - 1])) kept.pop();
  const blank = newLine();
  return { lines: [...kept, ...result.lines.map((l) => lineFrom(l.sku, l.quantity, l.uom)), blank], blank };
}

/** The order's line rows: SKU + quantity, with add/remove, Enter-to-next-line and pasting a block. */
export function LinesEditor({
  lines,
  setLines,
  currency,
  problems,
  checks,
  pricing,
}: {
  lines: LineDraft[];
  setLines: (update: (lines: LineDraft[]) => LineDraft[]) => void;
  currency: string;
  problems: Record<string, string>;
  checks: Map<number, RowCheck>;
  pricing: boolean;
}) {
  const [pasting, setPasting] = useState(false);
  const [report, setReport] = useState<PasteReport | null>(null);
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

  const addPasted = (result: PasteResult) => {
    if (result.lines.length > 0) {
      const next = withPasted(lines, result);
      setLines(() => next.lines);
      if (result.unreadable.length === 0) focusSku(next.blank.key);
    }
    setReport({ added: result.lines.length, unreadable: result.unreadable, header: result.header });
  };

  return (
    <>
      {pasting && (
        <PasteLines
          onAdd={addPasted}
          onClose={() => {
            setPasting(false);
            const last = lines[lines.length - 1];
            if (last) focusSku(last.key);
          }}
        />
      )}
      {report && (
        <Box px="md" pb="sm" pos="relative">
          <PasteSummary report={report} />
          <CloseButton
            pos="absolute"
            top={report.unreadable.length ? 8 : 2}
            right={24}
            size="sm"
            aria-label="Dismiss the paste report"
            onClick={() => setReport(null)}
          />
        </Box>
      )}
      <Table.ScrollContainer minWidth={1020} type="native">
        <Table verticalSpacing={8} data-testid="line-editor">
          <Table.Thead>
            <Table.Tr>
              <Table.Th className="num">#</Table.Th>
              <Table.Th>SKU</Table.Th>
              <Table.Th>Item</Table.Th>
              <Table.Th className="num">
                <Tooltip
                  label="Free stock before this order, summed over all warehouses; hover a number for each warehouse"
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
              <Table.Th>Ships</Table.Th>
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
                  check={checks.get(line.key)}
                  pricing={pricing}
                  canRemove={lines.length > 1}
                  skuRef={r.sku}
                  qtyRef={r.qty}
                  onChange={(patch) =>
                    setLines((ls) => ls.map((l) => (l.key === line.key ? { ...l, ...patch } : l)))
                  }
                  onRemove={() => remove(line.key)}
                  onQuantityEnter={() => nextFrom(index)}
                  onPasteBlock={(text) => addPasted(parsePastedLines(text))}
                />
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" px="md" py="sm" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={addLine}
            data-testid="add-line"
          >
            Add line
          </Button>
          <Button
            variant="default"
            leftSection={<IconClipboardText size={16} />}
            onClick={() => setPasting((p) => !p)}
            data-testid="paste-lines"
            aria-expanded={pasting}
          >
            Paste lines
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Enter</Kbd> in a quantity goes to the next line · paste a block into a SKU to add
          several · <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> places the order
        </Text>
      </Group>
    </>
  );
}
