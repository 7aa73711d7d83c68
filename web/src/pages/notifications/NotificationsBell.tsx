import { ActionIcon, Anchor, Badge, Group, Indicator, Popover, ScrollArea, Stack, Text } from "@mantine/core";
import { IconBell } from "@tabler/icons-react";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { formatDateTime } from "../../lib/dates";
import { type Notification, useMarkRead, useNotifications } from "./api";

/** The staff header's bell: unread count, the latest notifications, open one to go where it points. */
export function NotificationsBell() {
  const [opened, setOpened] = useState(false);
  const list = useNotifications(true);
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const unread = list.data?.unread ?? 0;
  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    setOpened(false);
    if (n.link) navigate(n.link);
  };
  return (
    <Popover opened={opened} onChange={setOpened} width={380} position="bottom-end" shadow="md">
      <Popover.Target>
        <Indicator
          label={unread > 99 ? "99+" : unread}
          size={16}
          disabled={unread === 0}
          color="red"
          offset={4}
        >
          <ActionIcon
            variant="default"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={`Notifications${unread ? `, ${unread} unread` : ""}`}
            data-testid="notifications-bell"
          >
            <IconBell size={18} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="notifications-list">
        <Group
          justify="space-between"
          px="md"
          py="sm"
          style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}
        >
          <Text fw={600} size="sm">
            Notifications
          </Text>
          <Text size="xs" c="dimmed">
            {unread} unread
          </Text>
        </Group>
        <ScrollArea.Autosize mah={420}>
          {(list.data?.notifications ?? []).length === 0 ? (
            <Text size="sm" c="dimmed" p="md">
              Nothing yet. Exceptions assigned to you or your team, escalations and credit holds show up here.
            </Text>
          ) : (
            <Stack gap={0}>
              {list.data!.notifications.map((n) => (
                <Stack
                  key={n.id}
                  gap={2}
                  px="md"
                  py="sm"
                  data-testid="notification"
                  data-unread={!n.readAt}
                  style={{
                    borderBottom: "1px solid var(--mantine-color-gray-2)",
                    background: n.readAt
                      ? undefined
                      : "var(--mantine-color-sea-0, var(--mantine-color-blue-0))",
                  }}
                >
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Anchor component="button" size="sm" fw={600} ta="left" onClick={() => open(n)}>
                      {n.title}
                    </Anchor>
                    {!n.readAt && (
                      <Badge size="xs" variant="light" style={{ flexShrink: 0 }}>
                        new
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed" lineClamp={3} style={{ whiteSpace: "pre-line" }}>
                    {n.body}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(n.createdAt)}
                  </Text>
                </Stack>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
