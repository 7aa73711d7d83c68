// One button per resolution action; a button opens a small reason form (reason required, Enter
// submits, Shift+Enter for a new line). Server refusals (403 needs approval, 409 already resolved)
// are shown as they come.
import { Alert, Button, Group, Paper, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconLock } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { isApiError } from "../../api/client";
import { errorMessage } from "../../components/States";
import { type ExceptionDetail, useResolveException } from "./api";
import { actionMeta, roleLabel, typeLabel } from "./labels";

function ReasonForm({
  exception,
  action,
  onDone,
  onCancel,
}: {
  exception: ExceptionDetail;
  action: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const meta = actionMeta(action);
  const resolve = useResolveException(exception.id);
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const missing = reason.trim() === "";

  const submit = (ev?: FormEvent) => {
    ev?.preventDefault();
    setTouched(true);
    if (missing || resolve.isPending) return;
    resolve.mutate(
      { action, reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({
            color: "teal",
            title: `${typeLabel(exception.type)} resolved`,
            message: `${meta.label}${exception.data.orderNumber ? ` on ${exception.data.orderNumber}` : ""}.`,
          });
          onDone();
        },
      },
    );
  };

  const error = resolve.error;
  return (
    <Paper
      component="form"
      onSubmit={submit}
      p="md"
      bg="var(--mantine-color-gray-0)"
      data-testid="resolve-form"
      data-action={action}
    >
      <Stack gap="sm">
        <div>
          <Text fw={600} size="sm">
            {meta.label}
          </Text>
          {meta.effect && (
            <Text size="xs" c="dimmed">
              {meta.effect}
            </Text>
          )}
        </div>
        <Textarea
          label="Reason"
          description="Kept in the audit trail. Enter to submit, Shift+Enter for a new line."
          placeholder="Why this resolution?"
          required
          autoFocus
          autosize
          minRows={2}
          maxRows={6}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
            if (e.key === "Escape") onCancel();
          }}
          error={touched && missing ? "A reason is required" : undefined}
          data-testid="resolve-reason"
        />
        {error && (
          <Alert
            color="red"
            variant="light"
            icon={isApiError(error, "FORBIDDEN") ? <IconLock size={16} /> : <IconAlertTriangle size={16} />}
            title={
              isApiError(error, "FORBIDDEN")
                ? "Not allowed"
                : isApiError(error, "CONFLICT")
                  ? "Already closed"
                  : "Could not resolve"
            }
            data-testid="resolve-error"
            data-code={isApiError(error) ? error.code : undefined}
          >
            {errorMessage(error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={onCancel}>
            Cancel
          </Button>
          <Button
            type="submit"
            size="xs"
            color={meta.color}
            loading={resolve.isPending}
            data-testid="resolve-submit"
          >
            {meta.label}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function ResolveActions({ exception }: { exception: ExceptionDetail }) {
  const [action, setAction] = useState<string | null>(null);
  if (exception.status !== "open") return null;
  return (
    <Stack gap="sm" data-testid="resolve-actions">
      {exception.approvalRole && (
        <Text size="xs" c="grape.8">
          <IconLock size={12} style={{ verticalAlign: -1, marginRight: 4 }} />
          Approving needs {roleLabel(exception.approvalRole).toLowerCase()} (level {exception.approvalLevel}).
        </Text>
      )}
      <Group gap="xs">
        {exception.actions.map((a) => {
          const meta = actionMeta(a);
          const active = action === a;
          return (
            <Button
              key={a}
              size="xs"
              color={meta.color}
              variant={active ? "filled" : meta.destructive ? "outline" : "light"}
              onClick={() => setAction(active ? null : a)}
              data-testid={`action-${a}`}
              title={meta.effect}
            >
              {meta.label}
            </Button>
          );
        })}
      </Group>
      {action && (
        <ReasonForm
          key={action}
          exception={exception}
          action={action}
          onDone={() => setAction(null)}
          onCancel={() => setAction(null)}
        />
      )}
    </Stack>
  );
}
