// Bulk import: choose what the file holds (a price list's entries, or contracts), upload a CSV or XLSX
// file, review the preview (counts, every row error), then apply the good rows or cancel.
import {
  Alert,
  Anchor,
  Button,
  Code,
  FileInput,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { IconCheck, IconFileSpreadsheet, IconUpload, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { PageHeader } from "../../components/PageHeader";
import { formatUnitPrice } from "../../lib/money";
import { uploadType, useFinishImport, usePriceLists, useUploadImport } from "./api";
import { ReadOnlyNotice, SaveError, scopeLabel } from "./common";
import { type CsvPreview, parseCsv } from "./csv";
import { ImportPreviewView } from "./ImportPreviewView";
import type { ImportKind, ImportPreview } from "./types";
import { useCanWritePricing } from "./validation";

const COLUMNS: Record<ImportKind, string> = {
  price_list_entries: "sku, unit_price (or price), uom (optional: EA, CS…)",
  contracts:
    "contract, account (number) or group (code), currency, kind (fixed | percent_off_list | cost_plus), sku or category (code), price or percent, basis (markup | margin), valid_from, valid_to, exclusive",
};

function GoodRows({ preview }: { preview: ImportPreview }) {
  if (!preview.preview.length) return null;
  return (
    <Paper withBorder shadow="none">
      <Text size="sm" fw={600} p="sm">
        First rows to apply
      </Text>
      <Table className="data-table" data-testid="import-good-rows">
        <Table.Tbody>
          {preview.preview.map((r) => (
            <Table.Tr key={String(r.row)}>
              <Table.Td className="num" c="dimmed" w={60}>
                {String(r.row)}
              </Table.Td>
              {preview.kind === "price_list_entries" ? (
                <>
                  <Table.Td className="mono">{String(r.sku)}</Table.Td>
                  <Table.Td className="num">{formatUnitPrice(String(r.unitPrice))}</Table.Td>
                  <Table.Td c="dimmed">
                    {r.uom ? `entered ${String(r.enteredPrice)} per ${String(r.uom)}` : ""}
                  </Table.Td>
                </>
              ) : (
                <Table.Td>
                  <Code>{JSON.stringify({ ...(r.header as object), line: r.line })}</Code>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function ImportPage() {
  const [params] = useSearchParams();
  const canWrite = useCanWritePricing();
  const lists = usePriceLists();
  const [kind, setKind] = useState<ImportKind>("price_list_entries");
  const [listId, setListId] = useState<string | null>(params.get("priceListId"));
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<CsvPreview | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const upload = useUploadImport();
  const finish = useFinishImport();
  const preview = finish.data ?? upload.data;

  const reset = () => {
    upload.reset();
    finish.reset();
    setFile(null);
    setCsv(null);
  };

  const send = async () => {
    if (!file) return setFileError("Choose a CSV or XLSX file");
    if (!uploadType(file)) return setFileError("Only .csv and .xlsx files can be imported");
    if (kind === "price_list_entries" && !listId) return setFileError("Choose the price list to import into");
    setFileError(undefined);
    finish.reset();
    setCsv(uploadType(file) === "text/csv" ? parseCsv(await file.text()) : null);
    upload.mutate({
      file,
      kind,
      priceListId: kind === "price_list_entries" ? (listId ?? undefined) : undefined,
    });
  };

  const listName = lists.data?.find((l) => String(l.id) === listId)?.name;

  return (
    <>
      <PageHeader
        title="Import prices"
        subtitle="Upload a CSV or Excel file. Nothing changes until you confirm the preview."
      />
      <Stack gap="lg">
        {!canWrite && <ReadOnlyNotice />}
        <Paper shadow="xs" p="lg">
          <Stack gap="md">
            <SegmentedControl
              data={[
                { value: "price_list_entries", label: "Price list entries" },
                { value: "contracts", label: "Contracts" },
              ]}
              value={kind}
              onChange={(v) => {
                setKind(v as ImportKind);
                reset();
              }}
              w="fit-content"
              disabled={!canWrite}
            />
            <Group align="flex-end" gap="md" wrap="wrap">
              {kind === "price_list_entries" && (
                <Select
                  label="Into price list"
                  placeholder={lists.isPending ? "Loading…" : "Choose a price list"}
                  data={(lists.data ?? []).map((l) => ({
                    value: String(l.id),
                    label: `${l.name} — ${scopeLabel(l.scope)}`,
                  }))}
                  value={listId}
                  onChange={(v) => {
                    setListId(v);
                    reset();
                  }}
                  searchable
                  w={360}
                  disabled={!canWrite}
                  data-testid="import-price-list"
                />
              )}
              <FileInput
                label="File"
                placeholder="Choose a .csv or .xlsx file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                value={file}
                onChange={(f) => {
                  reset();
                  setFile(f);
                  setFileError(undefined);
                }}
                leftSection={<IconFileSpreadsheet size={16} />}
                clearable
                w={320}
                disabled={!canWrite}
                data-testid="import-file"
              />
              <Button
                leftSection={<IconUpload size={16} />}
                onClick={send}
                loading={upload.isPending}
                disabled={!canWrite || !file}
                data-testid="import-upload"
              >
                Upload and preview
              </Button>
            </Group>
            {fileError && (
              <Text size="sm" c="red">
                {fileError}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              Columns (first row): <span className="mono">{COLUMNS[kind]}</span>. Prices are decimals with up
              to 4 places, dates YYYY-MM-DD.
            </Text>
          </Stack>
        </Paper>

        <SaveError error={upload.error ?? finish.error} />

        {preview && (
          <Paper shadow="xs" p="lg">
            <Stack gap="md">
              {preview.status === "committed" ? (
                <Alert
                  color="teal"
                  icon={<IconCheck size={18} />}
                  title="Import applied"
                  data-testid="import-done"
                >
                  {preview.goodRows} {preview.goodRows === 1 ? "row was" : "rows were"} saved
                  {preview.kind === "price_list_entries" && preview.priceListId ? (
                    <>
                      {" "}
                      to{" "}
                      <Anchor
                        component={Link}
                        to={`/desk/pricing/price-lists/${preview.priceListId}`}
                        data-testid="import-open-list"
                      >
                        {listName ?? "the price list"}
                      </Anchor>
                    </>
                  ) : (
                    <>
                      {" "}
                      as{" "}
                      <Anchor component={Link} to="/desk/pricing/contracts" fz="inherit">
                        contracts
                      </Anchor>
                    </>
                  )}
                  .
                  {preview.errorRows
                    ? ` ${preview.errorRows} ${preview.errorRows === 1 ? "row with errors was" : "rows with errors were"} skipped.`
                    : ""}
                </Alert>
              ) : preview.status === "cancelled" ? (
                <Alert
                  color="gray"
                  icon={<IconX size={18} />}
                  title="Import cancelled"
                  data-testid="import-cancelled"
                >
                  Nothing was changed.
                </Alert>
              ) : (
                <Group justify="space-between" wrap="wrap">
                  <Text fw={600}>
                    Preview of {preview.filename}
                    {listName && kind === "price_list_entries" ? ` into ${listName}` : ""}
                  </Text>
                  <Group gap="sm">
                    <Button
                      variant="default"
                      onClick={() => finish.mutate({ id: preview.id, action: "cancel" })}
                      loading={finish.isPending && finish.variables?.action === "cancel"}
                      data-testid="import-cancel"
                    >
                      Cancel import
                    </Button>
                    <Button
                      color="teal"
                      leftSection={<IconCheck size={16} />}
                      onClick={() => finish.mutate({ id: preview.id, action: "commit" })}
                      loading={finish.isPending && finish.variables?.action === "commit"}
                      disabled={preview.goodRows === 0}
                      data-testid="import-commit"
                    >
                      Apply {preview.goodRows} good {preview.goodRows === 1 ? "row" : "rows"}
                    </Button>
                  </Group>
                </Group>
              )}
              <ImportPreviewView preview={preview} csv={csv} />
              {!csv && <GoodRows preview={preview} />}
            </Stack>
          </Paper>
        )}
      </Stack>
    </>
  );
}
