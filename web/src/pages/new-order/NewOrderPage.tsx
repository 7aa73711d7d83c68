import { Alert, Button, Grid, Group, List, Paper, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconCalendar, IconCheck } from "@tabler/icons-react";
import dayjs from "dayjs";
import { type KeyboardEvent, useRef, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { usePlaceOrder } from "../../api/hooks";
import type { AccountDetail, IntakeException, OrderRequestBody } from "../../api/types";
import type { AccountOption } from "../../components/AccountSelect";
import { PageHeader } from "../../components/PageHeader";
import { formatMoney } from "../../lib/money";
import { CustomerSection } from "./CustomerSection";
import { LinesEditor } from "./LinesEditor";
import { isBlank, type LineDraft, newLine } from "./lineState";
import { OrderCheck } from "./OrderCheck";
import { OrderTotal } from "./OrderTotal";
import { describeOrderError } from "./orderErrors";
import { useLiveCheck } from "./useLiveCheck";

/** What a blocking exception waits for, in a few words (the order page has the details). */
function holdLabel(e: IntakeException): string {
  const what: Record<string, string> = {
    credit_hold: "credit approval",
    backorder: "stock (the account ships complete)",
    duplicate_po: "a duplicate PO check",
    price_discrepancy: "a price approval",
    below_moq: "a pack or minimum review",
    unresolved_item: "an item to be identified",
  };
  const role = e.approvalRole ?? e.ownerRole;
  return `${what[e.type] ?? e.type.replaceAll("_", " ")}${role ? ` (${role.replaceAll("_", " ")})` : ""}`;
}

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
  const create = usePlaceOrder();
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
  const requestedShipDate = shipDate ? dayjs(shipDate).format("YYYY-MM-DD") : null;
  const live = useLiveCheck(
    { accountId: account ? Number(account.id) : null, shipToId, poNumber, requestedShipDate },
    lines,
  );

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

    const body: OrderRequestBody = {
      accountId: Number(account.id),
      ...(shipToId ? { shipToId: Number(shipToId) } : {}),
      ...(poNumber.trim() ? { poNumber: poNumber.trim() } : {}),
      ...(requestedShipDate ? { requestedShipDate } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      lines: filled.map((l) => ({
        sku: l.item?.sku ?? l.sku.trim(),
        quantity: l.quantity as number,
        ...(l.uom ? { uom: l.uom } : {}),
      })),
    };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { body: json, key: crypto.randomUUID() };
    create.mutate(
      { body, idempotencyKey: attempt.current.key },
      {
        onSuccess: ({ order, intake }) => {
          const holds = (intake?.exceptions ?? []).filter((e) => e.blocking);
          const held = order.status === "on_hold";
          notifications.show({
            color: held ? "orange" : "teal",
            icon: held ? <IconAlertTriangle size={16} /> : <IconCheck size={16} />,
            title: held ? `Order ${order.number} placed, on hold` : `Order ${order.number} placed`,
            message: `${order.accountName} · ${formatMoney(order.total, order.currency)}${
              holds.length ? ` · waiting on ${holds.map(holdLabel).join(", ")}` : ""
            }`,
            autoClose: held ? 10_000 : 5_000,
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
        subtitle="Key a phone or email order. Price, stock, promise date and credit are checked as you type; stock is allocated when you place it."
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
            checks={live.byKey}
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

        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <OrderCheck live={live} hasAccount={Boolean(account)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper shadow="xs" p="lg" h="100%">
              <Stack justify="space-between" h="100%" gap="lg">
                <OrderTotal
                  live={live}
                  lineCount={filled.length}
                  currency={currency}
                  hasAccount={Boolean(account)}
                />
                <Group gap="sm" justify="flex-end">
                  <Button variant="default" component={Link} to="/desk/orders">
                    Cancel
                  </Button>
                  <Button size="md" onClick={submit} loading={create.isPending} data-testid="place-order">
                    Place order
                  </Button>
                </Group>
              </Stack>
            </Paper>
          </Grid.Col>
        </Grid>
      </Stack>
    </div>
  );
}
