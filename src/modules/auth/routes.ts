import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { callerOf, STAFF } from "../../app/access.ts";
import type { Db } from "../../app/db.ts";
import { DomainError } from "../../lib/errors.ts";
import { API_SCOPES, createApiKey, listApiKeys, revokeApiKey } from "./api-keys.ts";
import { ROLES } from "./schema.ts";
import { authenticate, createUser, getUser, listUsers } from "./users.ts";

const LoginBody = z.object({
  email: z.string().trim().min(3).max(200),
  password: z.string().min(1).max(200),
});

export async function authRoutes(
  app: FastifyInstance,
  db: Db,
  loginAttemptsPerMinute: number,
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/auth/session",
    { config: { access: "public" }, schema: { tags: ["auth"] } },
    async (request, reply) => {
      const caller = request.session.caller;
      if (!caller) return { user: null, csrfToken: null };
      return { user: await getUser(db, caller.userId), csrfToken: reply.generateCsrf() };
    },
  );

  r.post(
    "/api/auth/login",
    {
      config: {
        access: "public",
        csrfExempt: true,
        rateLimit: {
          max: loginAttemptsPerMinute,
          timeWindow: "1 minute",
          hook: "preHandler", // after body parsing, so the key can include the email
          // Per address and account: guessing one user's password is slow, and one office's
          // shared address does not lock everyone out.
          keyGenerator: (request) =>
            `${request.ip}:${String((request.body as any)?.email ?? "").toLowerCase()}`,
        },
      },
      schema: { tags: ["auth"], body: LoginBody },
    },
    async (request, reply) => {
      const user = await authenticate(db, request.body.email, request.body.password);
      if (!user) throw new DomainError("INVALID_CREDENTIALS", "Email or password is wrong");
      // A fresh session id on sign-in prevents session fixation.
      await request.session.regenerate();
      request.session.caller = {
        userId: user.id,
        role: user.role,
        accountId: user.accountId,
        name: user.name,
        email: user.email,
      };
      return { user, csrfToken: reply.generateCsrf() };
    },
  );

  r.post(
    "/api/auth/logout",
    { config: { access: { roles: "any" } }, schema: { tags: ["auth"] } },
    async (request) => {
      await request.session.destroy();
      return { ok: true };
    },
  );

  // Colleagues to hand work to (exceptions): active staff by name and role, no emails.
  r.get(
    "/api/staff",
    { config: { access: { roles: STAFF, scope: "exceptions:read" } }, schema: { tags: ["auth"] } },
    async () => ({
      staff: (
        await db.pool.query("select id, name, role from users where active and role <> 'buyer' order by name")
      ).rows,
    }),
  );

  const admin = { access: { roles: ["admin"] as const } };
  r.get("/api/users", { config: admin, schema: { tags: ["auth"] } }, async () => ({
    users: await listUsers(db),
  }));

  r.post(
    "/api/users",
    {
      config: admin,
      schema: {
        tags: ["auth"],
        body: z.object({
          email: z.email().max(200),
          name: z.string().trim().min(1).max(200),
          password: z.string().min(8).max(200),
          role: z.enum(ROLES),
          accountNumber: z.string().max(50).optional(),
        }),
      },
    },
    async (request, reply) => {
      reply.status(201);
      return { user: await createUser(db, request.body) };
    },
  );

  r.get("/api/api-keys", { config: admin, schema: { tags: ["auth"] } }, async () => ({
    apiKeys: await listApiKeys(db),
  }));

  r.post(
    "/api/api-keys",
    {
      config: admin,
      schema: {
        tags: ["auth"],
        body: z.object({
          name: z.string().trim().min(1).max(100),
          userId: z.number().int().positive().optional(),
          scopes: z.array(z.enum(API_SCOPES)).min(1),
        }),
      },
    },
    async (request, reply) => {
      const userId = request.body.userId ?? callerOf(request).userId;
      if (!(await getUser(db, userId))) throw new DomainError("NOT_FOUND", `User ${userId} not found`);
      reply.status(201);
      return { apiKey: await createApiKey(db, userId, request.body.name, request.body.scopes) };
    },
  );

  r.delete(
    "/api/api-keys/:id",
    {
      config: admin,
      schema: { tags: ["auth"], params: z.object({ id: z.coerce.number().int().positive() }) },
    },
    async (request) => {
      if (!(await revokeApiKey(db, request.params.id)))
        throw new DomainError("NOT_FOUND", "No such active API key");
      return { ok: true };
    },
  );
}
