// Exceptions inbox, resolution and assignment; notifications and stored mail. Staff only.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { callerOf, STAFF } from "../../app/access.ts";
import type { Db } from "../../app/db.ts";
import { notFound } from "../../lib/errors.ts";
import { ROLES } from "../auth/schema.ts";
import { listMail } from "../notifications/mail.ts";
import { listNotifications, markNotificationRead } from "../notifications/notify.ts";
import { resolveOrderException } from "../orders/resolve-exception.ts";
import { getException, listExceptions } from "./queries.ts";
import { assignException } from "./resolve.ts";
import { EXCEPTION_STATUSES } from "./schema.ts";
import { RESOLUTION_ACTIONS } from "./types.ts";

const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});

const ListQuery = z.object({
  scope: z.enum(["mine", "team", "all"]).default("mine"),
  status: z.enum([...EXCEPTION_STATUSES, "any"]).default("open"),
  type: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const ResolveBody = z.object({
  action: z.enum(RESOLUTION_ACTIONS),
  reason: z.string().trim().min(1, "a reason is required").max(2000),
});

const AssignBody = z.union([
  z.object({ userId: z.number().int().positive(), reason: z.string().trim().max(2000).optional() }).strict(),
  z
    .object({
      role: z.enum(ROLES.filter((r) => r !== "buyer") as [string, ...string[]]),
      reason: z.string().trim().max(2000).optional(),
    })
    .strict(),
]);

const actorOf = (caller: ReturnType<typeof callerOf>) => ({
  userId: caller.userId,
  name: caller.name,
  role: caller.role,
});

export async function workflowRoutes(app: FastifyInstance, db: Db): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = { roles: STAFF, scope: "exceptions:read" };
  const staffWrite = { roles: STAFF, scope: "exceptions:write" };

  r.get(
    "/api/exceptions",
    { config: { access: staff }, schema: { tags: ["exceptions"], querystring: ListQuery } },
    async (request) => {
      const caller = callerOf(request);
      const { status, ...rest } = request.query;
      return listExceptions(
        db,
        { ...rest, status: status === "any" ? undefined : status },
        caller,
        new Date(),
      );
    },
  );

  r.get(
    "/api/exceptions/:id",
    { config: { access: staff }, schema: { tags: ["exceptions"], params: IdParams } },
    async (request) => ({ exception: await getException(db, request.params.id, new Date()) }),
  );

  r.post(
    "/api/exceptions/:id/resolve",
    { config: { access: staffWrite }, schema: { tags: ["exceptions"], params: IdParams, body: ResolveBody } },
    async (request) => {
      const caller = callerOf(request);
      const now = new Date();
      await resolveOrderException(
        db,
        request.params.id,
        request.body.action,
        request.body.reason,
        actorOf(caller),
        now,
      );
      return { exception: await getException(db, request.params.id, now) };
    },
  );

  r.post(
    "/api/exceptions/:id/assign",
    { config: { access: staffWrite }, schema: { tags: ["exceptions"], params: IdParams, body: AssignBody } },
    async (request) => {
      const caller = callerOf(request);
      const now = new Date();
      const { reason, ...target } = request.body;
      await assignException(db, request.params.id, target, actorOf(caller), now, reason ?? null);
      return { exception: await getException(db, request.params.id, now) };
    },
  );

  r.get(
    "/api/notifications",
    {
      config: { access: { roles: STAFF, scope: "notifications:read" } },
      schema: {
        tags: ["notifications"],
        querystring: z.object({
          unread: z.enum(["true", "false"]).default("false"),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) =>
      listNotifications(db, callerOf(request), {
        unreadOnly: request.query.unread === "true",
        limit: request.query.limit,
      }),
  );

  r.post(
    "/api/notifications/:id/read",
    {
      config: { access: { roles: STAFF, scope: "notifications:write" } },
      schema: { tags: ["notifications"], params: IdParams },
    },
    async (request) => {
      const ok = await markNotificationRead(db, request.params.id, callerOf(request), new Date());
      if (!ok) throw notFound("Notification", request.params.id);
      return { read: true };
    },
  );

  r.get(
    "/api/mail",
    {
      config: { access: { roles: ["admin"], scope: "mail:read" } },
      schema: {
        tags: ["notifications"],
        querystring: z.object({
          status: z.enum(["queued", "sending", "sent", "failed"]).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
    },
    async (request) => listMail(db, request.query),
  );
}
