import { ActionIcon, AppShell, Avatar, Box, Burger, Button, Group, Text, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconLogout } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Outlet, useLocation, useNavigate } from "react-router-dom";
import { onUnauthorized } from "../api/client";
import { sessionKey, useLogout, useSession } from "../api/hooks";
import type { SessionResponse, SessionUser } from "../api/types";
import { Logo } from "../components/Logo";
import { ROLE_LABELS } from "../lib/status";
import { NotificationsBell } from "../pages/notifications/NotificationsBell";
import { Navigation } from "./Navigation";

export type Area = "desk" | "portal";

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join("");
}

function UserBlock({ user }: { user: SessionUser }) {
  const detail = user.role === "buyer" && user.accountName ? user.accountName : ROLE_LABELS[user.role];
  return (
    <Group gap="sm" wrap="nowrap" data-testid="current-user">
      <Tooltip label={`${user.name} · ${detail}`} hiddenFrom="sm">
        <Avatar color="sea" radius="xl" size={34}>
          {initials(user.name)}
        </Avatar>
      </Tooltip>
      <Box visibleFrom="sm" style={{ lineHeight: 1.2 }}>
        <Text size="sm" fw={600} data-testid="current-user-name">
          {user.name}
        </Text>
        <Text size="xs" c="dimmed" data-testid="current-user-role">
          {detail}
          {user.role === "buyer" ? " · Buyer" : ""}
        </Text>
      </Box>
    </Group>
  );
}

export function AppLayout({ area }: { area: Area }) {
  const [opened, { toggle, close }] = useDisclosure();
  const session = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const user = session.data?.user;

  // Close the mobile navbar when navigating.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on path change only
  useEffect(() => close(), [location.pathname]);

  // An expired session anywhere sends the user back to sign-in.
  useEffect(
    () =>
      onUnauthorized(() => {
        client.setQueryData<SessionResponse>(sessionKey, { user: null, csrfToken: null });
        notifications.show({
          color: "yellow",
          title: "Signed out",
          message: "Your session ended. Please sign in again.",
        });
      }),
    [client],
  );

  if (!user) return null;

  const signOut = () =>
    logout.mutate(undefined, {
      onSettled: () => navigate("/signin", { replace: true }),
    });

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 232, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding={{ base: "md", md: "xl" }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Logo suffix={area === "desk" ? "Desk" : "Portal"} />
          </Group>
          <Group gap="md" wrap="nowrap">
            {area === "desk" && <NotificationsBell />}
            <UserBlock user={user} />
            <Button
              variant="default"
              size="xs"
              leftSection={<IconLogout size={14} />}
              onClick={signOut}
              loading={logout.isPending}
              visibleFrom="sm"
              data-testid="sign-out"
            >
              Sign out
            </Button>
            <ActionIcon
              variant="default"
              size="lg"
              onClick={signOut}
              loading={logout.isPending}
              hiddenFrom="sm"
              aria-label="Sign out"
            >
              <IconLogout size={16} />
            </ActionIcon>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <Navigation area={area} user={user} />
      </AppShell.Navbar>
      <AppShell.Main>
        <div style={{ maxWidth: 1280, margin: "0 auto" }}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
