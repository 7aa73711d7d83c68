// Purchase orders (inbound supply), by expected date: open ones or all, narrowed by warehouse and a
// search (number, supplier, SKU or item; on the loaded page, the API has no search). A row opens the
// purchase order (/desk/inbound/:id), where the warehouse receives it; admin and warehouse may record one.
import { Button, Divider, Group, Paper, SegmentedControl, Select, Text, TextInput } from "@mantine/core";
import { IconPlus, IconSearch, IconTruckDelivery } from "@tabler/icons-react";
import { useMemo } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { useSession } from "../../api/hooks";
import { PageHeader } from "../../components/PageHeader";
import { EmptyState, ErrorState, TableSkeleton } from "../../components/States";
import { canPurchase, LIST_LIMIT, type PurchaseOrder, usePurchaseOrders } from "./api";
import { NewPurchaseOrderModal } from "./NewPurchaseOrderModal";
import { PurchaseOrdersTable } from "./PurchaseOrdersTable";

const matches = (po: PurchaseOrder, q: string) =>
  [po.number, po.supplier, ...po.lines.flatMap((l) => [l.sku, l.name])].some((s) =>
    s.toLowerCase().includes(q),
  );

export function PurchaseOrdersPage() {
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const role = useSession().data?.user?.role;
  const showAll = search.get("status") === "all";
  const creating = search.get("new") === "1";
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };
  const q = search.get("q") ?? "";
  const warehouse = search.get("warehouse");
  const list = usePurchaseOrders(showAll ? null : "open");
  const loaded = list.data ?? [];
  const codes = useMemo(() => [...new Set(loaded.map((p) => p.warehouseCode))].sort(), [loaded]);
  const needle = q.trim().toLowerCase();
  const rows = loaded.filter(
    (po) => (!warehouse || po.warehouseCode === warehouse) && (!needle || matches(po, needle)),
  );
  const filtered = Boolean(needle || warehouse);

  return (
    <>
      <PageHeader
        title="Purchase orders"
        subtitle="Inbound supply from suppliers, soonest expected first. Receiving fills the backorders waiting for the items, oldest order first."
        actions={
          canPurchase(role) && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => set("new", "1")}
              data-testid="new-purchase-order"
            >
              New purchase order
            </Button>
          )
        }
      />
      <Paper shadow="xs">
        <Group p="md" gap="sm">
          <SegmentedControl
            size="sm"
            value={showAll ? "all" : "open"}
            onChange={(v) => set("status", v === "all" ? "all" : null)}
            data={[
              { label: "Open", value: "open" },
              { label: "All", value: "all" },
            ]}
            data-testid="po-status-filter"
          />
          <TextInput
            placeholder="PO number, supplier, SKU or item"
            leftSection={<IconSearch size={16} />}
            w={300}
            value={q}
            onChange={(e) => set("q", e.currentTarget.value)}
            aria-label="Search purchase orders"
            data-testid="po-search"
          />
          <Select
            placeholder="All warehouses"
            clearable
            w={170}
            value={warehouse}
            onChange={(v) => set("warehouse", v)}
            data={codes}
            aria-label="Warehouse"
            data-testid="po-warehouse-filter"
          />
          {list.data && (
            <Text size="sm" c="dimmed">
              {filtered ? `${rows.length} of ${loaded.length}` : rows.length} {showAll ? "" : "open "}
              purchase order{loaded.length === 1 ? "" : "s"}
            </Text>
          )}
        </Group>
        <Divider />
        {list.isPending ? (
          <TableSkeleton />
        ) : list.isError ? (
          <ErrorState
            error={list.error}
            onRetry={() => list.refetch()}
            title="Could not load purchase orders"
          />
        ) : rows.length === 0 && filtered ? (
          <EmptyState
            testId="purchase-orders-empty"
            icon={<IconSearch size={28} stroke={1.5} />}
            title="No matching purchase orders"
            description={`None of the ${loaded.length} loaded matches these filters.`}
            action={
              <Button
                variant="light"
                onClick={() => setSearch(showAll ? { status: "all" } : {}, { replace: true })}
              >
                Clear filters
              </Button>
            }
          />
        ) : rows.length === 0 ? (
          <EmptyState
            testId="purchase-orders-empty"
            icon={<IconTruckDelivery size={28} stroke={1.5} />}
            title={showAll ? "No purchase orders" : "Nothing on order"}
            description={
              showAll
                ? "Purchase orders recorded here give backorders their ETA."
                : "No open purchase orders: every one recorded has been received."
            }
            action={
              !showAll && (
                <Button variant="light" onClick={() => set("status", "all")}>
                  Show all
                </Button>
              )
            }
          />
        ) : (
          <PurchaseOrdersTable rows={rows} onOpen={(id) => navigate(`/desk/inbound/${id}`)} />
        )}
        {loaded.length >= LIST_LIMIT && (
          <Text size="xs" c="dimmed" p="md">
            Showing the first {LIST_LIMIT} by expected date.
          </Text>
        )}
      </Paper>
      {canPurchase(role) && (
        <NewPurchaseOrderModal
          opened={creating}
          onClose={() => set("new", null)}
          onCreated={(po) => navigate(`/desk/inbound/${po.id}`)}
        />
      )}
    </>
  );
}
