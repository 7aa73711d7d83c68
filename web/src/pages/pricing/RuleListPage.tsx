// A list of contracts, tiers or promotions with a "new" button, an edit form in a modal and delete.
import { ActionIcon, Button, Group, Paper, Stack, Table, Text, Tooltip } from "@mantine/core";
import { IconEdit, IconPlus, IconTrash } from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import type { Id } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import { EmptyState, ErrorState, TableSkeleton } from "../../components/States";
import { useDeleteRule } from "./api";
import { ReadOnlyNotice, SaveError } from "./common";
import { useCanWritePricing } from "./validation";

export interface Column<T> {
  label: string;
  render: (row: T) => ReactNode;
  num?: boolean;
}

export function RuleListPage<T extends { id: Id; name: string }>({
  kind,
  title,
  subtitle,
  noun,
  query,
  columns,
  renderForm,
}: {
  kind: "contracts" | "tiers" | "promotions";
  title: string;
  subtitle: string;
  noun: string;
  query: { isPending: boolean; isError: boolean; error: unknown; data?: T[]; refetch: () => unknown };
  columns: Column<T>[];
  renderForm: (existing: T | undefined, close: () => void) => ReactNode;
}) {
  const canWrite = useCanWritePricing();
  const remove = useDeleteRule(kind);
  const [editing, setEditing] = useState<T | "new" | null>(null);
  const rows = query.data ?? [];

  return (
    <>
      <PageHeader
        title={title}
        subtitle={subtitle}
        actions={
          canWrite && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setEditing("new")}
              data-testid={`new-${kind}`}
            >
              New {noun}
            </Button>
          )
        }
      />
      <Stack gap="md">
        {!canWrite && <ReadOnlyNotice />}
        <SaveError error={remove.error} />
        <Paper shadow="xs">
          {query.isPending ? (
            <TableSkeleton />
          ) : query.isError ? (
            <ErrorState
              error={query.error}
              onRetry={() => query.refetch()}
              title={`Could not load ${title.toLowerCase()}`}
            />
          ) : rows.length === 0 ? (
            <EmptyState title={`No ${title.toLowerCase()} yet`} />
          ) : (
            <Table.ScrollContainer minWidth={820} type="native">
              <Table className="data-table" highlightOnHover data-testid={`${kind}-table`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    {columns.map((c) => (
                      <Table.Th key={c.label} className={c.num ? "num" : undefined}>
                        {c.label}
                      </Table.Th>
                    ))}
                    {canWrite && <Table.Th />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={String(row.id)} data-testid={`${kind}-row`} data-name={row.name}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {row.name}
                        </Text>
                      </Table.Td>
                      {columns.map((c) => (
                        <Table.Td key={c.label} className={c.num ? "num" : undefined}>
                          {c.render(row)}
                        </Table.Td>
                      ))}
                      {canWrite && (
                        <Table.Td w={90}>
                          <Group gap={4} wrap="nowrap">
                            <Tooltip label="Edit">
                              <ActionIcon
                                variant="subtle"
                                color="gray"
                                onClick={() => setEditing(row)}
                                aria-label={`Edit ${row.name}`}
                              >
                                <IconEdit size={16} />
                              </ActionIcon>
                            </Tooltip>
                            <Tooltip label="Delete">
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                aria-label={`Delete ${row.name}`}
                                onClick={() =>
                                  window.confirm(`Delete the ${noun} "${row.name}"?`) && remove.mutate(row.id)
                                }
                              >
                                <IconTrash size={16} />
                              </ActionIcon>
                            </Tooltip>
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      </Stack>
      {editing && renderForm(editing === "new" ? undefined : editing, () => setEditing(null))}
    </>
  );
}
