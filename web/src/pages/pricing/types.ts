// Shapes of the pricing API (src/modules/pricing/api-schemas.ts, quote.ts, types.ts) as the web app
// uses them. Prices are decimal strings per base unit with up to 4 decimals; never floats.
import type { Id, Page } from "../../api/types";

export type StepKind =
  | "list"
  | "group_price_list"
  | "account_price_list"
  | "contract"
  | "tier"
  | "promotion"
  | "last_price_hold"
  | "broken_case_surcharge";

export interface WaterfallStep {
  kind: StepKind;
  ruleId: Id | null;
  ruleName: string;
  /** Unit prices in the line's unit of measure; `before` is null for the first source. */
  before: string | null;
  after: string;
  detail?: string;
}

export interface PricingIssue {
  code: string;
  message: string;
  data: Record<string, unknown>;
}

export interface LastPaid {
  unitPrice: string;
  baseUnitPrice: string;
  date: string;
  orderRef: string | null;
  held: boolean;
}

export interface QuoteLine {
  lineRef: string;
  itemId: Id;
  sku: string;
  uom: string;
  uomFactor: number | null;
  requestedQuantity: number;
  quantity: number;
  baseQuantity: number;
  unitPrice: string | null;
  baseUnitPrice: string | null;
  extendedAmount: string | null;
  waterfall: WaterfallStep[];
  violations: PricingIssue[];
  warnings: PricingIssue[];
  lastPaid: LastPaid | null;
}

export interface Quote {
  accountId: Id;
  accountNumber: string;
  accountName: string;
  shipToId: Id | null;
  date: string;
  currency: string;
  lines: QuoteLine[];
  total: string;
  qualifyingValue: string;
  complete: boolean;
  violations: PricingIssue[];
  warnings: PricingIssue[];
}

export interface QuoteRequest {
  accountId: number;
  shipToId?: number;
  date?: string;
  currency?: string;
  lines: { lineRef?: string; sku: string; quantity: number; uom?: string }[];
}

export type OwnerScope = { kind: "account"; accountId: number } | { kind: "group"; groupId: number };
export type AnyScope = OwnerScope | { kind: "all" };
/** A scope as the server reports it, with the owner's name for display. */
export type ScopeView = AnyScope & { name?: string | null; number?: string | null; code?: string | null };

export type Target =
  | { kind: "item"; sku: string }
  | { kind: "category"; categoryId: number }
  | { kind: "family"; familyId: number }
  | { kind: "all" };

export type Adjustment =
  | { kind: "percent_off"; percent: string }
  | { kind: "fixed"; price: string }
  | { kind: "amount_off"; amount: string };

export interface PriceList {
  id: Id;
  name: string;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
  scope: ScopeView;
  entryCount: number;
  updatedAt: string;
}

export interface PriceListInput {
  name: string;
  scope: OwnerScope;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface PriceEntry {
  sku: string;
  name: string;
  baseUnit: string;
  unitPrice: string;
  uom: string | null;
  enteredPrice: string | null;
  listPrice: string;
}

export interface EntriesResponse extends Page {
  entries: PriceEntry[];
}

export type ContractPrice =
  | { kind: "fixed"; price: string }
  | { kind: "percent_off_list"; percent: string }
  | { kind: "cost_plus"; percent: string; basis: "markup" | "margin" };

export interface ContractLineInput {
  target: { kind: "item"; sku: string } | { kind: "category"; categoryId: number };
  price: ContractPrice;
}

export interface ContractInput {
  name: string;
  scope: OwnerScope;
  shipToIds: number[] | null;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
  exclusive: boolean;
  lines: ContractLineInput[];
}

export interface Contract extends Omit<ContractInput, "scope"> {
  id: Id;
  scope: ScopeView;
  lineCount?: number;
}

export interface TierInput {
  name: string;
  scope: AnyScope;
  currency: string | null;
  validFrom: string | null;
  validTo: string | null;
  target: Target;
  basis: "line_quantity" | "family_quantity" | "order_value";
  breaks: { min: string; adjustment: Adjustment }[];
}

export interface Tier extends Omit<TierInput, "scope"> {
  id: Id;
  scope: ScopeView;
}

export interface PromotionInput {
  name: string;
  validFrom: string | null;
  validTo: string | null;
  currency: string | null;
  target: Target;
  minOrderValue: string | null;
  minOrderQuantity: number | null;
  accountGroupIds: number[] | null;
  accountIds: number[] | null;
  adjustment: Adjustment;
}

export interface Promotion extends PromotionInput {
  id: Id;
}

export type ImportKind = "price_list_entries" | "contracts";

export interface ImportRowError {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  /** Normalised column name (e.g. "unit_price"), or null for the whole row. */
  column: string | null;
  message: string;
}

/** A pending (or finished) import as GET/POST /api/pricing/imports answers it. */
export interface ImportPreview {
  id: Id;
  kind: ImportKind;
  priceListId: Id | null;
  filename: string;
  status: "pending" | "committed" | "cancelled";
  totalRows: number;
  /** Count of rows that will be applied. */
  goodRows: number;
  /** Count of distinct rows with at least one error. */
  errorRows: number;
  errors: ImportRowError[];
  /** The first good rows as they will be stored (entries: sku, unitPrice, uom…; contracts: header + line). */
  preview: Record<string, unknown>[];
  createdAt: string;
  finishedAt: string | null;
}

/** GET /api/pricing/lookup: the quote's order fields, the item and its one line. */
export interface LookupResult extends Omit<Quote, "lines"> {
  item: { id: Id; sku: string; name: string; baseUnit: string; listPrice: string } | null;
  line: QuoteLine;
}
