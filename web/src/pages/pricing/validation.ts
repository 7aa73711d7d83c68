// Client-side checks that mirror the pricing API's Zod schemas (src/modules/pricing/api-schemas.ts),
// so a form says what is wrong next to the field before the server is asked. Strings only: a price is
// never turned into a number.
import { ApiError } from "../../api/client";
import { useSession } from "../../api/hooks";
import type { Role } from "../../api/types";

export const PRICING_WRITERS: readonly Role[] = ["admin", "sales_manager", "finance"];

/** True when the signed-in user may change prices (others get a read-only view). */
export function useCanWritePricing(): boolean {
  const role = useSession().data?.user?.role;
  return role !== undefined && PRICING_WRITERS.includes(role);
}

export type Errors = Record<string, string | undefined>;

export function priceError(value: string, label = "price"): string | undefined {
  const v = value.trim();
  if (!v) return `Enter a ${label}`;
  if (!/^\d{1,10}(\.\d{1,4})?$/.test(v)) return `Enter a ${label} like 12.50 (digits, up to 4 decimals)`;
  return undefined;
}

export function percentError(value: string): string | undefined {
  const v = value.trim();
  if (!v) return "Enter a percentage";
  if (!/^\d{1,3}(\.\d{1,4})?$/.test(v)) return "Enter a percentage like 12.5";
  const [whole] = v.split(".");
  if (Number.parseInt(whole, 10) > 100 || (whole === "100" && /[1-9]/.test(v.split(".")[1] ?? "")))
    return "A percentage cannot be more than 100";
  return undefined;
}

export function moneyError(value: string, required = false): string | undefined {
  const v = value.trim();
  if (!v) return required ? "Enter an amount" : undefined;
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(v)) return "Enter an amount like 250 or 250.00";
  return undefined;
}

export function currencyError(value: string, required = true): string | undefined {
  if (!value) return required ? "Choose a currency" : undefined;
  return /^[A-Z]{3}$/.test(value) ? undefined : "A three-letter code like USD";
}

export function datesError(from: string | null, to: string | null): string | undefined {
  return from && to && from > to ? "Ends before it starts" : undefined;
}

export const CURRENCIES = ["USD", "CAD", "EUR", "GBP", "MXN", "JPY"];

export function hasErrors(errors: Errors): boolean {
  return Object.values(errors).some(Boolean);
}

/** A failed save as a title and lines for an alert (server validation issues spelled out). */
export function describeSaveError(error: unknown): { title: string; lines: string[] } {
  if (!(error instanceof ApiError)) return { title: "Not saved", lines: [String((error as Error)?.message)] };
  const data = (error.data ?? {}) as Record<string, unknown>;
  const lines: string[] = [];
  if (Array.isArray(data.issues)) {
    for (const i of data.issues as { path?: string | (string | number)[]; message?: string }[]) {
      const path = Array.isArray(i.path) ? i.path.join(".") : (i.path ?? "");
      lines.push(`${path.replace(/^body\.?/, "") || "request"}: ${i.message ?? "invalid"}`);
    }
  }
  if (Array.isArray(data.errors)) {
    for (const e of data.errors as { index?: number; sku?: string; message?: string }[]) {
      lines.push(e.message ?? JSON.stringify(e));
    }
  }
  if (!lines.length) lines.push(error.message);
  if (error.code === "FORBIDDEN") return { title: "Not allowed", lines };
  return { title: "Not saved — please check", lines };
}
