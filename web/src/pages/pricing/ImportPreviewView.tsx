// The preview of an uploaded price file: counts, every row error (row number, column, message), and —
// for CSV files — the first rows as uploaded, with rejected rows and cells highlighted.
import { Badge, Group, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { CsvPreview } from "./csv";
import type { ImportPreview, ImportRowError } from "./types";

const count = new Intl.NumberFormat("en-US");

function Stat({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number;
  color?: string;
  testId: string;
}) {
  return (
    <Paper p="md" withBorder shadow="none">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={24} fw={700} c={color} data-testid={testId}>
        {count.format(value)}
      </Text>
    </Paper>
  );
}

function ErrorsTable({ errors }: { errors: ImportRowError[] }) {
  return (
    <ScrollArea.Autosize mah={360}>
      <Table className="data-table" data-testid="import-errors" striped={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th className="num" w={70}>
              Row
            </Table.Th>
            <Table.Th w={140}>Column</Table.Th>
            <Table.Th>Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((e) => (
            <Table.Tr
              key={`${e.row}-${e.column}-${e.message}`}
              bg="red.0"
              data-testid="import-error"
              data-row={e.row}
              data-column={e.column ?? ""}
            >
              <Table.Td className="num" fw={700} c="red.8">
                {e.row}
              </Table.Td>
              <Table.Td className="mono">{e.column ?? "(row)"}</Table.Td>
              <Table.Td>
                <Text size="sm" c="red.9">
                  {e.message}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

function FileRows({ csv, errors }: { csv: CsvPreview; errors: ImportRowError[] }) {
  const bad = new Map<number, Set<string | null>>();
  for (const e of errors) {
    const s = bad.get(e.row) ?? new Set();
    s.add(e.column);
    bad.set(e.row, s);
  }
  return (
    <Table.ScrollContainer minWidth={600} type="native">
      <Table className="data-table" withColumnBorders data-testid="import-rows">
        <Table.Thead>
          <Table.Tr>
            <Table.Th className="num" w={60}>
              Row
            </Table.Th>
            {csv.header.map((h) => (
              <Table.Th key={h} className="mono">
                {h}
              </Table.Th>
            ))}
            <Table.Th w={110} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {csv.rows.map((r) => {
            const cols = bad.get(r.row);
            return (
              <Table.Tr
                key={r.row}
                bg={cols ? "red.0" : undefined}
                data-testid="import-row"
                data-row={r.row}
                data-bad={cols ? "true" : "false"}
              >
                <Table.Td className="num" c="dimmed">
                  {r.row}
                </Table.Td>
                {csv.header.map((h, i) => {
                  const hit = cols && (cols.has(h) || cols.has(null));
                  return (
                    <Table.Td
                      key={h}
                      style={
                        hit
                          ? { outline: "2px solid var(--mantine-color-red-5)", outlineOffset: -2 }
                          : undefined
                      }
                      c={hit ? "red.9" : undefined}
                      fw={hit ? 600 : undefined}
                    >
                      {r.cells[i] ?? ""}
                    </Table.Td>
                  );
                })}
                <Table.Td>
                  {cols ? (
                    <Badge color="red" variant="light" size="sm">
                      skipped
                    </Badge>
                  ) : (
                    <Badge color="teal" variant="light" size="sm">
                      ok
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ImportPreviewView({ preview, csv }: { preview: ImportPreview; csv: CsvPreview | null }) {
  const errors = [...preview.errors].sort((a, b) => a.row - b.row);
  return (
    <Stack gap="md" data-testid="import-preview">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stat label="Rows in file" value={preview.totalRows} testId="import-total" />
        <Stat
          label={
            preview.status === "committed"
              ? "Applied"
              : preview.status === "cancelled"
                ? "Not applied"
                : "Ready to apply"
          }
          value={preview.goodRows}
          color="teal.8"
          testId="import-good"
        />
        <Stat
          label="Rows with errors"
          value={preview.errorRows}
          color={preview.errorRows ? "red.8" : undefined}
          testId="import-bad"
        />
      </SimpleGrid>
      {errors.length > 0 && (
        <div>
          <Group gap="xs" mb="xs">
            <Title order={4} fz="md">
              Problems
            </Title>
            <Text size="sm" c="dimmed">
              {preview.status === "pending"
                ? "These rows are skipped. Fix them in the file and import it again, or apply the good rows now."
                : "These rows were skipped."}
            </Text>
          </Group>
          <Paper withBorder shadow="none">
            <ErrorsTable errors={errors} />
          </Paper>
        </div>
      )}
      {csv && csv.rows.length > 0 && (
        <div>
          <Title order={4} fz="md" mb="xs">
            First rows of {preview.filename}
          </Title>
          <Paper withBorder shadow="none">
            <FileRows csv={csv} errors={errors} />
          </Paper>
        </div>
      )}
    </Stack>
  );
}
