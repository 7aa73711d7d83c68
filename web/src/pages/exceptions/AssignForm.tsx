// Hand an open exception to a role (or take it yourself), with an optional note for the audit trail.
import { Alert, Button, Group, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconUserCheck } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { ROLES, type Role, type SessionUser } from "../../api/types";
import { errorMessage } from "../../components/States";
import { type ExceptionDetail, useAssignException } from "./api";
import { roleLabel } from "./labels";

const STAFF_ROLES = ROLES.filter((r) => r !== "buyer");

export function AssignForm({ exception, user }: { exception: ExceptionDetail; user: SessionUser }) {
  const assign = useAssignException(exception.id);
  const [role, setRole] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const mine = exception.ownerUserId !== null && String(exception.ownerUserId) === String(user.id);

  const done = (who: string) => {
    notifications.show({ color: "teal", title: "Reassigned", message: `Now owned by ${who}.` });
    setRole(null);
    setReason("");
  };

  const submit = (ev?: FormEvent) => {
    ev?.preventDefault();
    if (!role || assign.isPending) return;
    assign.mutate(
      { role: role as Role, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      { onSuccess: () => done(roleLabel(role).toLowerCase()) },
    );
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
            placeholder="Choose a team"
            data={STAFF_ROLES.filter((r) => r !== exception.ownerRole || exception.ownerUserId !== null).map(
              (r) => ({ value: r, label: roleLabel(r) }),
            )}
            value={role}
            onChange={setRole}
            w={180}
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
          <Button type="submit" size="xs" variant="light" disabled={!role} loading={assign.isPending}>
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
