// Hand an open exception to a team (role) or a colleague, or take it yourself, with an optional note
// for the audit trail.
import { Alert, Button, Group, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconUserCheck } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { ROLES, type Role, type SessionUser } from "../../api/types";
import { errorMessage } from "../../components/States";
import { type ExceptionDetail, useAssignException, useStaff } from "./api";
import { roleLabel } from "./labels";

const STAFF_ROLES = ROLES.filter((r) => r !== "buyer");

export function AssignForm({ exception, user }: { exception: ExceptionDetail; user: SessionUser }) {
  const assign = useAssignException(exception.id);
  const staff = useStaff(exception.status === "open");
  // "role:<role>" or "user:<id>"
  const [target, setTarget] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const mine = exception.ownerUserId !== null && String(exception.ownerUserId) === String(user.id);

  const done = (who: string) => {
    notifications.show({ color: "teal", title: "Reassigned", message: `Now owned by ${who}.` });
    setTarget(null);
    setReason("");
  };

  const submit = (ev?: FormEvent) => {
    ev?.preventDefault();
    if (!target || assign.isPending) return;
    const note = reason.trim() ? { reason: reason.trim() } : {};
    const [kind, value] = target.split(":");
    if (kind === "user") {
      const person = staff.data?.find((m) => String(m.id) === value);
      assign.mutate({ userId: Number(value), ...note }, { onSuccess: () => done(person?.name ?? "them") });
    } else {
      assign.mutate(
        { role: value as Role, ...note },
        { onSuccess: () => done(roleLabel(value).toLowerCase()) },
      );
    }
  };

  const takeIt = () =>
    assign.mutate(
      { userId: Number(user.id), ...(reason.trim() ? { reason: reason.trim() } : {}) },
      { onSuccess: () => done("you") },
    );

  if (exception.status !== "open") return null;
  return (
    <form onSubmit={submit} data-testid="assign-form">
      <Stack gap="xs">
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Select
            label="Reassign to"
            placeholder="A team or a person"
            searchable
            data={[
              {
                group: "Teams",
                items: STAFF_ROLES.filter(
                  (r) => r !== exception.ownerRole || exception.ownerUserId !== null,
                ).map((r) => ({ value: `role:${r}`, label: roleLabel(r) })),
              },
              {
                group: "People",
                items: (staff.data ?? [])
                  .filter((m) => String(m.id) !== String(exception.ownerUserId ?? ""))
                  .map((m) => ({
                    value: `user:${m.id}`,
                    label: `${m.name} · ${roleLabel(m.role).toLowerCase()}`,
                  })),
              },
            ]}
            value={target}
            onChange={setTarget}
            w={220}
            size="xs"
            comboboxProps={{ withinPortal: true }}
            data-testid="assign-role"
          />
          <TextInput
            label="Note (optional)"
            placeholder="e.g. needs a manager's call"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={2000}
            size="xs"
            style={{ flex: 1, minWidth: 160 }}
            data-testid="assign-reason"
          />
          <Button type="submit" size="xs" variant="light" disabled={!target} loading={assign.isPending}>
            Reassign
          </Button>
          {!mine && (
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconUserCheck size={14} />}
              onClick={takeIt}
              disabled={assign.isPending}
              data-testid="assign-me"
            >
              Assign to me
            </Button>
          )}
        </Group>
        {assign.isError && (
          <Alert color="red" variant="light" p="xs" data-testid="assign-error">
            {errorMessage(assign.error)}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
