// Shapes of the Wholesail HTTP API as the web app uses them. Money and prices are decimal
// strings (never floats); dates are ISO strings (requested dates are YYYY-MM-DD).

/** Database ids: integers, or strings for bigint ids (orders). Compare with sameId(). */
export type Id = number | string;

export function sameId(a: Id | null | undefined, b: Id | null | undefined): boolean {
  return a !== null && a !== undefined && b !== null && b !== undefined && String(a) === String(b);
}

export const ROLES = [
  "admin",
  "order_desk",
  "sales_rep",
  "sales_manager",
  "finance",
  "warehouse",
  "buyer",
] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: Id;
  email: string;
  name: string;
  role: Role;
  accountId: Id | null;
  accountName: string | null;
}

export interface SessionResponse {
  user: SessionUser | null;
  csrfToken: string | null;
}

export const ORDER_STATUSES = [
  "draft",
  "on_hold",
  "confirmed",
  "picking",
  "shipped",
  "invoiced",
  "closed",
  "cancelled",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_SORTS = ["orderedAt", "-orderedAt", "total", "-total", "number", "-number"] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

export interface OrderSummary {
  id: Id;
  number: string;
  accountId: Id;
  accountNumber: string;
  accountName: string;
  shipToName: string | null;
  poNumber: string | null;
  channel: string;
  status: OrderStatus;
  orderedAt: string;
  total: string;
  currency: string;
  lineCount: number;
}

export interface Page {
  total: number;
  page: number;
  pageSize: number;
}

export interface OrderListResponse extends Page {
  orders: OrderSummary[];
}

export interface ShipTo {
  id: Id;
  code: string;
  name: string;
  line1: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
}

export interface Allocation {
  warehouseCode: string;
  warehouseName: string;
  quantity: number;
}

export interface OrderLine {
  lineNo: number;
  itemId: Id;
  sku: string;
  name: string;
  quantity: number;
  uom: string;
  unitPrice: string;
  extendedAmount: string;
  allocations: Allocation[];
  /** Ordered but not in stock: waits for inbound supply (ETA when a purchase order covers it). */
  backorderedQuantity?: number;
  backorderEta?: string | null;
  /** Base units shipped so far. */
  shippedQuantity?: number;
}

export interface StatusChange {
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  at: string;
  userName: string | null;
  reason: string | null;
}

export interface OrderDetail {
  id: Id;
  number: string;
  accountId: Id;
  accountNumber: string;
  accountName: string;
  poNumber: string | null;
  channel: string;
  status: OrderStatus;
  orderedAt: string;
  requestedShipDate: string | null;
  requestedDeliveryDate: string | null;
  total: string;
  currency: string;
  notes: string | null;
  createdByName: string | null;
  shipTo: ShipTo | null;
  lines: OrderLine[];
  history: StatusChange[];
  exceptions?: OrderException[];
  shipments?: Shipment[];
  invoices?: Invoice[];
  /** Staff only: the order's outbox events and whether they were delivered. */
  events?: OrderEvent[];
}

export interface OrderEvent {
  id: Id;
  topic: string;
  at: string;
  publishedAt: string | null;
  attempts: number;
  lastError: string | null;
}

/** What left a warehouse for an order, in SSCC-labelled packages. */
export interface Shipment {
  id: Id;
  number: string;
  warehouseCode: string;
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: string;
  packages: { sscc: string; lines: { lineNo: number; sku: string; quantity: number }[] }[];
}

/** An invoice of an order (issued at shipment). */
export interface Invoice {
  id: Id;
  number: string;
  issuedOn: string;
  dueOn: string;
  amount: string;
  paidAmount: string;
  currency: string;
  status: string;
}

/** An exception on an order; buyers get only type, status, blocking and lineNo. */
export interface OrderException {
  id?: Id;
  type: string;
  status: string;
  blocking: boolean;
  lineNo: number | null;
  summary?: string;
  ownerRole?: string | null;
  deadline?: string | null;
  overdue?: boolean;
}

export interface AccountSummary {
  id: Id;
  number: string;
  name: string;
  groupName: string | null;
  paymentTerms: string | null;
  creditLimit: string | null;
  repName: string | null;
}

export interface AccountListResponse extends Page {
  accounts: AccountSummary[];
}

export interface AccountDetail extends AccountSummary {
  currency: string;
  shipTos: ShipTo[];
}

export interface Item {
  id: Id;
  sku: string;
  name: string;
  categoryName: string | null;
  baseUnit: string;
  caseFactor: number | null;
  listPrice: string;
  available: number;
}

export interface ItemListResponse extends Page {
  items: Item[];
}

export interface NewOrderRequest {
  accountId: number;
  shipToId?: number;
  poNumber?: string;
  requestedShipDate?: string;
  notes?: string;
  lines: { sku: string; quantity: number }[];
}

export interface ApiErrorBody {
  error: { code: string; message: string; data?: unknown };
}

// ---- order intake: POST /api/orders (with its intake summary) and POST /api/orders/simulate
// (src/modules/orders/intake/submit.ts IntakeResult, evaluate.ts EvaluatedLine, rules.ts CreditCheck).

export interface OrderLineInput {
  sku: string;
  quantity: number;
  uom?: string;
  expectedUnitPrice?: string;
  lineRef?: string;
}

export interface OrderRequestBody {
  accountId: number;
  shipToId?: number;
  poNumber?: string;
  requestedShipDate?: string;
  notes?: string;
  lines: OrderLineInput[];
}

export interface CreditCheck {
  limit: string;
  /** Orders not yet invoiced (confirmed, on hold, picking, shipped); receivables are not counted yet. */
  openOrders: string;
  thisOrder: string;
  exposure: string;
  available: string;
  overLimit: boolean;
  overLimitPct: string;
  /** With billing: unpaid invoices, counted in the exposure. */
  openReceivables?: string;
  /** With billing: unpaid balance past due beyond the grace days, and those invoices. */
  overdue?: string;
  overdueInvoices?: number;
  oldestOverdueDays?: number;
  graceDays?: number;
  /** With billing: over the limit or overdue beyond the grace days (the order goes on credit hold). */
  hold?: boolean;
}

/** An exception intake raised (or, in a simulation, would raise: id null). */
export interface IntakeException {
  id: Id | null;
  type: string;
  summary: string;
  blocking: boolean;
  lineNo: number | null;
  ownerRole: string | null;
  ownerUserId: Id | null;
  deadline: string;
  approvalRole: string | null;
}

export interface IntakeIssue {
  code: string;
  message: string;
  data: Record<string, unknown>;
}

export interface WarehouseAtp {
  warehouseId: number;
  warehouseCode: string;
  onHand: number;
  allocated: number;
  available: number;
  inbound: { date: string | null; quantity: number; warehouseId: number; purchaseOrder: string }[];
  timeline: { date: string; atp: number }[];
}

export interface SimulatedLine {
  lineNo: number;
  lineRef: string | null;
  resolved: boolean;
  itemId: Id | null;
  sku: string | null;
  /** Base units when resolved. */
  quantity: number;
  uom: string | null;
  unitPrice: string | null;
  extendedAmount: string | null;
  unitCost: string | null;
  expectedUnitPrice: string | null;
  waterfall: {
    kind: string;
    ruleId: Id | null;
    ruleName: string;
    before: string | null;
    after: string;
    detail?: string;
  }[];
  warnings: IntakeIssue[];
  violations: IntakeIssue[];
  lastPaid: {
    unitPrice: string;
    baseUnitPrice: string;
    date: string;
    orderRef: string | null;
    held: boolean;
  } | null;
  allocations: { warehouseId: number; quantity: number }[];
  backorderedQuantity: number;
  backorderEta: string | null;
  promiseDate: string | null;
  problem: { code: string; message: string } | null;
  /** Available-to-promise per warehouse before this order. */
  availability?: WarehouseAtp[];
}

export interface Simulation {
  status: "confirmed" | "on_hold";
  accountId: Id;
  accountNumber: string;
  shipToId: Id;
  currency: string;
  total: string;
  promiseDate: string | null;
  credit: CreditCheck;
  lines: SimulatedLine[];
  exceptions: IntakeException[];
  violations: IntakeIssue[];
  warnings: IntakeIssue[];
  events: string[];
}

/** What intake decided for a new order (null on an idempotent replay). */
export interface IntakeSummary {
  status: "confirmed" | "on_hold";
  promiseDate: string | null;
  credit: CreditCheck;
  exceptions: IntakeException[];
  violations: IntakeIssue[];
  warnings: IntakeIssue[];
  events: string[];
}
