import {
  Badge,
  Box,
  Divider,
  Group,
  Pagination,
  Paper,
  SegmentedControl,
  Select,
  Table,
  Text,
} from "@mantine/core";
import { IconInbox } from "@tabler/icons-react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { PageHeader } from "../../components/PageHeader";
import { EmptyState, ErrorState, TableSkeleton } from "../../components/States";
import { formatDateTime } from "../../lib/dates";
import { MESSAGE_STATUSES, STATUS_COLORS, statusLabel, useEdiMessages, usePartners } from "./api";

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`;

export function EdiMessagesPage() {
  const [search, setSearch] = useSearchParams();
  const filters = {
    page: Number(search.get("page") ?? 1) || 1,
    partnerId: search.get("partnerId") ?? undefined,
    status: search.get("status") ?? undefined,
    direction: search.get("direction") ?? undefined,
  };
  const set = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== "page") next.delete("page");
    setSearch(next, { replace: true });
  };
  const messages = useEdiMessages(filters);
  const partners = usePartners();
  const navigate = useNavigate();
  const data = messages.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <>
      <PageHeader
        title="EDI messages"
        subtitle="Every EDI document received or sent, kept raw, with what became of it."
      />
      <Paper shadow="xs">
        <Group p="md" gap="sm" wrap="wrap">
          <SegmentedControl
            size="sm"
            value={filters.direction ?? ""}
            onChange={(v) => set("direction", v)}
            data={[
              { label: "All", value: "" },
              { label: "Inbound", value: "in" },
              { label: "Outbound", value: "out" },
            ]}
          />
          <Select
            placeholder="All partners"
            clearable
            w={260}
            value={filters.partnerId ?? null}
            onChange={(v) => set("partnerId", v)}
            data={(partners.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
            aria-label="Partner"
          />
          <Select
            placeholder="Any status"
            clearable
            w={200}
            value={filters.status ?? null}
            onChange={(v) => set("status", v)}
            data={MESSAGE_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
            aria-label="Status"
          />
        </Group>
        <Divider />
        {messages.isPending ? (
          <TableSkeleton />
        ) : messages.isError ? (
          <ErrorState
            error={messages.error}
            onRetry={() => messages.refetch()}
            title="Could not load EDI messages"
          />
        ) : data && data.messages.length === 0 ? (
          <EmptyState
            icon={<IconInbox size={28} stroke={1.5} />}
            title="No EDI messages"
            description="Documents arrive by POST /api/edi/inbound, the inbox folder or `wholesail edi ingest FILE`."
          />
        ) : (
          <Box style={{ overflowX: "auto" }}>
            <Table highlightOnHover verticalSpacing="sm" miw={880}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>Received</Table.Th>
                  <Table.Th>Direction</Table.Th>
                  <Table.Th>Partner</Table.Th>
                  <Table.Th>Documents</Table.Th>
                  <Table.Th style={{ whiteSpace: "nowrap" }}>Control no.</Table.Th>
                  <Table.Th miw={190}>Status</Table.Th>
                  <Table.Th ta="right">Orders</Table.Th>
                  <Table.Th ta="right">Size</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data?.messages.map((m) => (
                  <Table.Tr
                    key={m.id}
                    style={{ cursor: "pointer" }}
                    onClick={() => navigate(`/desk/edi/messages/${m.id}`)}
                  >
                    <Table.Td c="dimmed">{m.id}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(m.createdAt)}</Table.Td>
                    <Table.Td>{m.direction === "in" ? "In" : "Out"}</Table.Td>
                    <Table.Td>
                      {m.partnerName ?? (
                        <Text c="dimmed" span>
                          unknown
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text span ff="monospace" size="sm">
                        {m.docTypes.join(", ") || "—"}
                      </Text>
                    </Table.Td>
                    <Table.Td ff="monospace" fz="sm">
                      {m.interchangeControl ?? "—"}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Badge
                          variant="light"
                          color={STATUS_COLORS[m.status] ?? "gray"}
                          style={{ flexShrink: 0 }}
                        >
                          {statusLabel(m.status)}
                        </Badge>
                        {m.errorCount > 0 && (
                          // Held outbound documents carry a note (why not sent), not an error.
                          <Text
                            size="xs"
                            c={m.status === "held" ? "dimmed" : "red"}
                            style={{ whiteSpace: "nowrap" }}
                          >
                            {m.status === "held"
                              ? "not sent"
                              : `${m.errorCount} ${m.errorCount === 1 ? "error" : "errors"}`}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">{m.orderCount || "—"}</Table.Td>
                    <Table.Td ta="right" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                      {size(m.sizeBytes)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
        )}
        {data && data.total > data.pageSize && (
          <Group justify="space-between" p="md">
            <Text size="sm" c="dimmed">
              {data.total} messages
            </Text>
            <Pagination total={pages} value={filters.page} onChange={(p) => set("page", String(p))} />
          </Group>
        )}
      </Paper>
    </>
  );
}
