import { Alert, Button, Grid, Group, List, Paper, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconCalendar, IconCheck } from "@tabler/icons-react";
import dayjs from "dayjs";
import { type KeyboardEvent, useRef, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useCreateOrder } from "../../api/hooks";
import type { AccountDetail, NewOrderRequest } from "../../api/types";
import type { AccountOption } from "../../components/AccountSelect";
import { PageHeader } from "../../components/PageHeader";
import { formatMoney } from "../../lib/money";
import { CustomerSection } from "./CustomerSection";
import { LinesEditor } from "./LinesEditor";
import { isBlank, type LineDraft, newLine } from "./lineState";
import { OrderTotal } from "./OrderTotal";
import { describeOrderError } from "./orderErrors";
import { useLiveQuote } from "./useLiveQuote";

function Section({ title, children, flush }: { title: string; children: React.ReactNode; flush?: boolean }) {
  return (
    <Paper shadow="xs" p={flush ? 0 : "lg"}>
      <Title order={4} fz="md" mb={flush ? 0 : "md"} p={flush ? "lg" : 0} pb={flush ? "xs" : 0}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

export function NewOrderPage() {
  const navigate = useNavigate();
  const create = useCreateOrder();
  const [account, setAccount] = useState<AccountOption | null>(null);
  const [accountDetail, setAccountDetail] = useState<AccountDetail | null>(null);
  const [shipToId, setShipToId] = useState<string | null>(null);
  const [poNumber, setPoNumber] = useState("");
  const [shipDate, setShipDate] = useState<string | null>(null);
  const [notes, setNotes] = useState("");
  const [lines, setLines] = useState<LineDraft[]>(() => [newLine()]);
  const [localErrors, setLocalErrors] = useState<string[]>([]);
  const [accountError, setAccountError] = useState<string | undefined>();
  // One idempotency key per distinct request body, so a double click or a retry is not a second order.
  const attempt = useRef<{ body: string; key: string } | null>(null);

  const currency = accountDetail?.currency ?? "USD";
  const filled = lines.filter((l) => !isBlank(l));
  const live = useLiveQuote(account ? Number(account.id) : null, shipToId, lines);

  const problem = create.isError ? describeOrderError(create.error) : null;

  const submit = () => {
    if (create.isPending) return;
    const errors: string[] = [];
    if (!account) {
      setAccountError("Choose the account this order is for");
      errors.push("Choose an account.");
    }
    if (filled.length === 0) errors.push("Add at least one line with a SKU and a quantity.");
    filled.forEach((l) => {
      const n = lines.indexOf(l) + 1;
      if (!l.sku.trim()) errors.push(`Line ${n}: enter a SKU.`);
      if (l.quantity === "" || l.quantity < 1) errors.push(`Line ${n}: enter a quantity of at least 1.`);
    });
    setLocalErrors(errors);
    if (errors.length || !account) return;

    const body: NewOrderRequest = {
      accountId: Number(account.id),
      ...(shipToId ? { shipToId: Number(shipToId) } : {}),
      ...(poNumber.trim() ? { poNumber: poNumber.trim() } : {}),
      ...(shipDate ? { requestedShipDate: dayjs(shipDate).format("YYYY-MM-DD") } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      lines: filled.map((l) => ({ sku: l.sku.trim(), quantity: l.quantity as number })),
    };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { body: json, key: crypto.randomUUID() };
    create.mutate(
      { body, idempotencyKey: attempt.current.key },
      {
        onSuccess: (order) => {
          notifications.show({
            color: "teal",
            icon: <IconCheck size={16} />,
            title: `Order ${order.number} placed`,
            message: `${order.accountName} · ${formatMoney(order.total, order.currency)}`,
          });
          navigate(`/desk/orders/${order.id}`);
        },
      },
    );
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Ctrl+Enter shortcut for the whole form
    <div onKeyDown={onKeyDown}>
      <PageHeader
        title="New order"
        subtitle="Key a phone or email order. Stock is checked and allocated when you place it."
      />
      <Stack gap="lg">
        <Section title="Customer">
          <CustomerSection
            account={account}
            onAccount={(a) => {
              setAccount(a);
              setAccountError(undefined);
            }}
            shipToId={shipToId}
            onShipTo={setShipToId}
            onDetail={setAccountDetail}
            accountError={accountError}
          />
        </Section>

        <Section title="Order details">
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <TextInput
                label="Customer PO number"
                placeholder="e.g. PO-48213"
                value={poNumber}
                onChange={(e) => setPoNumber(e.currentTarget.value)}
                maxLength={50}
                data-testid="order-po"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
              <DateInput
                label="Requested ship date"
                placeholder="Any date"
                value={shipDate}
                onChange={setShipDate}
                minDate={dayjs().format("YYYY-MM-DD")}
                valueFormat="D MMM YYYY"
                clearable
                leftSection={<IconCalendar size={16} />}
                data-testid="order-ship-date"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Textarea
                label="Notes"
                placeholder="Delivery instructions, contact…"
                value={notes}
                onChange={(e) => setNotes(e.currentTarget.value)}
                autosize
                minRows={1}
                maxRows={4}
                maxLength={2000}
              />
            </Grid.Col>
          </Grid>
        </Section>

        <Section title="Lines" flush>
          <LinesEditor
            lines={lines}
            setLines={setLines}
            currency={currency}
            problems={problem?.skus ?? {}}
            priced={live.byKey}
            pricing={live.pending}
          />
        </Section>

        {(problem || localErrors.length > 0) && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title={problem?.title ?? "Please complete the order"}
            data-testid="order-error"
            data-code={create.error && "code" in create.error ? String(create.error.code) : undefined}
          >
            <List size="sm" spacing={2}>
              {(problem ? problem.lines : localErrors).map((line) => (
                <List.Item key={line}>{line}</List.Item>
              ))}
            </List>
          </Alert>
        )}

        <Paper shadow="xs" p="lg">
          <Group justify="space-between" wrap="wrap" gap="md">
            <OrderTotal
              live={live}
              lineCount={filled.length}
              currency={currency}
              hasAccount={Boolean(account)}
            />
            <Group gap="sm">
              <Button variant="default" component={Link} to="/desk/orders">
                Cancel
              </Button>
              <Button size="md" onClick={submit} loading={create.isPending} data-testid="place-order">
                Place order
              </Button>
            </Group>
          </Group>
        </Paper>
      </Stack>
    </div>
  );
}
