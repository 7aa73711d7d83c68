// The receiving warehouse of a new purchase order, picked from the API's list ("CODE — Name").
// Keyboard: type a code or name; Enter, Ctrl+Enter or Tab takes the highlighted match (the first one
// unless the arrows moved it). Mantine alone can miss it: when typing opens the dropdown, its
// highlight index is reset a tick later while the first option still looks highlighted.
import { Select } from "@mantine/core";
import { type KeyboardEvent, useMemo } from "react";
import { errorMessage } from "../../components/States";
import { useWarehouses } from "./api";

/** Clicks the option the input's open dropdown highlights, else its first one; false when none. */
function takeMatch(input: HTMLInputElement): boolean {
  const listId = input.getAttribute("aria-controls");
  const list = listId ? document.getElementById(listId) : null;
  const option =
    list?.querySelector<HTMLElement>("[data-combobox-selected]") ??
    list?.querySelector<HTMLElement>("[data-combobox-option]");
  option?.click();
  return Boolean(option);
}

export function WarehouseSelect({
  value,
  onChange,
  error,
  testId,
}: {
  value: string | null;
  onChange: (code: string | null) => void;
  /** What is wrong with the choice (the form's check or the API's answer). */
  error?: string;
  testId?: string;
}) {
  const warehouses = useWarehouses();
  const options = useMemo(
    () => (warehouses.data ?? []).map((w) => ({ value: w.code, label: `${w.code} — ${w.name}` })),
    [warehouses.data],
  );
  const chosenLabel = options.find((o) => o.value === value)?.label ?? "";
  /** Text typed into the input that is not the chosen warehouse's label. */
  const typed = (input: HTMLInputElement) => input.value.trim() !== "" && input.value !== chosenLabel;

  return (
    <Select
      label="Receiving warehouse"
      description="Where the supplier delivers"
      placeholder={warehouses.isPending ? "Loading warehouses…" : "Code or name"}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      openOnFocus={false}
      selectFirstOptionOnChange
      allowDeselect={false}
      onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
        if (e.key !== "Enter" || !typed(e.currentTarget)) return;
        // Never submit the form with what was typed: take the match (Ctrl+Enter then submits).
        e.preventDefault();
        takeMatch(e.currentTarget);
      }}
      onBlur={(e) => {
        if (typed(e.currentTarget)) takeMatch(e.currentTarget);
      }}
      nothingFoundMessage={
        warehouses.isPending
          ? "Loading warehouses…"
          : warehouses.isError
            ? "Could not load the warehouses"
            : "No matching warehouse"
      }
      error={
        error ??
        (warehouses.isError ? `Could not load the warehouses: ${errorMessage(warehouses.error)}` : undefined)
      }
      withAsterisk
      data-testid={testId}
    />
  );
}
