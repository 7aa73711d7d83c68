// One price list: its header (who, currency, validity) and its entries — searched and paged on the
// server — with add, change and remove, export (CSV/XLSX) and import.
import {
  ActionIcon,
  Anchor,
  Box,
  Button,
  Divider,
  Group,
  LoadingOverlay,
  Menu,
  Pagination,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconDownload, IconEdit, IconFileImport, IconPlus, IconSearch, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { PageHeader } from "../../components/PageHeader";
import { EmptyState, ErrorState, TableSkeleton } from "../../components/States";
import { formatUnitPrice } from "../../lib/money";
import { exportUrl, useDeleteEntries, useDeletePriceList, useEntries, usePriceList } from "./api";
import { ReadOnlyNotice, SaveError, scopeLabel, Validity } from "./common";
import { EntryForm } from "./EntryForm";
import { PriceListForm } from "./PriceListForm";
import type { PriceEntry } from "./types";
import { useCanWritePricing } from "./validation";

const count = new Intl.NumberFormat("en-US");
const PAGE_SIZE = 25;

export function PriceListDetailPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const canWrite = useCanWritePricing();
  const list = usePriceList(id);
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const [page, setPage] = useState(1);
  const entries = useEntries(id, { page, pageSize: PAGE_SIZE, q: q || undefined });
  const remove = useDeleteEntries(id);
  const removeList = useDeletePriceList();
  const [editing, setEditing] = useState<PriceEntry | "new" | null>(null);
  const [editHeader, setEditHeader] = useState(false);

  if (list.isPending) return <TableSkeleton />;
  if (list.isError) return <ErrorState error={list.error} title="Could not load this price list" />;
  const l = list.data;
  const data = entries.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  const confirmDelete = () => {
    if (window.confirm(`Delete the price list "${l.name}" and all its ${l.entryCount} prices?`))
      removeList.mutate(l.id, { onSuccess: () => navigate("/desk/pricing/price-lists") });
  };

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to="/desk/pricing/price-lists" size="sm">
            ← Price lists
          </Anchor>
        }
        title={l.name}
        subtitle={
          <Group gap="md">
            <span>{scopeLabel(l.scope)}</span>
            <span>{l.currency}</span>
            <Validity from={l.validFrom} to={l.validTo} />
          </Group>
        }
        actions={
          <>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" leftSection={<IconDownload size={16} />} data-testid="export">
                  Export
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component="a" href={exportUrl(l.id, "csv")} download>
                  CSV file
                </Menu.Item>
                <Menu.Item component="a" href={exportUrl(l.id, "xlsx")} download>
                  Excel (XLSX) file
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            {canWrite && (
              <>
                <Button
                  variant="default"
                  component={Link}
                  to={`/desk/pricing/import?priceListId=${l.id}`}
                  data-testid="list-import"
                  leftSection={<IconFileImport size={16} />}
                >
                  Import
                </Button>
                <Button
                  variant="default"
                  leftSection={<IconEdit size={16} />}
                  onClick={() => setEditHeader(true)}
                >
                  Edit
                </Button>
                <Tooltip label="Delete price list">
                  <ActionIcon
                    variant="default"
                    size="lg"
                    onClick={confirmDelete}
                    aria-label="Delete price list"
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </>
            )}
          </>
        }
      />
      <Stack gap="md">
        {!canWrite && <ReadOnlyNotice />}
        <SaveError error={remove.error ?? removeList.error} />
        <Paper shadow="xs">
          <Group p="md" justify="space-between">
            <TextInput
              placeholder="Search SKU or item name"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                setPage(1);
              }}
              w={320}
              data-testid="entry-search"
            />
            {canWrite && (
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={() => setEditing("new")}
                data-testid="add-entry"
              >
                Add item
              </Button>
            )}
          </Group>
          <Divider />
          <Box pos="relative">
            <LoadingOverlay
              visible={entries.isFetching && entries.isPlaceholderData}
              overlayProps={{ blur: 1 }}
            />
            {entries.isPending ? (
              <TableSkeleton />
            ) : entries.isError ? (
              <ErrorState
                error={entries.error}
                onRetry={() => entries.refetch()}
                title="Could not load prices"
              />
            ) : data && data.entries.length === 0 ? (
              <EmptyState
                title={q ? "No item matches" : "No prices in this list yet"}
                description={
                  q ? "Try another SKU or name." : "Add items one by one or import a CSV/XLSX file."
                }
              />
            ) : (
              data && (
                <Table.ScrollContainer minWidth={760} type="native">
                  <Table className="data-table" data-testid="entries">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>SKU</Table.Th>
                        <Table.Th>Item</Table.Th>
                        <Table.Th className="num">List price</Table.Th>
                        <Table.Th className="num">This list</Table.Th>
                        <Table.Th>Entered as</Table.Th>
                        {canWrite && <Table.Th />}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.entries.map((e) => (
                        <Table.Tr key={e.sku} data-testid="entry-row" data-sku={e.sku}>
                          <Table.Td className="mono">{e.sku}</Table.Td>
                          <Table.Td>
                            <Text size="sm" lineClamp={1}>
                              {e.name}
                            </Text>
                          </Table.Td>
                          <Table.Td className="num" c="dimmed">
                            {formatUnitPrice(e.listPrice, l.currency)}
                          </Table.Td>
                          <Table.Td className="num" fw={600}>
                            {formatUnitPrice(e.unitPrice, l.currency)}
                            <Text span size="xs" c="dimmed" fw={400}>
                              {" "}
                              /{e.baseUnit}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm" c="dimmed">
                              {e.uom && e.enteredPrice
                                ? `${formatUnitPrice(e.enteredPrice, l.currency)} per ${e.uom}`
                                : "—"}
                            </Text>
                          </Table.Td>
                          {canWrite && (
                            <Table.Td w={90}>
                              <Group gap={4} wrap="nowrap">
                                <ActionIcon
                                  variant="subtle"
                                  color="gray"
                                  onClick={() => setEditing(e)}
                                  aria-label={`Change ${e.sku}`}
                                >
                                  <IconEdit size={16} />
                                </ActionIcon>
                                <ActionIcon
                                  variant="subtle"
                                  color="red"
                                  onClick={() =>
                                    window.confirm(`Remove ${e.sku} from this list?`) &&
                                    remove.mutate([e.sku])
                                  }
                                  aria-label={`Remove ${e.sku}`}
                                >
                                  <IconTrash size={16} />
                                </ActionIcon>
                              </Group>
                            </Table.Td>
                          )}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )
            )}
          </Box>
          {data && data.total > 0 && (
            <>
              <Divider />
              <Group justify="space-between" p="md">
                <Text size="sm" c="dimmed" data-testid="entries-count">
                  {count.format(data.total)} {data.total === 1 ? "item" : "items"}
                </Text>
                <Pagination
                  total={pages}
                  value={Math.min(page, pages)}
                  onChange={setPage}
                  size="sm"
                  withEdges
                />
              </Group>
            </>
          )}
        </Paper>
      </Stack>
      {editing && (
        <EntryForm
          priceListId={id}
          currency={l.currency}
          existing={editing === "new" ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {editHeader && <PriceListForm opened existing={l} onClose={() => setEditHeader(false)} />}
    </>
  );
}
