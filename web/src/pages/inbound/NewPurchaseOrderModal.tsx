// Record a purchase order to a supplier (admin and warehouse): number, supplier, receiving warehouse
// (picked from the API's list, WarehouseSelect), expected date and lines. The API's refusals (unknown
// SKU or warehouse, a number used before) are shown at the field they are about.
import { Alert, Button, Group, Modal, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import { IconAlertTriangle, IconCalendar } from "@tabler/icons-react";
import dayjs from "dayjs";
import { type FormEvent, useState } from "react";
import { isApiError } from "../../api/client";
import { errorMessage } from "../../components/States";
import { type PurchaseOrder, useCreatePurchaseOrder } from "./api";
import { newPoLine, type PoLineDraft, PoLinesEditor } from "./PoLinesEditor";
import { WarehouseSelect } from "./WarehouseSelect";

type FieldErrors = { number?: string; supplier?: string; warehouseCode?: string; expectedDate?: string };
type LineErrors = Record<number, { sku?: string; quantity?: string }>;

export function NewPurchaseOrderModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (po: PurchaseOrder) => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="New purchase order" size="xl">
      <NewPurchaseOrderForm onCancel={onClose} onCreated={onCreated} />
    </Modal>
  );
}

function NewPurchaseOrderForm({
  onCancel,
  onCreated,
}: {
  onCancel: () => void;
  onCreated: (po: PurchaseOrder) => void;
}) {
  const create = useCreatePurchaseOrder();
  const [number, setNumber] = useState("");
  const [supplier, setSupplier] = useState("");
  const [warehouseCode, setWarehouseCode] = useState<string | null>(null);
  const [expectedDate, setExpectedDate] = useState<string | null>(
    dayjs().add(14, "day").format("YYYY-MM-DD"),
  );
  const [lines, setLines] = useState<PoLineDraft[]>(() => [newPoLine()]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [lineErrors, setLineErrors] = useState<LineErrors>({});
  const [failure, setFailure] = useState<string | null>(null);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const filled = lines.filter((l) => l.sku.trim() || l.quantity !== "");
    const nextErrors: FieldErrors = {
      number: number.trim() ? undefined : "Enter the purchase order number",
      supplier: supplier.trim() ? undefined : "Enter the supplier",
      warehouseCode: warehouseCode ? undefined : "Choose the receiving warehouse",
      expectedDate: expectedDate ? undefined : "Choose the expected date",
    };
    const nextLineErrors: LineErrors = {};
    for (const l of filled) {
      const sku = l.sku.trim() ? undefined : "Enter a SKU";
      const quantity =
        typeof l.quantity === "number" && Number.isInteger(l.quantity) && l.quantity > 0
          ? undefined
          : "Enter a quantity";
      if (sku || quantity) nextLineErrors[l.key] = { sku, quantity };
    }
    if (filled.length === 0 && lines[0]) nextLineErrors[lines[0].key] = { sku: "Add at least one line" };
    setErrors(nextErrors);
    setLineErrors(nextLineErrors);
    setFailure(null);
    if (!warehouseCode || Object.values(nextErrors).some(Boolean) || Object.keys(nextLineErrors).length > 0)
      return;
    create.mutate(
      {
        number: number.trim(),
        supplier: supplier.trim(),
        warehouseCode,
        expectedDate: dayjs(expectedDate).format("YYYY-MM-DD"),
        lines: filled.map((l) => ({ sku: l.sku.trim(), quantity: Number(l.quantity) })),
      },
      {
        onSuccess: (po) => {
          notifications.show({ color: "teal", message: `Purchase order ${po.number} recorded` });
          onCreated(po);
        },
        onError: (error) => showRefusal(error, filled),
      },
    );
  };

  /** Puts the API's message at the field it is about, or above the buttons. */
  const showRefusal = (error: unknown, filled: PoLineDraft[]) => {
    const message = errorMessage(error);
    if (isApiError(error, "UNKNOWN_SKU")) {
      const unknown = new Set(((error.data as { skus?: string[] })?.skus ?? []).map((s) => s.toUpperCase()));
      const marked: LineErrors = {};
      for (const l of filled) {
        if (unknown.has(l.sku.trim().toUpperCase())) marked[l.key] = { sku: "Unknown SKU" };
      }
      setLineErrors(marked);
      if (Object.keys(marked).length === 0) setFailure(message);
    } else if (isApiError(error) && error.status === 409) {
      setErrors({ number: message });
    } else if (isApiError(error) && (error.data as { warehouseCode?: string })?.warehouseCode) {
      setErrors({ warehouseCode: message });
    } else {
      setFailure(message);
    }
  };

  return (
    <form
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return;
        if (e.defaultPrevented) {
          // A picker (warehouse, SKU) took this Enter to choose its highlighted option: submit once
          // that choice is in the form's state.
          const form = e.currentTarget;
          setTimeout(() => form.requestSubmit());
        } else {
          submit(e);
        }
      }}
      noValidate
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="PO number"
            description="The purchasing system's number"
            placeholder="e.g. PO-10452"
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            error={errors.number}
            withAsterisk
            data-autofocus
            data-testid="po-number"
          />
          <TextInput
            label="Supplier"
            description="Who ships it"
            placeholder="e.g. Acme Supply Co."
            value={supplier}
            onChange={(e) => setSupplier(e.currentTarget.value)}
            error={errors.supplier}
            withAsterisk
            data-testid="po-supplier"
          />
          <WarehouseSelect
            value={warehouseCode}
            onChange={setWarehouseCode}
            error={errors.warehouseCode}
            testId="po-warehouse"
          />
          <DateInput
            label="Expected"
            description="Backorders of these items get this date as their ETA"
            value={expectedDate}
            onChange={setExpectedDate}
            valueFormat="D MMM YYYY"
            leftSection={<IconCalendar size={16} />}
            error={errors.expectedDate}
            withAsterisk
            data-testid="po-expected"
          />
        </SimpleGrid>
        <PoLinesEditor lines={lines} setLines={setLines} errors={lineErrors} />
        {failure && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="Not recorded"
            data-testid="po-create-error"
          >
            {failure}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="po-create">
            Record purchase order
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
