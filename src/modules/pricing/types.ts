/**
 * Plain data shapes for the pure pricing engine. No database import: the DB layer loads rows into
 * these shapes (ids may be DB integers or strings; the engine compares them as strings).
 *
 * Conventions:
 * - Every price in the rules is per BASE UNIT of the item, a decimal string with at most 4 decimals.
 *   The engine converts to the line's unit of measure by multiplying by the unit's integer factor,
 *   which is exact, so N cases always cost the same as N × factor eaches under the same rule.
 * - Quantities in rules (tier breaks, minimum order quantity, order multiples) are in base units.
 * - Percentages are decimal strings ("12.5" = 12.5 %).
 * - Dates are "YYYY-MM-DD"; validFrom and validTo are inclusive; null/absent means open-ended.
 */

export type Id = string | number;

/** Who a price list, contract or tier is for. Promotions use explicit id lists instead. */
export type Scope = { kind: "account"; accountId: Id } | { kind: "group"; groupId: Id } | { kind: "all" };

/** What a contract line, tier or promotion applies to. */
export type Target =
  | { kind: "item"; itemId: Id }
  | { kind: "category"; categoryId: Id }
  | { kind: "family"; familyId: Id }
  | { kind: "all" };

/** A price change applied by a tier or a promotion (it is applied only if it lowers the price). */
export type Adjustment =
  | { kind: "percent_off"; percent: string }
  | { kind: "fixed"; price: string }
  | { kind: "amount_off"; amount: string };

// ---------------------------------------------------------------- request

export interface PriceRequestLine {
  lineRef: string;
  itemId: Id;
  /** Integer quantity in `uom`. */
  quantity: number;
  /** The item's base unit code or one of its unit codes (e.g. "EA", "CS"). */
  uom: string;
}

export interface PriceRequest {
  accountId: Id;
  accountGroupId: Id | null;
  shipToId: Id | null;
  /** Pricing date, "YYYY-MM-DD". */
  date: string;
  /** ISO 4217 code of the order. */
  currency: string;
  lines: PriceRequestLine[];
}

// ---------------------------------------------------------------- rules

export interface PricingItem {
  id: Id;
  sku: string;
  categoryId: Id | null;
  /** Product family for mix-and-match tiers (null = none). */
  familyId: Id | null;
  /** Per base unit, in PricingRules.listCurrency. */
  listPrice: string;
  /** Per base unit, in PricingRules.listCurrency; null when unknown. */
  cost: string | null;
  baseUnit: string;
  /** Other units of measure; factor = base units per unit (integer ≥ 1). */
  units: { code: string; factor: number }[];
  /** Base units in a full case; a quantity that is not a multiple is a "broken case". null/1 = n/a. */
  caseFactor: number | null;
  /** Orders must be a multiple of this many base units (1 or absent = any quantity). */
  orderMultiple?: number | null;
  /** Minimum order quantity in base units (absent = 1). */
  minOrderQty?: number | null;
}

export type BrokenCaseSurcharge =
  | { kind: "percent"; percent: string }
  | { kind: "amount"; amount: string; currency: string };

export interface AccountPolicy {
  accountId: Id;
  /** What to do with a quantity that is not a multiple of the item's orderMultiple. */
  caseRounding: "reject" | "round_up";
  /** Added to the unit price when the line quantity is not a whole number of cases. */
  brokenCaseSurcharge?: BrokenCaseSurcharge | null;
  minOrderValue?: { amount: string; currency: string } | null;
  /** Honour the last price paid for this many days (the customer pays no more than it). */
  holdLastPriceDays?: number | null;
}

export interface PriceList {
  id: Id;
  name: string;
  /** "group" or "account" (a price list for everyone is the item's list price). */
  scope: Scope;
  currency: string;
  validFrom?: string | null;
  validTo?: string | null;
  entries: { itemId: Id; price: string }[];
}

export type ContractPrice =
  | { kind: "fixed"; price: string }
  | { kind: "percent_off_list"; percent: string }
  /** markup: cost × (1 + p/100); margin: cost / (1 − p/100), i.e. p % gross margin on the price. */
  | { kind: "cost_plus"; percent: string; basis?: "markup" | "margin" };

export interface ContractLine {
  id?: Id;
  /** "item" or "category". */
  target: Target;
  price: ContractPrice;
}

export interface Contract {
  id: Id;
  name: string;
  /** "account" or "group". */
  scope: Scope;
  /** Limit to some ship-tos of the account (absent/null = all). */
  shipToIds?: Id[] | null;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
  /** A net price: no tier or promotion applies on top of it. */
  exclusive?: boolean;
  lines: ContractLine[];
}

export interface TierRule {
  id: Id;
  name: string;
  scope: Scope;
  /** Required when a break uses fixed/amount_off or the basis is order_value. */
  currency?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  target: Target;
  /**
   * line_quantity: the line's base-unit quantity; family_quantity: the base-unit quantity of all lines
   * whose item is in the same family ("mix and match"); order_value: the order's qualifying value.
   */
  basis: "line_quantity" | "family_quantity" | "order_value";
  /** `min` is base units (quantity bases) or money (order_value), as a decimal string. */
  breaks: { min: string; adjustment: Adjustment }[];
}

export interface Promotion {
  id: Id;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  /** Required when the adjustment is fixed/amount_off or minOrderValue is set. */
  currency?: string | null;
  target: Target;
  /** The order's qualifying value must reach this (order size). */
  minOrderValue?: string | null;
  /** The order's total base-unit quantity must reach this. */
  minOrderQuantity?: number | null;
  accountGroupIds?: Id[] | null;
  accountIds?: Id[] | null;
  adjustment: Adjustment;
}

export interface LastPrice {
  accountId: Id;
  itemId: Id;
  /** Per base unit. */
  unitPrice: string;
  currency: string;
  date: string;
  orderRef?: string | null;
}

export interface PricingRules {
  /** Currency of items' listPrice and cost. */
  listCurrency: string;
  items: PricingItem[];
  accountPolicies?: AccountPolicy[];
  priceLists?: PriceList[];
  contracts?: Contract[];
  tiers?: TierRule[];
  promotions?: Promotion[];
  lastPrices?: LastPrice[];
}

// ---------------------------------------------------------------- result

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
  /** Unit prices in the line's unit of measure, 4 decimals. `before` is null for the first source. */
  before: string | null;
  after: string;
  detail?: string;
}

export type ViolationCode =
  | "INVALID_QUANTITY"
  | "UNKNOWN_ITEM"
  | "UNKNOWN_UOM"
  | "NO_PRICE"
  | "CASE_MULTIPLE"
  | "BELOW_MOQ"
  | "MIN_ORDER_VALUE";

export type WarningCode =
  | "ROUNDED_UP_TO_CASE"
  | "BROKEN_CASE_SURCHARGE"
  | "BELOW_COST"
  | "RULE_CURRENCY_MISMATCH";

export interface Issue<C extends string> {
  code: C;
  message: string;
  data: Record<string, unknown>;
}

export interface LastPaid {
  /** In the line's unit of measure. */
  unitPrice: string;
  baseUnitPrice: string;
  date: string;
  orderRef: string | null;
  /** True when the account's hold-last-price policy covers the pricing date. */
  held: boolean;
}

export interface PricedLine {
  lineRef: string;
  itemId: Id;
  sku: string | null;
  uom: string;
  /** Base units per `uom` (null when the unit is unknown). */
  uomFactor: number | null;
  requestedQuantity: number;
  /** Priced quantity in `uom` (differs from requested only after a round-up to case). */
  quantity: number;
  baseQuantity: number;
  /** Per `uom`, 4 decimals; null when the line cannot be priced (see violations). */
  unitPrice: string | null;
  baseUnitPrice: string | null;
  /** quantity × unitPrice rounded once to the currency's minor unit. */
  extended: string | null;
  waterfall: WaterfallStep[];
  violations: Issue<ViolationCode>[];
  warnings: Issue<WarningCode>[];
  lastPaid: LastPaid | null;
}

export interface PricedOrder {
  accountId: Id;
  date: string;
  currency: string;
  lines: PricedLine[];
  /** Sum of the priced lines' extended amounts. */
  total: string;
  /** Sum of the lines at their source price (before tiers/promotions), used to qualify tiers/promos. */
  qualifyingValue: string;
  /** True when every line has a price. */
  complete: boolean;
  violations: Issue<ViolationCode>[];
  warnings: Issue<WarningCode>[];
}
