// Add or change one price-list entry: SKU, price and the unit it is entered in (per each or per case).
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { formatUnitPrice } from "../../lib/money";
import { useSaveEntries } from "./api";
import { SaveError } from "./common";
import { SkuInput, useItemBySku } from "./SkuInput";
import type { PriceEntry } from "./types";
import { type Errors, hasErrors, priceError } from "./validation";

export function EntryForm({
  priceListId,
  currency,
  existing,
  onClose,
}: {
  priceListId: string;
  currency: string;
  existing?: PriceEntry;
  onClose: () => void;
}) {
  const save = useSaveEntries(priceListId);
  const [sku, setSku] = useState(existing?.sku ?? "");
  const [price, setPrice] = useState(existing?.enteredPrice ?? existing?.unitPrice ?? "");
  const [uom, setUom] = useState<string | null>(existing?.uom ?? null);
  const [errors, setErrors] = useState<Errors>({});
  const { exact: item, items } = useItemBySku(sku);
  const units = item ? [item.baseUnit, ...(item.caseFactor && item.caseFactor > 1 ? ["CS"] : [])] : [];

  const submit = () => {
    const next: Errors = {
      sku: !sku.trim() ? "Enter a SKU" : !item && !items.isFetching ? "No item with this SKU" : undefined,
      price: priceError(price),
    };
    setErrors(next);
    if (hasErrors(next)) return;
    const entry = {
      sku: sku.trim(),
      unitPrice: price.trim(),
      ...(uom && uom !== item?.baseUnit ? { uom } : {}),
    };
    save.mutate([entry], { onSuccess: onClose });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={existing ? `Change price of ${existing.sku}` : "Add an item"}
      size="md"
    >
      <Stack gap="md">
        <SkuInput
          label="SKU"
          placeholder="SKU or item name"
          value={sku}
          onChange={setSku}
          disabled={Boolean(existing)}
          error={errors.sku}
          description={
            item
              ? `${item.name} · list ${formatUnitPrice(item.listPrice, currency)}/${item.baseUnit}`
              : undefined
          }
          withAsterisk
          data-autofocus
          data-testid="entry-sku"
        />
        <SimpleGrid cols={2}>
          <TextInput
            label="Price"
            placeholder="Price"
            value={price}
            onChange={(e) => setPrice(e.currentTarget.value)}
            error={errors.price}
            withAsterisk
            inputMode="decimal"
            styles={{ input: { textAlign: "right" } }}
            data-testid="entry-price"
          />
          <Select
            label="Per"
            data={units.length ? units : [existing?.baseUnit ?? "EA"]}
            value={uom ?? item?.baseUnit ?? existing?.baseUnit ?? "EA"}
            onChange={setUom}
            allowDeselect={false}
          />
        </SimpleGrid>
        {uom === "CS" && item?.caseFactor ? (
          <Text size="xs" c="dimmed">
            A case is {item.caseFactor} {item.baseUnit}. Prices are stored per {item.baseUnit}; a case price
            that does not divide exactly to 4 decimals is refused with the nearest exact price.
          </Text>
        ) : null}
        <SaveError error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={save.isPending} data-testid="entry-save">
            Save price
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
