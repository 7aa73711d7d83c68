// Notifications (the signed-in user's and their role's) and stored outbound mail (admins).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface StoredMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  status: "queued" | "sending" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: ["notifications"],
    queryFn: ({ signal }) =>
      api<{ notifications: Notification[]; unread: number }>("/api/notifications?limit=30", { signal }),
    enabled,
    refetchInterval: 30_000,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(`/api/notifications/${id}/read`, { method: "POST", body: {} }),
    onSettled: () => client.invalidateQueries({ queryKey: ["notifications"] }),
  });
}

export function useStoredMail(status: string | null) {
  return useQuery({
    queryKey: ["mail", status],
    queryFn: ({ signal }) =>
      api<{ mail: StoredMail[] }>(`/api/mail?limit=200${status ? `&status=${status}` : ""}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
