import { Box, Button, Divider, Group, LoadingOverlay, Pagination, Paper, Select, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconPlus, IconReceiptOff } from "@tabler/icons-react";
import { Link } from "react-router-dom";
import { useOrders, useSession } from "../../api/hooks";
import { PageHeader } from "../../components/PageHeader";
import { EmptyState, ErrorState, TableSkeleton } from "../../components/States";
import type { Area } from "../../layout/AppLayout";
import { ORDER_ENTRY_ROLES } from "../../lib/status";
import { OrderFilters } from "./OrderFilters";
import { OrdersCards } from "./OrdersCards";
import { OrdersTable } from "./OrdersTable";
import { PAGE_SIZES, useOrderListParams } from "./useOrderListParams";

const count = new Intl.NumberFormat("en-US");

export function OrdersListPage({ area }: { area: Area }) {
  const { params, update } = useOrderListParams();
  const compact = useMediaQuery("(max-width: 48em)") ?? false;
  const orders = useOrders(params);
  const user = useSession().data?.user;
  const canCreate = area === "desk" && user != null && ORDER_ENTRY_ROLES.includes(user.role);
  const showAccount = area === "desk";
  const filtered = Boolean(params.q || params.status || params.accountId);

  const data = orders.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const first = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? Math.min(data.total, data.page * data.pageSize) : 0;

  return (
    <>
      <PageHeader
        title={area === "desk" ? "Orders" : "My orders"}
        subtitle={
          area === "desk"
            ? "Every sales order across channels. Click a row to open it."
            : `Orders placed by ${user?.accountName ?? "your company"}.`
        }
        actions={
          canCreate && (
            <Button
              component={Link}
              to="/desk/orders/new"
              leftSection={<IconPlus size={16} />}
              data-testid="new-order"
            >
              New order
            </Button>
          )
        }
      />
      <Paper shadow="xs">
        <Box p="md">
          <OrderFilters params={params} update={update} showAccount={showAccount} showSort={compact} />
        </Box>
        <Divider />
        <Box pos="relative">
          <LoadingOverlay
            visible={orders.isFetching && orders.isPlaceholderData}
            overlayProps={{ blur: 1 }}
          />
          {orders.isPending ? (
            <TableSkeleton />
          ) : orders.isError ? (
            <ErrorState error={orders.error} onRetry={() => orders.refetch()} title="Could not load orders" />
          ) : data && data.orders.length === 0 && data.total > 0 ? (
            <EmptyState
              title="This page is past the end of the list"
              description={`There are ${count.format(data.total)} orders on ${pages} ${pages === 1 ? "page" : "pages"}.`}
              action={
                <Button variant="light" onClick={() => update({ page: undefined })}>
                  Go to the first page
                </Button>
              }
            />
          ) : data && data.orders.length === 0 ? (
            <EmptyState
              icon={<IconReceiptOff size={28} stroke={1.5} />}
              title={filtered ? "No orders match these filters" : "No orders yet"}
              description={
                filtered
                  ? "Try a different search or clear the filters."
                  : area === "desk"
                    ? "Orders from every channel will appear here."
                    : "When your company places an order it will appear here."
              }
              action={
                canCreate && !filtered ? (
                  <Button component={Link} to="/desk/orders/new" leftSection={<IconPlus size={16} />}>
                    New order
                  </Button>
                ) : undefined
              }
            />
          ) : (
            data &&
            (compact ? (
              <OrdersCards orders={data.orders} basePath={`/${area}/orders`} showAccount={showAccount} />
            ) : (
              <OrdersTable
                orders={data.orders}
                sort={params.sort}
                onSort={(sort) => update({ sort })}
                basePath={`/${area}/orders`}
                showAccount={showAccount}
              />
            ))
          )}
        </Box>
        {data && data.orders.length > 0 && (
          <>
            <Divider />
            <Group justify="space-between" p="md" wrap="wrap" gap="sm">
              <Text size="sm" c="dimmed" data-testid="orders-count">
                Showing {count.format(first)}–{count.format(last)} of {count.format(data.total)} orders
              </Text>
              <Group gap="md" wrap="wrap">
                <Group gap={6}>
                  <Text size="sm" c="dimmed">
                    Rows
                  </Text>
                  <Select
                    aria-label="Rows per page"
                    size="xs"
                    w={76}
                    data={PAGE_SIZES.map(String)}
                    value={String(params.pageSize)}
                    onChange={(v) => update({ pageSize: v ?? undefined })}
                    allowDeselect={false}
                  />
                </Group>
                <Pagination
                  total={pages}
                  value={Math.min(params.page, pages)}
                  onChange={(page) => update({ page })}
                  size="sm"
                  withEdges
                  siblings={1}
                />
              </Group>
            </Group>
          </>
        )}
      </Paper>
    </>
  );
}
