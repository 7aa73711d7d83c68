// Exceptions inbox data: the list (mine / my team's / all, by deadline), one exception with its
// actions and audit trail, resolving with a reason and reassigning. Staff only.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, query } from "../../api/client";
import type { Id, Role } from "../../api/types";

export const SCOPES = ["mine", "team", "all"] as const;
export type Scope = (typeof SCOPES)[number];
export const STATUSES = ["open", "resolved", "cancelled", "any"] as const;
export type StatusFilter = (typeof STATUSES)[number];

export interface ExceptionRow {
  id: number;
  type: string;
  status: "open" | "resolved" | "cancelled";
  summary: string;
  orderId: Id | null;
  orderLineId: Id | null;
  accountId: Id | null;
  /** In the inbox list (not on the detail). */
  accountName?: string | null;
  accountNumber?: string | null;
  ownerName?: string | null;
  amount: string | null;
  data: Record<string, unknown>;
  ownerRole: Role | null;
  ownerUserId: number | null;
  deadline: string;
  overdue: boolean;
  escalationLevel: number;
  approvalLevel: number | null;
  approvalRole: Role | null;
  resolutionAction: string | null;
  resolutionReason: string | null;
  resolvedBy: number | null;
  resolvedAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: number | null;
  actor: string;
  action: string;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface ExceptionDetail extends ExceptionRow {
  actions: string[];
  audit: AuditEntry[];
}

export interface ExceptionFilters {
  scope: Scope;
  status: StatusFilter;
  type?: string;
}

export const exceptionsKey = ["exceptions"] as const;

export function useExceptions(f: ExceptionFilters) {
  return useQuery({
    queryKey: [...exceptionsKey, "list", f],
    queryFn: ({ signal }) =>
      api<{ exceptions: ExceptionRow[]; overdue: number }>(
        `/api/exceptions${query({ scope: f.scope, status: f.status, type: f.type, limit: 500 })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** Open exceptions in my queue, for the navbar badge. */
export function useMyOpenCounts(enabled: boolean) {
  return useQuery({
    queryKey: [...exceptionsKey, "counts"],
    queryFn: ({ signal }) =>
      api<{ exceptions: ExceptionRow[]; overdue: number }>(
        `/api/exceptions${query({ scope: "mine", status: "open", limit: 500 })}`,
        { signal },
      ).then((r) => ({ open: r.exceptions.length, overdue: r.overdue })),
    enabled,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

export function useException(id: string | undefined) {
  return useQuery({
    queryKey: [...exceptionsKey, "detail", id],
    queryFn: ({ signal }) =>
      api<{ exception: ExceptionDetail }>(`/api/exceptions/${encodeURIComponent(String(id))}`, {
        signal,
      }).then((r) => r.exception),
    enabled: Boolean(id && /^\d+$/.test(id)),
    retry: false,
  });
}

/** After a change: every exceptions query, and the order (its status may have moved). */
function useRefreshAfter() {
  const client = useQueryClient();
  return (exception: ExceptionDetail) => {
    client.setQueryData([...exceptionsKey, "detail", String(exception.id)], exception);
    client.invalidateQueries({ queryKey: exceptionsKey });
    if (exception.orderId !== null) {
      client.invalidateQueries({ queryKey: ["order", String(exception.orderId)] });
      client.invalidateQueries({ queryKey: ["order", exception.orderId] });
    }
    client.invalidateQueries({ queryKey: ["orders"] });
  };
}

export function useResolveException(id: number) {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (input: { action: string; reason: string }) =>
      api<{ exception: ExceptionDetail }>(`/api/exceptions/${id}/resolve`, {
        method: "POST",
        body: input,
      }).then((r) => r.exception),
    onSuccess: refresh,
  });
}

export type AssignInput = ({ role: Role } | { userId: number }) & { reason?: string };

export function useAssignException(id: number) {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (input: AssignInput) =>
      api<{ exception: ExceptionDetail }>(`/api/exceptions/${id}/assign`, {
        method: "POST",
        body: input,
      }).then((r) => r.exception),
    onSuccess: refresh,
  });
}

export interface StaffMember {
  id: number;
  name: string;
  role: Role;
}

/** Active staff to hand an exception to. */
export function useStaff(enabled: boolean) {
  return useQuery({
    queryKey: ["staff"],
    queryFn: ({ signal }) => api<{ staff: StaffMember[] }>("/api/staff", { signal }).then((r) => r.staff),
    enabled,
    staleTime: 5 * 60_000,
  });
}
