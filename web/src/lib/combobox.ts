/**
 * True when the dropdown controlled by this combobox input has no highlighted option.
 * Server-searched pickers use it so Enter takes the first match: Mantine's own
 * "select first option" runs on typing, before the server's results have arrived.
 */
export function noOptionHighlighted(input: HTMLInputElement): boolean {
  const listId = input.getAttribute("aria-controls");
  const list = listId ? document.getElementById(listId) : null;
  return !list?.querySelector("[data-combobox-selected]");
}
