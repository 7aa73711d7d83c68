import {
  Alert,
  Button,
  Center,
  Loader,
  EmptyState as MantineEmptyState,
  Skeleton,
  Stack,
  Text,
} from "@mantine/core";
import { IconAlertTriangle, IconInbox, IconRefresh } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { isApiError } from "../api/client";

export function FullPageLoader() {
  return (
    <Center h="100vh" aria-busy="true">
      <Loader size="md" />
    </Center>
  );
}

export function TableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <Stack gap="xs" p="md" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => `skeleton-${i}`).map((key) => (
        <Skeleton key={key} height={28} radius="sm" />
      ))}
    </Stack>
  );
}

export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

export function ErrorState({
  error,
  onRetry,
  fullPage,
  title = "Could not load this page",
}: {
  error: unknown;
  onRetry?: () => void;
  fullPage?: boolean;
  title?: string;
}) {
  const body = (
    <Alert
      color="red"
      variant="light"
      title={title}
      icon={<IconAlertTriangle size={18} />}
      maw={560}
      w="100%"
      data-testid="error-state"
    >
      <Stack gap="sm">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <div>
            <Button
              size="xs"
              variant="white"
              color="red"
              leftSection={<IconRefresh size={14} />}
              onClick={onRetry}
            >
              Try again
            </Button>
          </div>
        )}
      </Stack>
    </Alert>
  );
  return fullPage ? <Center h="100vh">{body}</Center> : <Center py="xl">{body}</Center>;
}

export function EmptyState({
  title,
  description,
  icon,
  action,
  testId,
}: {
  title: string;
  description?: ReactNode;
  icon?: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <MantineEmptyState
      py={48}
      px="md"
      title={title}
      description={description}
      icon={icon ?? <IconInbox size={28} stroke={1.5} />}
      withIndicatorBackground
      data-testid={testId ?? "empty-state"}
    >
      {action && <MantineEmptyState.Actions>{action}</MantineEmptyState.Actions>}
    </MantineEmptyState>
  );
}
