// Every route declares who may call it (`config.access`); routes without a declaration refuse to
// register, so forgetting the check is a boot error rather than an open door.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { DomainError } from "../lib/errors.ts";
import { API_SCOPES } from "../modules/auth/api-keys.ts";
import type { Role } from "../modules/auth/schema.ts";

export type Caller = {
  userId: number;
  role: Role;
  accountId: number | null;
  name: string;
  email: string;
  // Set when the caller authenticated with an API key: only these scopes are allowed.
  scopes: string[] | null;
};

export type Access = "public" | { roles: readonly Role[] | "any"; scope?: string };

export const STAFF: readonly Role[] = [
  "admin",
  "order_desk",
  "sales_rep",
  "sales_manager",
  "finance",
  "warehouse",
];
export const ORDER_TAKERS: readonly Role[] = ["admin", "order_desk", "sales_rep", "sales_manager"];

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyInstance {
    routeAccess: { method: string; url: string; access: Access }[];
  }
}

/** Must be registered before any route. */
export function requireAccessDeclarations(app: FastifyInstance): void {
  app.decorate("routeAccess", []);
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/") || route.url.startsWith("/api/docs")) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} does not declare config.access`);
    // A scope no API key can be given would lock integrations out of the route silently.
    if (access !== "public" && access.scope && !(API_SCOPES as readonly string[]).includes(access.scope)) {
      throw new Error(
        `route ${route.method} ${route.url} uses scope ${access.scope}, which is not in API_SCOPES`,
      );
    }
    for (const method of [route.method].flat()) {
      if (method !== "HEAD") app.routeAccess.push({ method, url: route.url, access });
    }
  });
}

/** Checks each request against its route's declaration; register after authentication. */
export function enforceAccess(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || access === "public") return;
    // Before the body is read or validated: a caller without access learns nothing about the input.
    checkAccess(request, access);
  });
}

function checkAccess(request: FastifyRequest, access: Exclude<Access, "public">): void {
  const caller = request.caller;
  if (!caller) throw new DomainError("NOT_AUTHENTICATED", "Sign in first");
  if (access.roles !== "any" && !access.roles.includes(caller.role)) {
    throw new DomainError("FORBIDDEN", `Your role (${caller.role}) may not do this`);
  }
  if (caller.scopes && access.scope && !caller.scopes.includes(access.scope)) {
    throw new DomainError("FORBIDDEN", `This API key lacks the scope ${access.scope}`, {
      scope: access.scope,
    });
  }
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new DomainError("NOT_AUTHENTICATED", "Sign in first");
  return request.caller;
}

/** The account a caller is confined to: a buyer's own company, or null (all) for staff. */
export function accountScope(caller: Caller): number | null {
  return caller.role === "buyer" ? caller.accountId : null;
}
