import { Anchor, Button, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconFileOff, IconMapPin, IconNote } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import { useOrder } from "../../api/hooks";
import type { OrderDetail } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import { EmptyState, ErrorState } from "../../components/States";
import { StatusBadge } from "../../components/StatusBadge";
import type { Area } from "../../layout/AppLayout";
import { formatDate, formatDateTime } from "../../lib/dates";
import { formatMoney } from "../../lib/money";
import { channelLabel } from "../../lib/status";
import { OrderEvents } from "./OrderEvents";
import { OrderExceptions } from "./OrderExceptions";
import { OrderLinesTable } from "./OrderLinesTable";
import { OrderShipments } from "./OrderShipments";
import { StatusHistory } from "./StatusHistory";

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: 0.4 }}>
        {label}
      </Text>
      <Text size="sm" fw={500} mt={2} component="div" data-testid={testId}>
        {children ?? "—"}
      </Text>
    </div>
  );
}

function SectionTitle({ children, icon }: { children: ReactNode; icon?: ReactNode }) {
  return (
    <Group gap={6} mb="sm">
      {icon}
      <Title order={4} fz="md">
        {children}
      </Title>
    </Group>
  );
}

function ShipTo({ order }: { order: OrderDetail }) {
  const s = order.shipTo;
  return (
    <Paper p="lg" shadow="xs" h="100%">
      <SectionTitle icon={<IconMapPin size={18} color="var(--mantine-color-sea-7)" />}>Ship to</SectionTitle>
      {s ? (
        <Stack gap={2} data-testid="ship-to">
          <Text fw={600} size="sm">
            {s.name}
          </Text>
          {s.line1 && <Text size="sm">{s.line1}</Text>}
          <Text size="sm">
            {[s.city, [s.region, s.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ")}
          </Text>
          <Text size="xs" c="dimmed" className="mono" mt={4}>
            {s.code}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          No ship-to address on this order.
        </Text>
      )}
    </Paper>
  );
}

function DetailSkeleton() {
  return (
    <Stack gap="lg" aria-busy="true" aria-label="Loading order">
      <Skeleton h={34} w={260} />
      <Skeleton h={120} />
      <Skeleton h={260} />
    </Stack>
  );
}

export function OrderDetailPage({ area }: { area: Area }) {
  const { id } = useParams();
  const order = useOrder(id);
  const listPath = `/${area}/orders`;
  const back = (
    <Anchor component={Link} to={listPath} size="sm" c="dimmed">
      <Group gap={4}>
        <IconArrowLeft size={14} /> {area === "desk" ? "Orders" : "My orders"}
      </Group>
    </Anchor>
  );

  if (order.isPending) return <DetailSkeleton />;
  if (order.isError) {
    // A malformed id (/orders/abc) is refused as invalid input: to the user it is just not found.
    const missing =
      isApiError(order.error) && (order.error.status === 404 || order.error.code === "VALIDATION_FAILED");
    if (missing) {
      return (
        <Paper shadow="xs">
          <EmptyState
            testId="not-found"
            icon={<IconFileOff size={28} stroke={1.5} />}
            title="Order not found"
            description="This order does not exist, or it belongs to a company you do not have access to."
            action={
              <Button component={Link} to={listPath} variant="light">
                Back to orders
              </Button>
            }
          />
        </Paper>
      );
    }
    return (
      <ErrorState error={order.error} onRetry={() => order.refetch()} title="Could not load this order" />
    );
  }

  const o = order.data;
  return (
    <>
      <PageHeader
        above={back}
        title={
          <Group gap="sm">
            <span data-testid="order-number">Order {o.number}</span>
            <StatusBadge status={o.status} size="lg" />
          </Group>
        }
        subtitle={
          <>
            {area === "desk" ? `${o.accountName} · ${o.accountNumber}` : o.accountName} — placed{" "}
            {formatDateTime(o.orderedAt)}
          </>
        }
        actions={
          <Stack gap={0} align="flex-end">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Order total
            </Text>
            <Text fz={26} fw={700} className="num" data-testid="order-total">
              {formatMoney(o.total, o.currency)}
            </Text>
          </Stack>
        }
      />
      <Stack gap="lg">
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Paper p="lg" shadow="xs" h="100%">
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="lg" verticalSpacing="md">
                <Fact label="Account">
                  {o.accountName}
                  <Text size="xs" c="dimmed" className="mono">
                    {o.accountNumber}
                  </Text>
                </Fact>
                <Fact label="PO number" testId="po-number">
                  {o.poNumber || "—"}
                </Fact>
                <Fact label="Channel">{channelLabel(o.channel)}</Fact>
                <Fact label="Ordered">{formatDateTime(o.orderedAt)}</Fact>
                <Fact label="Requested ship">{formatDate(o.requestedShipDate)}</Fact>
                <Fact label="Requested delivery">{formatDate(o.requestedDeliveryDate)}</Fact>
                <Fact label="Entered by">{o.createdByName || "—"}</Fact>
                <Fact label="Lines">{o.lines.length}</Fact>
                <Fact label="Currency">{o.currency}</Fact>
              </SimpleGrid>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <ShipTo order={o} />
          </Grid.Col>
        </Grid>

        <OrderExceptions exceptions={o.exceptions ?? []} />

        <Paper shadow="xs">
          <Group p="lg" pb="sm" justify="space-between">
            <Title order={4} fz="md">
              Lines
            </Title>
            <Text size="sm" c="dimmed">
              {o.lines.length} {o.lines.length === 1 ? "line" : "lines"}
            </Text>
          </Group>
          <OrderLinesTable order={o} />
        </Paper>

        <OrderShipments order={o} />

        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: o.notes ? 6 : 12 }}>
            <Paper p="lg" shadow="xs" h="100%">
              <SectionTitle>Status history</SectionTitle>
              <StatusHistory history={o.history} />
            </Paper>
          </Grid.Col>
          {o.notes && (
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Paper p="lg" shadow="xs" h="100%">
                <SectionTitle icon={<IconNote size={18} color="var(--mantine-color-sea-7)" />}>
                  Notes
                </SectionTitle>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {o.notes}
                </Text>
              </Paper>
            </Grid.Col>
          )}
        </Grid>

        <OrderEvents events={o.events ?? []} />
      </Stack>
    </>
  );
}
