import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconRefresh } from "@tabler/icons-react";
import { Link, useParams } from "react-router-dom";
import { BackLink, DetailQuery } from "../../components/DetailQuery";
import { PageHeader } from "../../components/PageHeader";
import { errorMessage } from "../../components/States";
import { formatDateTime } from "../../lib/dates";
import {
  type MessageDetail,
  STATUS_COLORS,
  statusLabel,
  type TransactionRecord,
  useEdiMessage,
  useReprocess,
} from "./api";

const REPROCESSABLE = ["failed", "rejected", "partially_processed", "received"];

export function EdiMessageDetailPage() {
  const { id } = useParams();
  const message = useEdiMessage(id);
  const back = <BackLink to="/desk/edi/messages" label="EDI messages" />;
  return (
    <DetailQuery
      query={message}
      title="EDI message"
      errorTitle="Could not load this message"
      missing="No such message"
      back={back}
    >
      {(data) => <Detail m={data} back={back} />}
    </DetailQuery>
  );
}

function Detail({ m, back }: { m: MessageDetail; back: React.ReactNode }) {
  const reprocess = useReprocess(m.id);
  const canReprocess = m.direction === "in" && REPROCESSABLE.includes(m.status);
  return (
    <>
      <PageHeader
        above={back}
        title={
          <Group gap="sm">
            <span>
              {m.direction === "in" ? "Inbound" : "Outbound"} {m.docTypes.join(", ") || "document"} #{m.id}
            </span>
            <Badge size="lg" variant="light" color={STATUS_COLORS[m.status] ?? "gray"}>
              {statusLabel(m.status)}
            </Badge>
          </Group>
        }
        subtitle={`${m.partnerName ?? "Unknown partner"} · ${m.standard?.toUpperCase() ?? "not EDI"} · from ${m.source}`}
        actions={
          canReprocess && (
            <Button
              leftSection={<IconRefresh size={16} />}
              loading={reprocess.isPending}
              onClick={() =>
                reprocess.mutate(undefined, {
                  onSuccess: (r) =>
                    notifications.show({ color: "teal", message: `Reprocessed: ${statusLabel(r.status)}` }),
                  onError: (e) =>
                    notifications.show({ color: "red", title: "Reprocess failed", message: errorMessage(e) }),
                })
              }
            >
              Reprocess
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <Paper shadow="xs" p="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            <Field label="Sender" value={m.sender} mono />
            <Field label="Receiver" value={m.receiver} mono />
            <Field label="Interchange control" value={m.interchangeControl} mono />
            <Field label="Attempts" value={String(m.attempts)} />
            <Field label="Received" value={formatDateTime(m.createdAt)} />
            <Field label="Processed" value={formatDateTime(m.processedAt)} />
            <Field label="Size" value={`${m.sizeBytes.toLocaleString("en-US")} bytes`} />
            <Field
              label={m.duplicateOf ? "Duplicate of" : m.inReplyTo ? "In reply to" : "Links"}
              value={
                m.duplicateOf || m.inReplyTo ? (
                  <Anchor component={Link} to={`/desk/edi/messages/${m.duplicateOf ?? m.inReplyTo}`}>
                    message #{m.duplicateOf ?? m.inReplyTo}
                  </Anchor>
                ) : (
                  "—"
                )
              }
            />
          </SimpleGrid>
        </Paper>

        {m.errors.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Problems">
            <List size="sm" spacing={4}>
              {m.errors.map((e) => (
                <List.Item key={`${e.code}:${e.message}`}>
                  <Code>{e.code}</Code> {e.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}

        {m.transactions.length > 0 && (
          <Section title="Transactions">
            <Stack gap="md">
              {m.transactions.map((t) => (
                <Transaction key={t.ref} t={t} />
              ))}
            </Stack>
          </Section>
        )}

        {m.orders.length > 0 && (
          <Section title="Orders">
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Order</Table.Th>
                  <Table.Th>Account</Table.Th>
                  <Table.Th>PO</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Lines</Table.Th>
                  <Table.Th ta="right">Total</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {m.orders.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/desk/orders/${o.id}`} fw={600}>
                        {o.number}
                      </Anchor>
                      {o.replayed && (
                        <Badge ml="xs" size="xs" variant="light" color="blue">
                          made earlier
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{o.accountName}</Table.Td>
                    <Table.Td>{o.poNumber ?? "—"}</Table.Td>
                    <Table.Td>{statusLabel(o.status)}</Table.Td>
                    <Table.Td ta="right">{o.lineCount}</Table.Td>
                    <Table.Td ta="right">
                      {o.total} {o.currency}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Section>
        )}

        {m.replies.length > 0 && (
          <Section title="Acknowledgments and responses sent">
            <Stack gap="md">
              {m.replies.map((r) => (
                <div key={r.id}>
                  <Group gap="xs" mb={6}>
                    <Anchor component={Link} to={`/desk/edi/messages/${r.id}`} fw={600}>
                      {r.docTypes.join("+")} #{r.interchangeControl}
                    </Anchor>
                    <Badge size="sm" variant="light" color={STATUS_COLORS[r.status] ?? "gray"}>
                      {r.status}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {r.source === "none" ? r.errors[0]?.message : `to ${r.source}`}
                    </Text>
                  </Group>
                  <Code block style={{ maxHeight: 220, overflow: "auto" }}>
                    {r.raw}
                  </Code>
                </div>
              ))}
            </Stack>
          </Section>
        )}

        <Section title={m.rawTruncated ? "Raw content (first 200,000 characters)" : "Raw content"}>
          <Code
            block
            style={{ maxHeight: 420, overflow: "auto", whiteSpace: "pre-wrap", wordBreak: "break-all" }}
          >
            {m.raw}
          </Code>
        </Section>
      </Stack>
    </>
  );
}

function Transaction({ t }: { t: TransactionRecord }) {
  const lineIssues = new Set(t.lines?.filter((l) => l.problem).map((l) => `line ${l.lineRef}:`));
  const headerErrors = t.errors.filter((e) => ![...lineIssues].some((p) => e.message.startsWith(p)));
  return (
    <Paper withBorder p="sm" radius="md">
      <Group justify="space-between" mb={t.lines?.length || headerErrors.length ? "xs" : 0}>
        <Group gap="sm">
          <Text fw={600} ff="monospace">
            {t.type} {t.set}
          </Text>
          <Text size="sm">PO {t.poNumber ?? "—"}</Text>
          <Badge variant="light" color={STATUS_COLORS[t.status] ?? "gray"}>
            {statusLabel(t.status)}
          </Badge>
        </Group>
        {t.orderId && (
          <Anchor component={Link} to={`/desk/orders/${t.orderId}`} fw={600}>
            {t.orderNumber}
          </Anchor>
        )}
      </Group>
      {headerErrors.map((e) => (
        <Text key={`${e.code}:${e.message}`} size="sm" c="red">
          <Code>{e.code}</Code> {e.message}
        </Text>
      ))}
      {t.warnings.map((e) => (
        <Text key={`${e.code}:${e.message}`} size="sm" c="dimmed">
          <Code>{e.code}</Code> {e.message}
        </Text>
      ))}
      {t.lines && t.lines.length > 0 && (
        <Table verticalSpacing={4} fz="sm" mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Line</Table.Th>
              <Table.Th>Identifiers sent</Table.Th>
              <Table.Th ta="right">Qty</Table.Th>
              <Table.Th>Result</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {t.lines.map((l) => (
              <Table.Tr key={l.lineRef}>
                <Table.Td>{l.lineRef}</Table.Td>
                <Table.Td ff="monospace">
                  {l.itemIds.map((i) => `${i.qualifier} ${i.value}`).join(" · ")}
                </Table.Td>
                <Table.Td ta="right">
                  {l.quantity} {l.uom}
                </Table.Td>
                <Table.Td>
                  {l.status === "accepted" ? (
                    <Text size="sm" c="teal.8">
                      {l.sku} × {l.baseQuantity}
                    </Text>
                  ) : (
                    <Text size="sm" c="red">
                      <Code>{l.problem?.code}</Code> {l.problem?.message}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function Field({ label, value, mono }: { label: string; value: React.ReactNode; mono?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" ff={mono ? "monospace" : undefined} style={{ wordBreak: "break-all" }} component="div">
        {value ?? "—"}
      </Text>
    </div>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper shadow="xs" p="md">
      <Title order={4} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
