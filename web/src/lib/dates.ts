import dayjs from "dayjs";

/** "12 Mar 2025" for ISO timestamps or YYYY-MM-DD dates. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const d = dayjs(value);
  return d.isValid() ? d.format("D MMM YYYY") : value;
}

/** "12 Mar 2025, 14:05" */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "—";
  const d = dayjs(value);
  return d.isValid() ? d.format("D MMM YYYY, HH:mm") : value;
}
