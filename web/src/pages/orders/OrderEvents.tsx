import { Badge, Group, Paper, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconBroadcast } from "@tabler/icons-react";
import type { OrderEvent } from "../../api/types";
import { formatDateTime } from "../../lib/dates";

/** The order's events (outbox) and their delivery: what partners and integrations were told. Staff only. */
export function OrderEvents({ events }: { events: OrderEvent[] }) {
  if (events.length === 0) return null;
  return (
    <Paper p="lg" shadow="xs" data-testid="order-events">
      <Group gap={6} mb="sm">
        <IconBroadcast size={18} color="var(--mantine-color-sea-7)" />
        <Title order={4} fz="md">
          Events
        </Title>
      </Group>
      <Stack gap={6}>
        {events.map((e) => (
          <Group key={e.id} justify="space-between" wrap="nowrap" data-testid="order-event">
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" className="mono">
                {e.topic}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(e.at)}
              </Text>
            </Group>
            {e.publishedAt ? (
              <Badge variant="light" color="green" size="sm" tt="none">
                delivered {formatDateTime(e.publishedAt)}
              </Badge>
            ) : e.lastError ? (
              <Tooltip label={e.lastError} multiline w={320}>
                <Badge variant="light" color="red" size="sm" tt="none">
                  failed {e.attempts}× — retrying
                </Badge>
              </Tooltip>
            ) : (
              <Badge variant="light" color="gray" size="sm" tt="none">
                pending
              </Badge>
            )}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
