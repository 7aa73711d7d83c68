import { ApiError } from "../../api/client";

export interface OrderProblem {
  title: string;
  lines: string[];
  /** Upper-cased SKUs that the server complained about, to mark their rows. */
  skus: Record<string, string>;
}

interface ValidationIssue {
  path?: (string | number)[] | string;
  message?: string;
  instancePath?: string;
}

function describePath(path: ValidationIssue["path"] | undefined): string {
  if (!path) return "";
  const all = Array.isArray(path) ? path : String(path).split(/[./]/).filter(Boolean);
  const parts = all[0] === "body" ? all.slice(1) : all;
  // lines.2.quantity -> "Line 3, quantity"
  if (parts[0] === "lines" && parts.length >= 2 && /^\d+$/.test(String(parts[1]))) {
    const rest = parts.slice(2).join(" ");
    return `Line ${Number(parts[1]) + 1}${rest ? `, ${rest}` : ""}`;
  }
  return parts.map(String).join(" ");
}

/** Turns a failed POST /api/orders into text an order-desk clerk can act on. */
export function describeOrderError(error: unknown): OrderProblem {
  if (!(error instanceof ApiError)) {
    return {
      title: "The order was not placed",
      lines: [String((error as Error)?.message ?? error)],
      skus: {},
    };
  }
  const data = (error.data ?? {}) as Record<string, unknown>;
  switch (error.code) {
    case "INSUFFICIENT_STOCK": {
      const sku = String(data.sku ?? "");
      const requested = data.requested !== undefined ? String(data.requested) : "?";
      const available = data.available !== undefined ? String(data.available) : "?";
      const text = `Not enough stock for ${sku}: ${requested} requested, ${available} available.`;
      return {
        title: "Not enough stock",
        lines: [text, "Lower the quantity or remove the line, then place the order again."],
        skus: sku ? { [sku.toUpperCase()]: `Only ${available} available` } : {},
      };
    }
    case "UNKNOWN_SKU": {
      const skus = Array.isArray(data.skus) ? data.skus.map(String) : [];
      return {
        title: skus.length === 1 ? "Unknown SKU" : "Unknown SKUs",
        lines: [
          skus.length ? `No active item has the SKU ${skus.join(", ")}.` : error.message,
          "Check the code or look the item up by name.",
        ],
        skus: Object.fromEntries(skus.map((s) => [s.toUpperCase(), "Unknown SKU"])),
      };
    }
    case "VALIDATION_FAILED": {
      const issues = Array.isArray(data.issues) ? (data.issues as ValidationIssue[]) : [];
      return {
        title: "Please check the order",
        lines: issues.length
          ? issues.map((i) => {
              const where = describePath(i.path ?? i.instancePath);
              return where ? `${where}: ${i.message ?? "invalid"}` : (i.message ?? "invalid");
            })
          : [error.message],
        skus: {},
      };
    }
    case "PRICING_VIOLATION": {
      const violations = Array.isArray(data.violations)
        ? (data.violations as { code?: string; message?: string; data?: Record<string, unknown> }[])
        : [];
      const skus: Record<string, string> = {};
      for (const v of violations) {
        const sku = v.data?.sku;
        if (typeof sku === "string") skus[sku.toUpperCase()] = v.message ?? "Pricing problem";
      }
      return {
        title: "Pricing rules refuse this order",
        lines: violations.length ? violations.map((v) => v.message ?? String(v.code)) : [error.message],
        skus,
      };
    }
    case "UNKNOWN_ACCOUNT":
    case "UNKNOWN_SHIP_TO":
    case "IDEMPOTENCY_CONFLICT":
      return { title: "The order was not placed", lines: [error.message], skus: {} };
    case "FORBIDDEN":
      return { title: "Not allowed", lines: [error.message || "Your role may not place orders."], skus: {} };
    default:
      return { title: "The order was not placed", lines: [error.message], skus: {} };
  }
}
