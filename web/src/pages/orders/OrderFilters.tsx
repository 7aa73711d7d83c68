import { Button, Group, Select, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconFilterOff, IconSearch } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import type { OrderListParams } from "../../api/hooks";
import { useAccount } from "../../api/hooks";
import { ORDER_STATUSES, type OrderSort, sameId } from "../../api/types";
import { type AccountOption, AccountSelect } from "../../components/AccountSelect";
import { STATUS_META } from "../../lib/status";

const STATUS_OPTIONS = ORDER_STATUSES.map((s) => ({ value: s, label: STATUS_META[s].label }));
const SORT_OPTIONS: { value: OrderSort; label: string }[] = [
  { value: "-orderedAt", label: "Newest first" },
  { value: "orderedAt", label: "Oldest first" },
  { value: "-total", label: "Largest total" },
  { value: "total", label: "Smallest total" },
  { value: "-number", label: "Order number, descending" },
  { value: "number", label: "Order number, ascending" },
];

export function OrderFilters({
  params,
  update,
  showAccount,
  showSort,
}: {
  params: OrderListParams;
  update: (changes: Partial<Record<keyof OrderListParams, string | undefined>>) => void;
  showAccount: boolean;
  /** On phones the table headers (which sort) are not shown, so offer a sort picker. */
  showSort?: boolean;
}) {
  const [text, setText] = useState(params.q ?? "");
  const pushSearch = useDebouncedCallback((value: string) => update({ q: value.trim() || undefined }), 300);

  // Keep the box in step when the URL changes from outside (Back, "Clear filters").
  // biome-ignore lint/correctness/useExhaustiveDependencies: only react to URL changes
  useEffect(() => {
    if ((params.q ?? "") !== text.trim()) setText(params.q ?? "");
  }, [params.q]);

  // Label for an account id that came from the URL.
  const [account, setAccount] = useState<AccountOption | null>(null);
  const fromUrl = useAccount(
    showAccount && params.accountId && !sameId(account?.id, params.accountId) ? params.accountId : null,
  );
  const selectedAccount =
    params.accountId && sameId(account?.id, params.accountId)
      ? account
      : params.accountId && fromUrl.data
        ? { id: fromUrl.data.id, number: fromUrl.data.number, name: fromUrl.data.name }
        : null;

  const filtered = Boolean(params.q || params.status || params.accountId);

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        aria-label="Search orders"
        placeholder={showAccount ? "Search order #, PO, account…" : "Search order # or PO…"}
        leftSection={<IconSearch size={16} />}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          pushSearch(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            pushSearch.cancel();
            update({ q: text.trim() || undefined });
          }
        }}
        w={{ base: "100%", sm: 280 }}
        data-testid="order-search"
      />
      <Select
        aria-label="Status"
        placeholder="All statuses"
        data={STATUS_OPTIONS}
        value={params.status ?? null}
        onChange={(value) => update({ status: value ?? undefined })}
        clearable
        w={{ base: "100%", sm: 170 }}
        data-testid="status-filter"
      />
      {showAccount && (
        <AccountSelect
          aria-label="Account"
          placeholder="All accounts"
          value={selectedAccount}
          onChange={(a) => {
            setAccount(a);
            update({ accountId: a ? String(a.id) : undefined });
          }}
          w={{ base: "100%", sm: 260 }}
          data-testid="account-filter"
        />
      )}
      {showSort && (
        <Select
          aria-label="Sort"
          data={SORT_OPTIONS}
          value={params.sort}
          onChange={(value) => update({ sort: value ?? undefined })}
          allowDeselect={false}
          w={{ base: "100%", sm: 220 }}
        />
      )}
      {filtered && (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={16} />}
          onClick={() => {
            setText("");
            setAccount(null);
            update({ q: undefined, status: undefined, accountId: undefined });
          }}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
