// Who is asking: a cookie session (browser) or an API key (integrations). Sets request.caller.
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifySession from "@fastify/session";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Caller } from "../../app/access.ts";
import type { Config } from "../../app/config.ts";
import type { Db } from "../../app/db.ts";
import { resolveApiKey } from "./api-keys.ts";
import { postgresSessionStore } from "./session-store.ts";

const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

declare module "fastify" {
  interface Session {
    caller?: Omit<Caller, "scopes">;
  }
}

export async function registerAuth(app: FastifyInstance, db: Db, config: Config): Promise<void> {
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: config.sessionSecret,
    cookieName: "wholesail_session",
    store: postgresSessionStore(db, SESSION_MAX_AGE_MS),
    saveUninitialized: false,
    // Not rolling: re-saving the session on every request would add a write to every API call.
    rolling: false,
    cookie: {
      httpOnly: true,
      sameSite: "lax",
      secure: config.secureCookies,
      maxAge: SESSION_MAX_AGE_MS,
      path: "/",
    },
  });
  await app.register(fastifyCsrf, { sessionPlugin: "@fastify/session" });

  app.decorateRequest("caller", null);
  // onRequest: callers without access are refused before their body is even read.
  app.addHook("onRequest", async (request, reply) => {
    const apiKey = bearerToken(request);
    if (apiKey) {
      const key = await resolveApiKey(db, apiKey);
      request.caller = key
        ? {
            userId: key.userId,
            role: key.role,
            accountId: key.accountId,
            name: key.name,
            email: key.email,
            scopes: key.scopes,
          }
        : null;
      return; // API keys are not ambient credentials, so CSRF does not apply.
    }
    const sessionCaller = request.session.caller;
    request.caller = sessionCaller ? { ...sessionCaller, scopes: null } : null;
    // Browsers send cookies on cross-site requests; a token only our pages can read proves intent.
    if (request.caller && UNSAFE_METHODS.has(request.method) && !request.routeOptions.config.csrfExempt) {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
      });
    }
  });
}

declare module "fastify" {
  interface FastifyContextConfig {
    csrfExempt?: boolean;
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header?.startsWith("Bearer ")) return null;
  return header.slice("Bearer ".length).trim();
}
