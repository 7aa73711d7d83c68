import { Grid, Group, Select, SimpleGrid, Skeleton, Text } from "@mantine/core";
import { IconMapPin } from "@tabler/icons-react";
import { useEffect } from "react";
import { useAccount } from "../../api/hooks";
import type { AccountDetail, ShipTo } from "../../api/types";
import { type AccountOption, AccountSelect } from "../../components/AccountSelect";
import { formatMoney } from "../../lib/money";

function address(s: ShipTo): string {
  return [s.line1, s.city, [s.region, s.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ");
}

function AccountFacts({ account }: { account: AccountDetail }) {
  const fact = (label: string, value: string | null) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value || "—"}
      </Text>
    </div>
  );
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" mt="md" data-testid="account-facts">
      {fact("Group", account.groupName)}
      {fact("Terms", account.paymentTerms)}
      {fact("Credit limit", account.creditLimit ? formatMoney(account.creditLimit, account.currency) : null)}
      {fact("Sales rep", account.repName)}
    </SimpleGrid>
  );
}

export function CustomerSection({
  account,
  onAccount,
  shipToId,
  onShipTo,
  onDetail,
  accountError,
}: {
  account: AccountOption | null;
  onAccount: (account: AccountOption | null) => void;
  shipToId: string | null;
  onShipTo: (id: string | null) => void;
  onDetail: (detail: AccountDetail | null) => void;
  accountError?: string;
}) {
  const detail = useAccount(account?.id);
  const shipTos = detail.data?.shipTos ?? [];

  // Pick the first ship-to by default; report the account's detail (currency) upwards.
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to a newly loaded account only
  useEffect(() => {
    onDetail(detail.data ?? null);
    if (detail.data && !detail.data.shipTos.some((s) => String(s.id) === shipToId)) {
      onShipTo(detail.data.shipTos[0] ? String(detail.data.shipTos[0].id) : null);
    }
  }, [detail.data]);

  const selected = shipTos.find((s) => String(s.id) === shipToId);

  return (
    <>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <AccountSelect
            label="Account"
            placeholder="Search by name or account number"
            value={account}
            onChange={(a) => {
              onAccount(a);
              onShipTo(null);
            }}
            withAsterisk
            error={accountError}
            autoFocus
            data-testid="order-account"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Select
            label="Ship to"
            placeholder={
              account
                ? detail.isPending
                  ? "Loading ship-tos…"
                  : "Choose a ship-to"
                : "Choose an account first"
            }
            disabled={!account || detail.isPending}
            data={shipTos.map((s) => ({ value: String(s.id), label: `${s.name} (${s.code})` }))}
            value={shipToId}
            onChange={onShipTo}
            searchable
            allowDeselect={false}
            leftSection={<IconMapPin size={16} />}
            nothingFoundMessage="No ship-to matches"
            description={selected ? address(selected) : undefined}
            data-testid="order-ship-to"
          />
        </Grid.Col>
      </Grid>
      {account &&
        (detail.isPending ? (
          <Group mt="md" gap="xl">
            <Skeleton h={36} w={120} />
            <Skeleton h={36} w={120} />
            <Skeleton h={36} w={120} />
          </Group>
        ) : detail.data ? (
          <AccountFacts account={detail.data} />
        ) : null)}
    </>
  );
}
