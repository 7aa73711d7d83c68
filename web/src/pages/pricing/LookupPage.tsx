// Price lookup: what does account X pay for item Y at quantity Q on date D, and why.
import { Alert, Box, Divider, Grid, Group, NumberInput, Paper, Stack, Text, Title } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useDebouncedValue } from "@mantine/hooks";
import { IconAlertTriangle, IconCalendar, IconSearch } from "@tabler/icons-react";
import dayjs from "dayjs";
import { useState } from "react";
import type { AccountOption } from "../../components/AccountSelect";
import { AccountSelect } from "../../components/AccountSelect";
import { PageHeader } from "../../components/PageHeader";
import { EmptyState, errorMessage } from "../../components/States";
import { formatMoney, formatUnitPrice } from "../../lib/money";
import { type LookupParams, useLookup } from "./api";
import { SkuInput, useItemBySku } from "./SkuInput";
import { IssueList, LastPaidNote, Waterfall } from "./Waterfall";

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} className="num" ta="left" data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

export function LookupPage() {
  const [account, setAccount] = useState<AccountOption | null>(null);
  const [sku, setSku] = useState("");
  const [quantity, setQuantity] = useState<number | "">(1);
  const [date, setDate] = useState<string | null>(dayjs().format("YYYY-MM-DD"));
  const { exact: item } = useItemBySku(sku);

  const ready = account && item && typeof quantity === "number" && quantity > 0;
  const wanted: LookupParams | null = ready
    ? {
        accountId: Number(account.id),
        sku: item.sku,
        quantity,
        ...(date ? { date: dayjs(date).format("YYYY-MM-DD") } : {}),
      }
    : null;
  const [params] = useDebouncedValue(wanted, 250);
  const lookup = useLookup(params);
  const quote = lookup.data;
  const line = quote?.line;

  return (
    <>
      <PageHeader
        title="Price lookup"
        subtitle="What an account pays for an item at a quantity and date, and which rules set the price."
      />
      <Stack gap="lg">
        <Paper shadow="xs" p="lg">
          <Grid gap="md" align="flex-start">
            <Grid.Col span={{ base: 12, md: 4 }}>
              <AccountSelect
                label="Account"
                placeholder="Search by name or account number"
                value={account}
                onChange={setAccount}
                autoFocus
                data-testid="lookup-account"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
              <SkuInput
                label="Item"
                placeholder="SKU or item name"
                value={sku}
                onChange={setSku}
                leftSection={<IconSearch size={16} />}
                data-testid="lookup-sku"
              />
              {item && (
                <Text size="xs" c="dimmed" mt={4} lineClamp={1} data-testid="lookup-item-name">
                  {item.name} · list {formatUnitPrice(item.listPrice)}/{item.baseUnit}
                </Text>
              )}
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
              <NumberInput
                label="Quantity"
                value={quantity}
                onChange={(v) => setQuantity(typeof v === "number" ? v : "")}
                allowDecimal={false}
                allowNegative={false}
                min={1}
                max={1_000_000}
                thousandSeparator=","
                rightSection={
                  <Text size="xs" c="dimmed" pr={8}>
                    {item?.baseUnit ?? ""}
                  </Text>
                }
                hideControls
                data-testid="lookup-qty"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3, md: 3 }}>
              <DateInput
                label="Pricing date"
                value={date}
                onChange={setDate}
                valueFormat="D MMM YYYY"
                leftSection={<IconCalendar size={16} />}
                data-testid="lookup-date"
              />
            </Grid.Col>
          </Grid>
        </Paper>

        {!params ? (
          <Paper shadow="xs">
            <EmptyState
              icon={<IconSearch size={28} stroke={1.5} />}
              title="Choose an account and an item"
              description="The price, its explanation and the last price paid appear here."
            />
          </Paper>
        ) : lookup.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="No price">
            {errorMessage(lookup.error)}
          </Alert>
        ) : line && quote ? (
          <Paper
            shadow="xs"
            p="lg"
            data-testid="lookup-result"
            style={{ opacity: lookup.isFetching ? 0.6 : 1 }}
          >
            <Grid gap="xl">
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Text size="sm" fw={600} lineClamp={2}>
                  {quote.item?.name ?? line.sku}
                </Text>
                <Text size="sm" c="dimmed">
                  {quote.accountName} · <span className="mono">{line.sku}</span> · {line.quantity} {line.uom}{" "}
                  on {dayjs(quote.date).format("D MMM YYYY")}
                </Text>
                <Group gap="xl" mt="md">
                  <Figure
                    label={`Unit price / ${line.uom}`}
                    value={formatUnitPrice(line.unitPrice, quote.currency)}
                    testId="lookup-unit-price"
                  />
                  <Figure
                    label="Extended"
                    value={formatMoney(line.extendedAmount, quote.currency)}
                    testId="lookup-extended"
                  />
                </Group>
                <Divider my="md" />
                <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={6}>
                  Last price paid
                </Text>
                <LastPaidNote line={line} currency={quote.currency} />
                <Box mt="md">
                  <IssueList issues={quote.violations} kind="violation" />
                  <IssueList issues={quote.warnings} kind="warning" />
                </Box>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 7 }}>
                <Title order={4} fz="md" mb="sm">
                  How this price was set
                </Title>
                <Waterfall line={line} currency={quote.currency} />
              </Grid.Col>
            </Grid>
          </Paper>
        ) : (
          <Paper shadow="xs" p="lg">
            <Text c="dimmed" size="sm">
              Pricing…
            </Text>
          </Paper>
        )}
      </Stack>
    </>
  );
}
