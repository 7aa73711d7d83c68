// Query hooks for the pricing API. Every path lives here, so the screens do not repeat them.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, query } from "../../api/client";
import type { Id } from "../../api/types";
import type {
  Contract,
  ContractInput,
  EntriesResponse,
  ImportKind,
  ImportPreview,
  LookupResult,
  PriceList,
  PriceListInput,
  Promotion,
  PromotionInput,
  Quote,
  QuoteRequest,
  Tier,
  TierInput,
} from "./types";

export const P = "/api/pricing";
const enc = (id: Id) => encodeURIComponent(String(id));

export function exportUrl(priceListId: Id, format: "csv" | "xlsx"): string {
  return `${P}/price-lists/${enc(priceListId)}/export${query({ format })}`;
}

export function postQuote(body: QuoteRequest, signal?: AbortSignal): Promise<Quote> {
  return api<Quote>(`${P}/quote`, { method: "POST", body, signal });
}

/** Live quote for a draft order (simulate only: nothing is stored). */
export function useQuote(body: QuoteRequest | null) {
  return useQuery({
    queryKey: ["pricing", "quote", body],
    queryFn: ({ signal }) => postQuote(body!, signal),
    enabled: body !== null && body.lines.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    retry: false,
  });
}

export interface LookupParams {
  accountId: number;
  sku: string;
  quantity: number;
  date?: string;
  uom?: string;
}

export function useLookup(params: LookupParams | null) {
  return useQuery({
    queryKey: ["pricing", "lookup", params],
    queryFn: ({ signal }) => api<LookupResult>(`${P}/lookup${query({ ...params! })}`, { signal }),
    enabled: params !== null,
    retry: false,
  });
}

// ---------------------------------------------------------------- price lists

export function usePriceLists() {
  return useQuery({
    queryKey: ["pricing", "price-lists"],
    queryFn: ({ signal }) =>
      api<{ priceLists: PriceList[] }>(`${P}/price-lists`, { signal }).then((r) => r.priceLists),
  });
}

export function usePriceList(id: Id | undefined) {
  return useQuery({
    queryKey: ["pricing", "price-list", id],
    queryFn: ({ signal }) =>
      api<{ priceList: PriceList }>(`${P}/price-lists/${enc(id!)}`, { signal }).then((r) => r.priceList),
    enabled: id !== undefined,
    retry: false,
  });
}

export function useEntries(id: Id | undefined, params: { page: number; pageSize: number; q?: string }) {
  return useQuery({
    queryKey: ["pricing", "entries", id, params],
    queryFn: ({ signal }) =>
      api<EntriesResponse>(`${P}/price-lists/${enc(id!)}/entries${query({ ...params })}`, { signal }),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** Invalidates every pricing query (lists, entries, quotes) after a write. */
function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["pricing"] });
}

export function useSavePriceList() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id?: Id; body: PriceListInput }) =>
      api<{ priceList: PriceList }>(id ? `${P}/price-lists/${enc(id)}` : `${P}/price-lists`, {
        method: id ? "PUT" : "POST",
        body,
      }).then((r) => r.priceList),
    onSuccess: invalidate,
  });
}

export function useDeletePriceList() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: Id) => api<unknown>(`${P}/price-lists/${enc(id)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

export function useSaveEntries(priceListId: Id) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (entries: { sku: string; unitPrice: string; uom?: string }[]) =>
      api<{ saved: number }>(`${P}/price-lists/${enc(priceListId)}/entries`, {
        method: "PUT",
        body: { entries },
      }),
    onSuccess: invalidate,
  });
}

export function useDeleteEntries(priceListId: Id) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (skus: string[]) =>
      api<{ deleted: number }>(`${P}/price-lists/${enc(priceListId)}/entries/delete`, {
        method: "POST",
        body: { skus },
      }),
    onSuccess: invalidate,
  });
}

// ---------------------------------------------------------------- contracts, tiers, promotions

type RuleKind = "contracts" | "tiers" | "promotions";
interface RuleTypes {
  contracts: { row: Contract; input: ContractInput };
  tiers: { row: Tier; input: TierInput };
  promotions: { row: Promotion; input: PromotionInput };
}

export function useRules<K extends RuleKind>(kind: K) {
  return useQuery({
    queryKey: ["pricing", kind],
    queryFn: ({ signal }) =>
      api<Record<K, RuleTypes[K]["row"][]>>(`${P}/${kind}`, { signal }).then((r) => r[kind]),
  });
}

export function useRule<K extends RuleKind>(kind: K, id: Id | undefined) {
  return useQuery({
    queryKey: ["pricing", kind, id],
    queryFn: ({ signal }) =>
      api<Record<string, RuleTypes[K]["row"]>>(`${P}/${kind}/${enc(id!)}`, { signal }).then(
        (r) => Object.values(r)[0] as RuleTypes[K]["row"],
      ),
    enabled: id !== undefined,
    retry: false,
  });
}

export function useSaveRule<K extends RuleKind>(kind: K) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id?: Id; body: RuleTypes[K]["input"] }) =>
      api<Record<string, RuleTypes[K]["row"]>>(id ? `${P}/${kind}/${enc(id)}` : `${P}/${kind}`, {
        method: id ? "PUT" : "POST",
        body,
      }).then((r) => Object.values(r)[0] as RuleTypes[K]["row"]),
    onSuccess: invalidate,
  });
}

export function useDeleteRule(kind: RuleKind) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: Id) => api<unknown>(`${P}/${kind}/${enc(id)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}

// ---------------------------------------------------------------- imports

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The server accepts text/csv or the XLSX type; browsers label .csv files inconsistently. */
export function uploadType(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith(".xlsx")) return XLSX_TYPE;
  if (name.endsWith(".csv") || name.endsWith(".txt")) return "text/csv";
  return null;
}

export function useUploadImport() {
  return useMutation({
    mutationFn: ({ file, kind, priceListId }: { file: File; kind: ImportKind; priceListId?: Id }) =>
      api<{ import: ImportPreview }>(
        `${P}/imports${query({ kind, priceListId: priceListId ?? undefined, filename: file.name })}`,
        { method: "POST", body: file, headers: { "content-type": uploadType(file) ?? "text/csv" } },
      ).then((r) => r.import),
  });
}

export function useFinishImport() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, action }: { id: Id; action: "commit" | "cancel" }) =>
      api<{ import: ImportPreview }>(`${P}/imports/${enc(id)}/${action}`, { method: "POST" }).then(
        (r) => r.import,
      ),
    onSuccess: invalidate,
  });
}

export interface ReferenceOption {
  id: number;
  code: string;
  name: string;
}

/** Account groups, categories and item families, for the rule forms' pickers (rarely change). */
export function usePricingReference() {
  return useQuery({
    queryKey: ["pricing", "reference"],
    queryFn: ({ signal }) =>
      api<{ groups: ReferenceOption[]; categories: ReferenceOption[]; families: ReferenceOption[] }>(
        `${P}/reference`,
        { signal },
      ),
    staleTime: 5 * 60_000,
  });
}

/** Select options "Name (CODE)" with the id as value. */
export function referenceOptions(list: ReferenceOption[] | undefined) {
  return (list ?? []).map((o) => ({ value: String(o.id), label: `${o.name} (${o.code})` }));
}
