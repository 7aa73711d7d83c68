// The "paste lines" box: a block of "SKU quantity" lines from an email or spreadsheet becomes rows.
// Lines it cannot read stay in the box, each with the reason, so they can be fixed and added again.
import { Alert, Button, Group, Kbd, List, Paper, Stack, Text, Textarea } from "@mantine/core";
import { IconCheck, IconClipboardList } from "@tabler/icons-react";
import { type KeyboardEvent, useState } from "react";
import { type PasteResult, parsePastedLines } from "./parsePaste";

export interface PasteReport {
  added: number;
  unreadable: PasteResult["unreadable"];
  header: string | null;
}

/** What a paste did, in a sentence, with the lines it could not read. */
export function PasteSummary({ report }: { report: PasteReport }) {
  const { added, unreadable, header } = report;
  if (unreadable.length === 0) {
    return (
      <Group gap={6} py={4} data-testid="paste-report" data-added={added} data-unreadable={0}>
        <IconCheck size={16} color="var(--mantine-color-teal-7)" />
        <Text size="sm" c="teal.8" fw={500}>
          {added} {added === 1 ? "line" : "lines"} added
        </Text>
        {header && (
          <Text size="xs" c="dimmed">
            (skipped the column headings)
          </Text>
        )}
      </Group>
    );
  }
  return (
    <Alert
      color={unreadable.length ? "orange" : "teal"}
      variant="light"
      title={`${added} ${added === 1 ? "line" : "lines"} added${
        unreadable.length ? `, ${unreadable.length} not read` : ""
      }`}
      data-testid="paste-report"
      data-added={added}
      data-unreadable={unreadable.length}
    >
      {header && (
        <Text size="xs" c="dimmed">
          Skipped the column headings ({header.replace(/\t/g, " · ")}).
        </Text>
      )}
      {unreadable.length > 0 && (
        <List size="sm" spacing={2} mt={4}>
          {unreadable.map((u) => (
            <List.Item key={u.line} data-testid="paste-unreadable">
              Line {u.line} <span className="mono">“{u.text}”</span>: {u.reason}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

export function PasteLines({
  onAdd,
  onClose,
}: {
  /** Adds the rows; the box keeps the lines it could not read. */
  onAdd: (result: PasteResult) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState("");

  const add = () => {
    const result = parsePastedLines(text);
    if (result.lines.length === 0 && result.unreadable.length === 0) return;
    onAdd(result);
    setText(result.unreadable.map((u) => u.text).join("\n"));
    if (result.unreadable.length === 0) onClose();
  };

  const keys = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      // Not "place the order": add these lines.
      e.preventDefault();
      e.stopPropagation();
      add();
    } else if (e.key === "Escape") {
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <Paper withBorder p="md" mx="md" mb="sm" bg="var(--mantine-color-gray-0)" data-testid="paste-box">
      <Stack gap="sm">
        <Textarea
          label="Paste lines"
          description="One line per row: a SKU and a quantity, separated by a space, comma or tab (straight from a spreadsheet). A unit may follow the quantity, e.g. “ADH-10379 2 CS”."
          placeholder={"ADH-10379 12\nPLB-20411,4\nELC-30027\t24"}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={keys}
          autosize
          minRows={4}
          maxRows={14}
          autoFocus
          classNames={{ input: "mono" }}
          data-testid="paste-text"
        />
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> adds the lines · <Kbd size="xs">Esc</Kbd>{" "}
            closes
          </Text>
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={onClose}>
              Close
            </Button>
            <Button
              size="xs"
              leftSection={<IconClipboardList size={14} />}
              onClick={add}
              disabled={text.trim() === ""}
              data-testid="paste-add"
            >
              Add lines
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
