// The exceptions inbox: mine / my team's / all, soonest deadline first, overdue in red; a row opens
// the exception in a drawer (/desk/exceptions/:id) with its actions and audit trail.
import { Badge, Button, Chip, Divider, Group, Paper, SegmentedControl, Select, Text } from "@mantine/core";
import { IconChecklist } from "@tabler/icons-react";
import { useNavigate, useParams, useSearchParams } from "react-router-dom";
import { useSession } from "../../api/hooks";
import { PageHeader } from "../../components/PageHeader";
import { EmptyState, ErrorState, TableSkeleton } from "../../components/States";
import { SCOPES, type Scope, STATUSES, type StatusFilter, useExceptions } from "./api";
import { ExceptionDrawer } from "./ExceptionDrawer";
import { ExceptionsTable } from "./ExceptionsTable";
import { TYPE_LABELS } from "./labels";

const SCOPE_LABELS: Record<Scope, string> = { mine: "Mine", team: "My team's", all: "All" };
const STATUS_LABELS: Record<StatusFilter, string> = {
  open: "Open",
  resolved: "Resolved",
  cancelled: "Cancelled",
  any: "Any status",
};

export function ExceptionsPage() {
  const { id } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const user = useSession().data?.user;
  const scopeParam = search.get("scope");
  const statusParam = search.get("status");
  const filters = {
    scope: (SCOPES as readonly string[]).includes(scopeParam ?? "") ? (scopeParam as Scope) : "mine",
    status: (STATUSES as readonly string[]).includes(statusParam ?? "")
      ? (statusParam as StatusFilter)
      : "open",
    type: search.get("type") ?? undefined,
  };
  const overdueOnly = search.get("overdue") === "1";
  const set = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };
  const list = useExceptions(filters);
  const rows = (list.data?.exceptions ?? []).filter((e) => !overdueOnly || e.overdue);
  const open = (list.data?.exceptions ?? []).filter((e) => e.status === "open").length;
  const overdue = list.data?.overdue ?? 0;
  const qs = search.toString() ? `?${search}` : "";
  const openDrawer = (exceptionId: number) => navigate(`/desk/exceptions/${exceptionId}${qs}`);
  const closeDrawer = () => navigate(`/desk/exceptions${qs}`);

  if (!user) return null;
  return (
    <>
      <PageHeader
        title="Exceptions"
        subtitle="Orders waiting on a decision, soonest deadline first. Every resolution needs a reason and is kept in the audit trail."
        actions={
          list.data &&
          filters.status === "open" &&
          open > 0 && (
            <Group gap="xs" data-testid="exceptions-counts">
              <Badge size="lg" variant="light" color="orange" tt="none">
                {open} open
              </Badge>
              {overdue > 0 && (
                <Badge size="lg" variant="filled" color="red" tt="none" data-testid="exceptions-overdue">
                  {overdue} overdue
                </Badge>
              )}
            </Group>
          )
        }
      />
      <Paper shadow="xs">
        <Group p="md" gap="sm" wrap="wrap">
          <SegmentedControl
            size="sm"
            value={filters.scope}
            onChange={(v) => set("scope", v === "mine" ? null : v)}
            data={SCOPES.map((s) => ({ value: s, label: SCOPE_LABELS[s] }))}
            data-testid="scope-filter"
          />
          <Select
            placeholder="All types"
            clearable
            w={260}
            value={filters.type ?? null}
            onChange={(v) => set("type", v)}
            data={Object.entries(TYPE_LABELS).map(([value, label]) => ({ value, label }))}
            aria-label="Type"
            data-testid="type-filter"
          />
          <Select
            w={160}
            value={filters.status}
            onChange={(v) => set("status", v === "open" ? null : v)}
            data={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
            allowDeselect={false}
            aria-label="Status"
            data-testid="status-filter"
          />
          <Chip
            checked={overdueOnly}
            onChange={(on) => set("overdue", on ? "1" : null)}
            color="red"
            variant="light"
            data-testid="overdue-filter"
          >
            Overdue only
          </Chip>
          {list.isFetching && !list.isPending && (
            <Text size="xs" c="dimmed">
              Updating…
            </Text>
          )}
        </Group>
        <Divider />
        {list.isPending ? (
          <TableSkeleton />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} title="Could not load exceptions" />
        ) : rows.length === 0 ? (
          <EmptyState
            testId="exceptions-empty"
            icon={<IconChecklist size={28} stroke={1.5} />}
            title={filters.status === "open" ? "Nothing waiting" : "No exceptions"}
            description={
              filters.scope === "all"
                ? "No exceptions match these filters."
                : `No ${filters.status === "open" ? "open " : ""}exceptions in ${filters.scope === "mine" ? "your" : "your team's"} queue${filters.type || overdueOnly ? " with these filters" : ""}.`
            }
            action={
              filters.scope !== "all" && (
                <Button variant="light" onClick={() => set("scope", "all")}>
                  Show everyone's
                </Button>
              )
            }
          />
        ) : (
          <ExceptionsTable exceptions={rows} selectedId={id} me={user.id} onOpen={openDrawer} />
        )}
        {list.data && list.data.exceptions.length >= 500 && (
          <Text size="xs" c="dimmed" p="md">
            Showing the first 500; narrow the filters to see the rest.
          </Text>
        )}
      </Paper>
      <ExceptionDrawer id={id} user={user} onClose={closeDrawer} />
    </>
  );
}
