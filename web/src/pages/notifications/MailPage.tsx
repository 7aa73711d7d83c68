import { Badge, Group, Paper, SegmentedControl, Spoiler, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { PageHeader } from "../../components/PageHeader";
import { EmptyState, ErrorState } from "../../components/States";
import { formatDateTime } from "../../lib/dates";
import { useStoredMail } from "./api";

const STATUS_COLORS: Record<string, string> = {
  queued: "gray",
  sending: "blue",
  sent: "green",
  failed: "red",
};

/** Admins read the mail Wholesail sent or stored (no SMTP server configured: it waits here, queued). */
export function MailPage() {
  const [status, setStatus] = useState("all");
  const mail = useStoredMail(status === "all" ? null : status);
  return (
    <>
      <PageHeader
        title="Mail"
        subtitle="Notification mail to staff. Without SMTP_URL configured it is kept here as queued, nothing is lost."
      />
      <Paper shadow="xs">
        <Group p="md">
          <SegmentedControl
            value={status}
            onChange={setStatus}
            data={[
              { value: "all", label: "All" },
              { value: "queued", label: "Queued" },
              { value: "sent", label: "Sent" },
              { value: "failed", label: "Failed" },
            ]}
            data-testid="mail-status"
          />
        </Group>
        {mail.isError ? (
          <ErrorState error={mail.error} onRetry={() => mail.refetch()} title="Could not load mail" />
        ) : (mail.data?.mail ?? []).length === 0 && !mail.isPending ? (
          <EmptyState title="No mail" description="Nothing matches this filter." />
        ) : (
          <Table verticalSpacing="sm" data-testid="mail-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={170}>Created</Table.Th>
                <Table.Th w={220}>To</Table.Th>
                <Table.Th>Subject and message</Table.Th>
                <Table.Th w={110}>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(mail.data?.mail ?? []).map((m) => (
                <Table.Tr key={m.id} data-testid="mail-row">
                  <Table.Td>
                    <Text size="sm">{formatDateTime(m.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="mono">
                      {m.to}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm" fw={600}>
                        {m.subject}
                      </Text>
                      <Spoiler maxHeight={40} showLabel="Show all" hideLabel="Hide">
                        <Text size="xs" c="dimmed" style={{ whiteSpace: "pre-line" }}>
                          {m.text}
                        </Text>
                      </Spoiler>
                      {m.lastError && (
                        <Text size="xs" c="red.8">
                          {m.lastError}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLORS[m.status] ?? "gray"} tt="none">
                      {m.status}
                      {m.attempts > 1 ? ` · ${m.attempts} tries` : ""}
                    </Badge>
                    {m.sentAt && (
                      <Text size="xs" c="dimmed" mt={2}>
                        {formatDateTime(m.sentAt)}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </>
  );
}
