// Column mappings from generator rows to the tables in migrations/0000_init.sql.
import type {
  AccountRow,
  ContactRow,
  GroupRow,
  PartNumberRow,
  PartnerIdRow,
  RepRow,
  ShipToRow,
  WarehouseRow,
} from "./accounts.ts";
import type { Column } from "./bulk.ts";
import type { CategoryRow, ItemRow, ItemUnitRow } from "./catalog.ts";
import type { HistoryRow, LineRow, OrderRow } from "./history.ts";
import { centsToString, price4ToString } from "./money4.ts";
import { degrees } from "./places.ts";
import type { AllocationRow, MovementRow, RepTargetRow, StockLevelRow } from "./stock.ts";
import type { UserRow } from "./users.ts";

const iso = (t: number) => new Date(t).toISOString();

export const categoryColumns: Column<CategoryRow>[] = [
  ["id", "int", (r) => r.id],
  ["code", "text", (r) => r.code],
  ["name", "text", (r) => r.name],
];

export const itemColumns: Column<ItemRow>[] = [
  ["id", "int", (r) => r.id],
  ["sku", "text", (r) => r.sku],
  ["name", "text", (r) => r.name],
  ["description", "text", (r) => r.description],
  ["category_id", "int", (r) => r.categoryId],
  ["base_unit", "text", () => "EA"],
  ["case_factor", "int", (r) => r.caseFactor],
  ["order_multiple", "int", (r) => r.orderMultiple],
  ["min_order_qty", "int", (r) => r.minOrderQty],
  ["cost", "numeric", (r) => price4ToString(r.cost4)],
  ["list_price", "numeric", (r) => price4ToString(r.list4)],
  ["upc", "text", (r) => r.upc],
  ["vendor_part_no", "text", (r) => r.vendorPartNo],
];

export const itemUnitColumns: Column<ItemUnitRow>[] = [
  ["item_id", "int", (r) => r.itemId],
  ["code", "text", (r) => r.code],
  ["factor", "int", (r) => r.factor],
];

export const warehouseColumns: Column<WarehouseRow>[] = [
  ["id", "int", (r) => r.id],
  ["code", "text", (r) => r.code],
  ["name", "text", (r) => r.name],
  ["line1", "text", (r) => r.address.line1],
  ["city", "text", (r) => r.address.city],
  ["region", "text", (r) => r.address.region],
  ["postal_code", "text", (r) => r.address.postalCode],
  ["latitude", "numeric", (r) => degrees(r.address.latMicro)],
  ["longitude", "numeric", (r) => degrees(r.address.lonMicro)],
];

export const repColumns = (linkedRepId: number, repUserId: number): Column<RepRow>[] => [
  ["id", "int", (r) => r.id],
  ["code", "text", (r) => r.code],
  ["name", "text", (r) => r.name],
  ["email", "text", (r) => r.email],
  ["region", "text", (r) => r.region],
  ["user_id", "int", (r) => (r.id === linkedRepId ? repUserId : null)],
];

export const repTargetColumns: Column<RepTargetRow>[] = [
  ["rep_id", "int", (r) => r.repId],
  ["month", "date", (r) => r.month],
  ["target", "numeric", (r) => centsToString(r.targetCents)],
];

export const groupColumns: Column<GroupRow>[] = [
  ["id", "int", (r) => r.id],
  ["code", "text", (r) => r.code],
  ["name", "text", (r) => r.name],
];

export const accountColumns: Column<AccountRow>[] = [
  ["id", "int", (r) => r.id],
  ["number", "text", (r) => r.number],
  ["name", "text", (r) => r.name],
  ["group_id", "int", (r) => r.groupId],
  ["payment_terms", "text", (r) => r.paymentTerms],
  ["terms_days", "int", (r) => r.termsDays],
  ["credit_limit", "numeric", (r) => centsToString(r.creditLimitCents)],
  ["rep_id", "int", (r) => r.repId],
  ["bill_to_line1", "text", (r) => r.billTo.line1],
  ["bill_to_city", "text", (r) => r.billTo.city],
  ["bill_to_region", "text", (r) => r.billTo.region],
  ["bill_to_postal_code", "text", (r) => r.billTo.postalCode],
];

export const shipToColumns: Column<ShipToRow>[] = [
  ["id", "int", (r) => r.id],
  ["account_id", "int", (r) => r.accountId],
  ["code", "text", (r) => r.code],
  ["name", "text", (r) => r.name],
  ["kind", "text", (r) => r.kind],
  ["line1", "text", (r) => r.address.line1],
  ["city", "text", (r) => r.address.city],
  ["region", "text", (r) => r.address.region],
  ["postal_code", "text", (r) => r.address.postalCode],
  ["latitude", "numeric", (r) => degrees(r.address.latMicro)],
  ["longitude", "numeric", (r) => degrees(r.address.lonMicro)],
  ["edi_store_number", "text", (r) => r.ediStoreNumber],
  ["gln", "text", (r) => r.gln],
];

export const contactColumns: Column<ContactRow>[] = [
  ["account_id", "int", (r) => r.accountId],
  ["name", "text", (r) => r.name],
  ["email", "text", (r) => r.email],
  ["phone", "text", (r) => r.phone],
  ["title", "text", (r) => r.title],
];

export const partnerIdColumns: Column<PartnerIdRow>[] = [
  ["account_id", "int", (r) => r.accountId],
  ["qualifier", "text", (r) => r.qualifier],
  ["value", "text", (r) => r.value],
];

export const partNumberColumns: Column<PartNumberRow>[] = [
  ["account_id", "int", (r) => r.accountId],
  ["item_id", "int", (r) => r.itemId],
  ["part_no", "text", (r) => r.partNo],
];

export const userColumns = (passwordHash: string): Column<UserRow>[] => [
  ["id", "int", (r) => r.id],
  ["email", "text", (r) => r.email],
  ["name", "text", (r) => r.name],
  ["password_hash", "text", () => passwordHash],
  ["role", "text", (r) => r.role],
  ["account_id", "int", (r) => r.accountId],
];

export const orderColumns: Column<OrderRow>[] = [
  ["id", "int8", (r) => r.id],
  ["number", "text", (r) => r.number],
  ["account_id", "int", (r) => r.accountId],
  ["ship_to_id", "int", (r) => r.shipToId],
  ["po_number", "text", (r) => r.poNumber],
  ["channel", "text", (r) => r.channel],
  ["status", "text", (r) => r.status],
  ["currency", "text", () => "USD"],
  ["ordered_at", "timestamptz", (r) => iso(r.orderedAt)],
  ["requested_ship_date", "date", (r) => r.requestedShipDate],
  ["requested_delivery_date", "date", (r) => r.requestedDeliveryDate],
  ["total", "numeric", (r) => centsToString(r.totalCents)],
  ["line_count", "int", (r) => r.lineCount],
  ["notes", "text", (r) => r.notes],
  ["rep_id", "int", (r) => r.repId],
  ["created_by", "int", (r) => r.createdBy],
];

export const lineColumns: Column<LineRow>[] = [
  ["id", "int8", (r) => r.id],
  ["order_id", "int8", (r) => r.orderId],
  ["line_no", "int", (r) => r.lineNo],
  ["item_id", "int", (r) => r.itemId],
  ["quantity", "int", (r) => r.quantity],
  ["unit_price", "numeric", (r) => price4ToString(r.price4)],
  ["extended_amount", "numeric", (r) => centsToString(r.extCents)],
  ["unit_cost", "numeric", (r) => price4ToString(r.cost4)],
];

export const historyColumns: Column<HistoryRow>[] = [
  ["order_id", "int8", (r) => r.orderId],
  ["from_status", "text", (r) => r.from],
  ["to_status", "text", (r) => r.to],
  ["at", "timestamptz", (r) => iso(r.at)],
  ["user_id", "int", (r) => r.userId],
  ["reason", "text", (r) => r.reason],
];

export const allocationColumns: Column<AllocationRow>[] = [
  ["id", "int8", (r) => r.id],
  ["order_line_id", "int8", (r) => r.orderLineId],
  ["item_id", "int", (r) => r.itemId],
  ["warehouse_id", "int", (r) => r.warehouseId],
  ["quantity", "int", (r) => r.quantity],
  ["at", "timestamptz", (r) => iso(r.at)],
];

export const stockLevelColumns: Column<StockLevelRow>[] = [
  ["item_id", "int", (r) => r.itemId],
  ["warehouse_id", "int", (r) => r.warehouseId],
  ["on_hand", "int", (r) => r.onHand],
  ["allocated", "int", (r) => r.allocated],
];

export const movementColumns: Column<MovementRow>[] = [
  ["item_id", "int", (r) => r.itemId],
  ["warehouse_id", "int", (r) => r.warehouseId],
  ["kind", "text", (r) => r.kind],
  ["on_hand_delta", "int", (r) => r.onHandDelta],
  ["allocated_delta", "int", (r) => r.allocatedDelta],
  ["reference", "text", (r) => r.reference],
  ["at", "timestamptz", (r) => iso(r.at)],
];
