// One exception in a drawer beside the inbox: what happened (facts), the order it holds, owner and
// deadline, the resolution actions as buttons, reassignment, and the audit trail.
import {
  Alert,
  Badge,
  Divider,
  Drawer,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconCircleCheck, IconLockOpen, IconPlayerPause } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { isApiError } from "../../api/client";
import { useOrder } from "../../api/hooks";
import type { SessionUser } from "../../api/types";
import { ErrorState } from "../../components/States";
import { StatusBadge } from "../../components/StatusBadge";
import { formatDateTime } from "../../lib/dates";
import { AssignForm } from "./AssignForm";
import { AuditTimeline } from "./AuditTimeline";
import { type ExceptionDetail, useException } from "./api";
import { ExceptionFacts, OrderRef } from "./ExceptionFacts";
import { Deadline, ExceptionStatus, TypeBadge } from "./ExceptionsTable";
import { actionMeta, ownerLabel, roleLabel } from "./labels";
import { ResolveActions } from "./ResolveActions";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700} mb={6} style={{ letterSpacing: 0.6 }}>
        {title}
      </Text>
      {children}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {children}
      </Text>
    </div>
  );
}

function OrderLine({ e }: { e: ExceptionDetail }) {
  const order = useOrder(e.orderId === null ? undefined : String(e.orderId));
  if (e.orderId === null) return null;
  const blocking = e.data.blocking === true;
  return (
    <Paper p="sm" bg="var(--mantine-color-gray-0)" data-testid="exception-order">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Group gap="xs">
            <OrderRef exception={e} />
            {order.data && <StatusBadge status={order.data.status} />}
          </Group>
          {order.data && (
            <Text size="xs" c="dimmed" mt={2}>
              {order.data.accountName} · {order.data.accountNumber}
              {order.data.poNumber ? ` · PO ${order.data.poNumber}` : ""}
            </Text>
          )}
        </div>
        <Group gap={4} wrap="nowrap" c={blocking && e.status === "open" ? "orange.8" : "dimmed"}>
          {blocking && e.status === "open" ? <IconPlayerPause size={14} /> : <IconLockOpen size={14} />}
          <Text size="xs" fw={600} style={{ whiteSpace: "nowrap" }}>
            {blocking
              ? e.status === "open"
                ? "Holds the order"
                : "Held the order"
              : "Does not hold the order"}
          </Text>
        </Group>
      </Group>
    </Paper>
  );
}

function Body({ e, user }: { e: ExceptionDetail; user: SessionUser }) {
  const order = useOrder(e.orderId === null ? undefined : String(e.orderId));
  const currency = order.data?.currency ?? "USD";
  return (
    <Stack gap="lg" data-testid="exception-detail" data-exception-id={e.id} data-status={e.status}>
      <div>
        <Group gap="xs" mb={6}>
          <ExceptionStatus e={e} withAction={false} />
          {e.overdue && (
            <Badge color="red" variant="filled" size="sm" tt="none">
              Overdue
            </Badge>
          )}
        </Group>
        <Text size="md" fw={500} data-testid="exception-summary">
          {e.summary}
        </Text>
      </div>

      <OrderLine e={e} />
      <ExceptionFacts exception={e} currency={currency} />

      <SimpleGrid cols={3} spacing="md">
        <Fact label="Owner">{ownerLabel(e, user.id)}</Fact>
        <Fact label={e.status === "open" ? "Due" : "Was due"}>
          {e.status === "open" ? <Deadline e={e} /> : formatDateTime(e.deadline)}
          {e.status === "open" && (
            <Text size="xs" c="dimmed">
              {formatDateTime(e.deadline)}
            </Text>
          )}
        </Fact>
        <Fact label="Raised">{formatDateTime(e.createdAt)}</Fact>
        {e.escalationLevel > 0 && <Fact label="Escalated">level {e.escalationLevel}</Fact>}
        {e.approvalRole && (
          <Fact label="Approval">
            {roleLabel(e.approvalRole)} (level {e.approvalLevel})
          </Fact>
        )}
      </SimpleGrid>

      {e.status === "open" ? (
        <>
          <Section title="Resolve">
            <ResolveActions exception={e} />
          </Section>
          <Section title="Owner">
            <AssignForm exception={e} user={user} />
          </Section>
        </>
      ) : (
        <Alert
          color={e.status === "resolved" ? "teal" : "gray"}
          variant="light"
          icon={<IconCircleCheck size={18} />}
          title={
            e.status === "resolved" ? `Resolved: ${actionMeta(e.resolutionAction ?? "").label}` : "Cancelled"
          }
          data-testid="exception-resolution"
        >
          {e.resolutionReason && <Text size="sm">“{e.resolutionReason}”</Text>}
          <Text size="xs" c="dimmed" mt={4}>
            {formatDateTime(e.resolvedAt)}
          </Text>
        </Alert>
      )}

      <Divider />
      <Section title="Audit trail">
        <AuditTimeline audit={e.audit} />
      </Section>
    </Stack>
  );
}

export function ExceptionDrawer({
  id,
  user,
  onClose,
}: {
  id: string | undefined;
  user: SessionUser;
  onClose: () => void;
}) {
  const exception = useException(id);
  const e = exception.data;
  return (
    <Drawer
      opened={Boolean(id)}
      onClose={onClose}
      position="right"
      size={620}
      padding="lg"
      title={
        e ? (
          <Group gap="sm">
            <TypeBadge type={e.type} size="lg" />
            <Title order={3} fz="lg" c="dimmed" fw={500}>
              #{e.id}
            </Title>
          </Group>
        ) : (
          <Title order={3} fz="lg">
            Exception
          </Title>
        )
      }
      data-testid="exception-drawer"
    >
      {id && !/^\d+$/.test(id) ? (
        <ErrorState error={new Error(`"${id}" is not an exception number.`)} title="No such exception" />
      ) : exception.isPending ? (
        <Stack aria-busy="true">
          <Skeleton h={24} w="60%" />
          <Skeleton h={80} />
          <Skeleton h={160} />
        </Stack>
      ) : exception.isError ? (
        <ErrorState
          error={exception.error}
          title={
            isApiError(exception.error) && exception.error.status === 404 ? "No such exception" : undefined
          }
          onRetry={() => exception.refetch()}
        />
      ) : e ? (
        <Body e={e} user={user} />
      ) : null}
    </Drawer>
  );
}
