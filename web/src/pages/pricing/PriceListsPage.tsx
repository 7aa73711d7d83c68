// All price lists: who each is for, currency, validity and size. Click a row to open it.
import { Button, Paper, Stack, Table, Text } from "@mantine/core";
import { IconFileImport, IconPlus, IconReceiptOff } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { PageHeader } from "../../components/PageHeader";
import { EmptyState, ErrorState, TableSkeleton } from "../../components/States";
import { formatDate } from "../../lib/dates";
import { usePriceLists } from "./api";
import { ReadOnlyNotice, scopeLabel, Validity } from "./common";
import { PriceListForm } from "./PriceListForm";
import { useCanWritePricing } from "./validation";

const count = new Intl.NumberFormat("en-US");

export function PriceListsPage() {
  const lists = usePriceLists();
  const canWrite = useCanWritePricing();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title="Price lists"
        subtitle="Prices per account group or per account. A more specific list replaces the list price."
        actions={
          canWrite && (
            <>
              <Button
                variant="default"
                component={Link}
                to="/desk/pricing/import"
                leftSection={<IconFileImport size={16} />}
              >
                Import
              </Button>
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={() => setCreating(true)}
                data-testid="new-price-list"
              >
                New price list
              </Button>
            </>
          )
        }
      />
      <Stack gap="md">
        {!canWrite && <ReadOnlyNotice />}
        <Paper shadow="xs">
          {lists.isPending ? (
            <TableSkeleton />
          ) : lists.isError ? (
            <ErrorState
              error={lists.error}
              onRetry={() => lists.refetch()}
              title="Could not load price lists"
            />
          ) : lists.data.length === 0 ? (
            <EmptyState
              icon={<IconReceiptOff size={28} stroke={1.5} />}
              title="No price lists yet"
              description="Every account pays the list price until a price list, contract or tier says otherwise."
            />
          ) : (
            <Table.ScrollContainer minWidth={760} type="native">
              <Table highlightOnHover className="data-table" data-testid="price-lists">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>For</Table.Th>
                    <Table.Th>Currency</Table.Th>
                    <Table.Th>Valid</Table.Th>
                    <Table.Th className="num">Items</Table.Th>
                    <Table.Th>Updated</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {lists.data.map((l) => (
                    <Table.Tr
                      key={String(l.id)}
                      className="clickable-row"
                      tabIndex={0}
                      onClick={() => navigate(`/desk/pricing/price-lists/${l.id}`)}
                      onKeyDown={(e) => e.key === "Enter" && navigate(`/desk/pricing/price-lists/${l.id}`)}
                      data-testid="price-list-row"
                      data-name={l.name}
                    >
                      <Table.Td>
                        <Text
                          size="sm"
                          fw={600}
                          component={Link}
                          to={`/desk/pricing/price-lists/${l.id}`}
                          c="inherit"
                        >
                          {l.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{scopeLabel(l.scope)}</Text>
                      </Table.Td>
                      <Table.Td>{l.currency}</Table.Td>
                      <Table.Td>
                        <Validity from={l.validFrom} to={l.validTo} />
                      </Table.Td>
                      <Table.Td className="num">{count.format(l.entryCount)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {formatDate(l.updatedAt)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      </Stack>
      {creating && (
        <PriceListForm
          opened
          onClose={() => setCreating(false)}
          onSaved={(l) => navigate(`/desk/pricing/price-lists/${l.id}`)}
        />
      )}
    </>
  );
}
