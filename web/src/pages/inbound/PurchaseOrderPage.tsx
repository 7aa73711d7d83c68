// One purchase order (/desk/inbound/:id): its lines with ordered, received and open quantities; admin
// and warehouse receive it here, and see what came in and the backorders it filled.
import { Alert, Badge, Group, Paper, SimpleGrid, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCircleCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useParams } from "react-router-dom";
import { useSession } from "../../api/hooks";
import { BackLink, DetailQuery } from "../../components/DetailQuery";
import { PageHeader } from "../../components/PageHeader";
import { formatDate } from "../../lib/dates";
import {
  canPurchase,
  PO_STATUS_COLORS,
  type PurchaseOrder,
  poStatusLabel,
  type ReceiptResult as Result,
  usePurchaseOrder,
} from "./api";
import { PoLinesTable } from "./PoLinesTable";
import { ReceiptResult } from "./ReceiptResult";
import { ReceivedProgress } from "./ReceivedProgress";

export function PurchaseOrderPage() {
  const { id } = useParams();
  const po = usePurchaseOrder(id);
  const back = <BackLink to="/desk/inbound" label="Purchase orders" />;
  return (
    <DetailQuery
      query={po}
      title="Purchase order"
      errorTitle="Could not load this purchase order"
      missing="No such purchase order"
      back={back}
    >
      {(data) => <Detail po={data} back={back} />}
    </DetailQuery>
  );
}

function Detail({ po, back }: { po: PurchaseOrder; back: React.ReactNode }) {
  const role = useSession().data?.user?.role;
  const [result, setResult] = useState<Result | null>(null);
  const receiving = canPurchase(role) && po.status === "open";
  return (
    <>
      <PageHeader
        above={back}
        title={
          <Group gap="sm">
            <span data-testid="po-title">Purchase order {po.number}</span>
            <Badge
              size="lg"
              variant="light"
              color={PO_STATUS_COLORS[po.status] ?? "gray"}
              tt="none"
              data-testid="po-status"
              data-status={po.status}
            >
              {poStatusLabel(po.status)}
            </Badge>
          </Group>
        }
        subtitle={`From ${po.supplier} into ${po.warehouseCode}, expected ${formatDate(po.expectedDate)}`}
      />
      <Paper shadow="xs" p="md" mb="lg">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <Field label="Supplier" value={po.supplier} />
          <Field label="Receiving warehouse" value={po.warehouseCode} mono />
          <Field label="Expected" value={formatDate(po.expectedDate)} />
          <Field
            label="Received / ordered"
            value={<ReceivedProgress po={po} testId="po-received-total" barWidth={90} />}
          />
        </SimpleGrid>
      </Paper>

      {result && (
        <div style={{ marginBottom: "var(--mantine-spacing-lg)" }}>
          <ReceiptResult result={result} warehouseCode={po.warehouseCode} onDismiss={() => setResult(null)} />
        </div>
      )}

      {po.status === "closed" && !result && (
        <Alert
          color="teal"
          variant="light"
          icon={<IconCircleCheck size={18} />}
          mb="lg"
          title="Everything on this purchase order has been received"
        />
      )}

      <Paper shadow="xs">
        <Group justify="space-between" p="md" pb={0}>
          <Title order={4}>Lines</Title>
          {po.status === "open" && !canPurchase(role) && (
            <Text size="xs" c="dimmed">
              The warehouse or an administrator receives purchase orders.
            </Text>
          )}
        </Group>
        <PoLinesTable
          po={po}
          receiving={receiving}
          onReceived={(r) => {
            setResult(r);
            const orders = r.backordersFilled.length;
            notifications.show({
              color: "teal",
              message: `Received on ${po.number}${orders ? `: stock went to ${orders} backordered ${orders === 1 ? "order" : "orders"}` : ""}`,
            });
          }}
        />
      </Paper>
    </>
  );
}

function Field({ label, value, mono }: { label: string; value: React.ReactNode; mono?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" ff={mono ? "monospace" : undefined} component="div" mt={2}>
        {value}
      </Text>
    </div>
  );
}
