// Inbound screens' data: purchase orders to suppliers (src/modules/inventory/purchase-order-routes.ts),
// recording them and receiving them (which fills the backorders waiting for their items), and the
// warehouses they are received at (src/modules/inventory/routes.ts).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, query } from "../../api/client";
import type { OrderStatus, Role } from "../../api/types";

/** Roles that may record and receive purchase orders (every staff role may read them). */
export const PURCHASING_ROLES: readonly Role[] = ["admin", "warehouse"];
export const canPurchase = (role: Role | undefined) => Boolean(role && PURCHASING_ROLES.includes(role));

export type PurchaseOrderStatus = "open" | "closed" | "cancelled";

export interface PurchaseOrderLine {
  lineId: number;
  sku: string;
  name: string;
  quantity: number;
  receivedQuantity: number;
  /** The line's own date, or the purchase order's. */
  expectedDate: string;
}

export interface PurchaseOrder {
  id: number;
  number: string;
  supplier: string;
  warehouseCode: string;
  status: PurchaseOrderStatus;
  expectedDate: string;
  lines: PurchaseOrderLine[];
}

export interface NewPurchaseOrder {
  number: string;
  supplier: string;
  warehouseCode: string;
  expectedDate: string;
  lines: { sku: string; quantity: number; expectedDate?: string }[];
}

/** An order that got some of the received stock (its status afterwards: `confirmed` when released). */
export interface FilledBackorder {
  orderId: number;
  number: string;
  status: OrderStatus;
  lines: { lineNo: number; sku: string; allocated: number; stillBackordered: number }[];
}

export interface ReceiptResult {
  purchaseOrder: PurchaseOrder;
  received: { itemId: number; sku: string; quantity: number }[];
  backordersFilled: FilledBackorder[];
}

export interface Warehouse {
  id: number;
  code: string;
  name: string;
  city: string;
  region: string;
}

/** Every warehouse, by code (staff). They rarely change: cached for a few minutes. */
export function useWarehouses() {
  return useQuery<Warehouse[]>({
    queryKey: ["warehouses"],
    queryFn: ({ signal }) =>
      api<{ warehouses: Warehouse[] }>("/api/warehouses", { signal }).then((r) => r.warehouses),
    staleTime: 5 * 60_000,
  });
}

export const LIST_LIMIT = 500;

export function usePurchaseOrders(status: PurchaseOrderStatus | null, limit = LIST_LIMIT) {
  return useQuery<PurchaseOrder[]>({
    queryKey: ["purchase-orders", status, limit],
    queryFn: ({ signal }) =>
      api<{ purchaseOrders: PurchaseOrder[] }>(`/api/purchase-orders${query({ status, limit })}`, {
        signal,
      }).then((r) => r.purchaseOrders),
    placeholderData: keepPreviousData,
  });
}

export function usePurchaseOrder(id: string | undefined) {
  return useQuery({
    queryKey: ["purchase-order", id],
    queryFn: ({ signal }) =>
      api<{ purchaseOrder: PurchaseOrder }>(`/api/purchase-orders/${id}`, { signal }).then(
        (r) => r.purchaseOrder,
      ),
    enabled: Boolean(id && /^\d+$/.test(id)),
    retry: false,
  });
}

export function useCreatePurchaseOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPurchaseOrder) =>
      api<{ purchaseOrder: PurchaseOrder }>("/api/purchase-orders", { method: "POST", body }).then(
        (r) => r.purchaseOrder,
      ),
    onSuccess: (po) => {
      client.setQueryData(["purchase-order", String(po.id)], po);
      client.invalidateQueries({ queryKey: ["purchase-orders"] });
    },
  });
}

export function useReceivePurchaseOrder(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (lines: { sku: string; quantity: number }[]) =>
      api<ReceiptResult>(`/api/purchase-orders/${id}/receipts`, { method: "POST", body: { lines } }),
    onSuccess: (result) => {
      client.setQueryData(["purchase-order", String(id)], result.purchaseOrder);
      client.invalidateQueries({ queryKey: ["purchase-orders"] });
      // Stock and the filled orders changed.
      client.invalidateQueries({ queryKey: ["items"] });
      client.invalidateQueries({ queryKey: ["orders"] });
      for (const o of result.backordersFilled) {
        client.invalidateQueries({ queryKey: ["order", String(o.orderId)] });
        client.invalidateQueries({ queryKey: ["order", o.orderId] });
      }
    },
  });
}

export const PO_STATUS_COLORS: Record<string, string> = { open: "blue", closed: "teal", cancelled: "gray" };
export const poStatusLabel = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const qty = new Intl.NumberFormat("en-US");

/** Ordered and received over a purchase order's lines. */
export function totals(po: PurchaseOrder): { ordered: number; received: number; open: number } {
  let ordered = 0;
  let received = 0;
  for (const l of po.lines) {
    ordered += l.quantity;
    received += l.receivedQuantity;
  }
  return { ordered, received, open: ordered - received };
}
