import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, query, setCsrfToken } from "./client";
import type {
  AccountDetail,
  AccountListResponse,
  Id,
  IntakeSummary,
  ItemListResponse,
  NewOrderRequest,
  OrderDetail,
  OrderListResponse,
  OrderRequestBody,
  OrderSort,
  SessionResponse,
  Simulation,
} from "./types";

export const sessionKey = ["session"] as const;

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async () => {
      const session = await api<SessionResponse>("/api/auth/session");
      setCsrfToken(session.csrfToken);
      return session;
    },
    staleTime: 5 * 60_000,
    retry: 1,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      api<SessionResponse>("/api/auth/login", { method: "POST", body: input }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      client.setQueryData(sessionKey, session);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ ok: boolean }>("/api/auth/logout", { method: "POST", body: {} }),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData<SessionResponse>(sessionKey, { user: null, csrfToken: null });
    },
  });
}

export interface OrderListParams {
  page: number;
  pageSize: number;
  status?: string;
  accountId?: string;
  q?: string;
  sort: OrderSort;
}

export function useOrders(params: OrderListParams) {
  return useQuery({
    queryKey: ["orders", params],
    queryFn: ({ signal }) => api<OrderListResponse>(`/api/orders${query({ ...params })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useOrder(id: string | undefined) {
  return useQuery({
    queryKey: ["order", id],
    queryFn: ({ signal }) =>
      api<{ order: OrderDetail }>(`/api/orders/${encodeURIComponent(String(id))}`, { signal }).then(
        (r) => r.order,
      ),
    enabled: Boolean(id),
  });
}

export function useCreateOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewOrderRequest; idempotencyKey: string }) =>
      api<{ order: OrderDetail }>("/api/orders", {
        method: "POST",
        body,
        headers: { "idempotency-key": idempotencyKey },
      }).then((r) => r.order),
    onSuccess: (order) => {
      client.setQueryData(["order", order.id], order);
      client.invalidateQueries({ queryKey: ["orders"] });
      client.invalidateQueries({ queryKey: ["items"] });
    },
  });
}

export function useAccounts(q: string, enabled = true) {
  return useQuery({
    queryKey: ["accounts", q],
    queryFn: ({ signal }) =>
      api<AccountListResponse>(`/api/accounts${query({ q, page: 1, pageSize: 20 })}`, { signal }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useAccount(id: Id | null | undefined) {
  return useQuery({
    queryKey: ["account", id],
    queryFn: ({ signal }) =>
      api<{ account: AccountDetail }>(`/api/accounts/${encodeURIComponent(String(id))}`, { signal }).then(
        (r) => r.account,
      ),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}

export function useItems(q: string, enabled = true) {
  return useQuery({
    queryKey: ["items", q],
    queryFn: ({ signal }) =>
      api<ItemListResponse>(`/api/items${query({ q, page: 1, pageSize: 10 })}`, { signal }),
    enabled: enabled && q.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** POST /api/orders/simulate: the intake pipeline in a rolled-back transaction (nothing is kept). */
export function simulateOrder(body: OrderRequestBody, signal?: AbortSignal): Promise<Simulation> {
  return api<{ simulation: Simulation }>("/api/orders/simulate", { method: "POST", body, signal }).then(
    (r) => r.simulation,
  );
}

/** POST /api/orders, keeping intake's decision (status, hold reasons, promise date) beside the order. */
export function usePlaceOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: OrderRequestBody; idempotencyKey: string }) =>
      api<{ order: OrderDetail; replayed: boolean; intake: IntakeSummary | null }>("/api/orders", {
        method: "POST",
        body,
        headers: { "idempotency-key": idempotencyKey },
      }),
    onSuccess: ({ order }) => {
      client.setQueryData(["order", order.id], order);
      client.invalidateQueries({ queryKey: ["orders"] });
      client.invalidateQueries({ queryKey: ["items"] });
    },
  });
}
