// EDI screens' data: message log, message detail with reprocess, trading partners.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";

export const EDI_ROLES = ["admin", "order_desk"] as const;
export const MESSAGE_STATUSES = [
  "received",
  "processed",
  "partially_processed",
  "rejected",
  "failed",
  "sent",
  "held",
] as const;

export interface Problem {
  code: string;
  message: string;
}

export interface MessageRow {
  id: number;
  direction: "in" | "out";
  partnerId: number | null;
  partnerName: string | null;
  standard: string | null;
  docTypes: string[];
  interchangeControl: string | null;
  source: string;
  sizeBytes: number;
  status: string;
  errorCount: number;
  orderCount: number;
  createdAt: string;
  processedAt: string | null;
}

export interface LineOutcome {
  lineRef: string;
  quantity: string | null;
  uom: string | null;
  unitPrice: string | null;
  itemIds: { qualifier: string; value: string }[];
  status: "accepted" | "rejected";
  sku?: string;
  baseQuantity?: number;
  problem?: Problem;
}

export interface TransactionRecord {
  ref: string;
  type: string;
  set: string;
  poNumber: string | null;
  status: string;
  orderId?: number;
  orderNumber?: string;
  errors: Problem[];
  warnings: Problem[];
  lines?: LineOutcome[];
}

export interface MessageDetail extends Omit<MessageRow, "errorCount" | "orderCount"> {
  sender: string | null;
  receiver: string | null;
  raw: string;
  rawTruncated: boolean;
  errors: Problem[];
  transactions: TransactionRecord[];
  inReplyTo: number | null;
  duplicateOf: number | null;
  attempts: number;
  orders: {
    id: number;
    number: string;
    poNumber: string | null;
    status: string;
    total: string;
    currency: string;
    lineCount: number;
    accountName: string;
    transactionRef: string;
    replayed: boolean;
  }[];
  replies: {
    id: number;
    docTypes: string[];
    status: string;
    interchangeControl: string | null;
    source: string;
    errors: Problem[];
    raw: string;
    createdAt: string;
  }[];
}

export interface Partner {
  id: number;
  accountId: number | null;
  accountName: string | null;
  accountNumber: string | null;
  name: string;
  standard: "x12" | "edifact";
  version: string;
  ourQualifier: string;
  ourId: string;
  theirQualifier: string;
  theirId: string;
  ourAppCode: string | null;
  theirAppCode: string | null;
  elementSeparator: string | null;
  componentSeparator: string | null;
  segmentTerminator: string | null;
  repetitionSeparator: string | null;
  documents: string[];
  itemIdPreference: string[];
  acknowledgments: string[];
  duplicateWindowDays: number;
  outboundKind: "none" | "folder" | "http";
  outboundTarget: string | null;
  active: boolean;
}

export type PartnerInput = Omit<Partner, "id" | "accountName" | "accountNumber">;

export interface MessageFilters {
  page: number;
  partnerId?: string;
  status?: string;
  direction?: string;
}

export function useEdiMessages(f: MessageFilters) {
  const qs = new URLSearchParams({ page: String(f.page), pageSize: "25" });
  if (f.partnerId) qs.set("partnerId", f.partnerId);
  if (f.status) qs.set("status", f.status);
  if (f.direction) qs.set("direction", f.direction);
  return useQuery({
    queryKey: ["edi-messages", f],
    queryFn: () =>
      api<{ messages: MessageRow[]; total: number; page: number; pageSize: number }>(
        `/api/edi/messages?${qs}`,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useEdiMessage(id: string | undefined) {
  return useQuery({
    queryKey: ["edi-message", id],
    queryFn: () => api<{ message: MessageDetail }>(`/api/edi/messages/${id}`).then((r) => r.message),
    enabled: Boolean(id && /^\d+$/.test(id)),
    retry: false,
  });
}

export function useReprocess(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<{ status: string; messageId: number }>(`/api/edi/messages/${id}/reprocess`, {
        method: "POST",
        body: {},
      }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ["edi-message"] });
      client.invalidateQueries({ queryKey: ["edi-messages"] });
    },
  });
}

export function usePartners() {
  return useQuery({
    queryKey: ["edi-partners"],
    queryFn: () => api<{ partners: Partner[] }>("/api/edi/partners").then((r) => r.partners),
  });
}

export function usePartner(id: string | undefined) {
  return useQuery({
    queryKey: ["edi-partner", id],
    queryFn: () => api<{ partner: Partner }>(`/api/edi/partners/${id}`).then((r) => r.partner),
    enabled: Boolean(id && /^\d+$/.test(id)),
    retry: false,
  });
}

export function useSavePartner(id: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PartnerInput) =>
      api<{ partner: Partner }>(id ? `/api/edi/partners/${id}` : "/api/edi/partners", {
        method: id ? "PUT" : "POST",
        body: input,
      }).then((r) => r.partner),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ["edi-partners"] });
      client.invalidateQueries({ queryKey: ["edi-partner"] });
    },
  });
}

export const STATUS_COLORS: Record<string, string> = {
  received: "gray",
  processed: "teal",
  partially_processed: "yellow",
  rejected: "red",
  failed: "red",
  sent: "teal",
  held: "gray",
  order_created: "teal",
  order_replayed: "blue",
  order_changed: "teal",
  change_replayed: "blue",
  duplicate: "orange",
  acknowledged: "gray",
  not_processed: "orange",
  accepted: "teal",
};

export const statusLabel = (s: string) => s.replace(/_/g, " ");
