import type { ApiErrorBody } from "./types";

// A thin fetch wrapper: same-origin cookies, JSON in and out, the CSRF token on every
// unsafe method, and every failure turned into an ApiError carrying the server's code.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly data: unknown;

  constructor(status: number, code: string, message: string, data?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.data = data;
  }
}

let csrfToken: string | null = null;

/** Remember the token from the session or login response; sent as x-csrf-token. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type Listener = (error: ApiError) => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when any request answers 401 (for example, the session expired). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await request<T>(path, options);
  } catch (error) {
    // A stale CSRF token (for example after the server restarted): fetch a fresh one, retry once.
    if (error instanceof ApiError && error.code === "CSRF_INVALID") {
      const session = await request<{ csrfToken: string | null }>("/api/auth/session", {});
      setCsrfToken(session.csrfToken);
      return request<T>(path, options);
    }
    throw error;
  }
}

async function request<T>(path: string, options: RequestOptions): Promise<T> {
  const method = (options.method ?? "GET").toUpperCase();
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  // A Blob (an uploaded file) is sent as-is with its own type; anything else as JSON.
  const raw = options.body instanceof Blob;
  if (options.body !== undefined && !raw) headers["content-type"] = "application/json";
  if (raw && !headers["content-type"])
    headers["content-type"] = (options.body as Blob).type || "application/octet-stream";
  if (UNSAFE.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body:
        options.body === undefined ? undefined : raw ? (options.body as Blob) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "NETWORK_ERROR", "Cannot reach the Wholesail server. Check your connection.");
  }

  const text = await response.text();
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }

  if (!response.ok) {
    const body = payload as Partial<ApiErrorBody> | null;
    const error = body?.error
      ? new ApiError(response.status, body.error.code, body.error.message, body.error.data)
      : new ApiError(response.status, `HTTP_${response.status}`, response.statusText || "Request failed");
    if (response.status === 401 && path !== "/api/auth/login") {
      for (const listener of unauthorizedListeners) listener(error);
    }
    throw error;
  }
  return payload as T;
}

/** Builds a query string from defined, non-empty values. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : "";
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
