// EDI over HTTP: raw inbound documents, the message log with reprocess, trading partner settings.
// Staff only (admin, order desk); integrations use an API key with edi:read / edi:write.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { callerOf } from "../../../app/access.ts";
import type { Db } from "../../../app/db.ts";
import { DomainError } from "../../../lib/errors.ts";
import { ingestDocument, reprocessMessage } from "./ingest.ts";
import { getMessage, listMessages } from "./messages.ts";
import { EDI_ACKS, EDI_DOCUMENTS, getPartner, listPartners, savePartner } from "./partners.ts";
import { EDI_MESSAGE_STATUSES } from "./schema.ts";

const EDI_BODY_LIMIT = 50 * 1024 * 1024;
const RAW_TYPES = ["text/plain", "application/edi-x12", "application/edifact", "application/octet-stream"];

const desk = (scope: string) => ({ roles: ["admin", "order_desk"] as const, scope });
const Id = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});
const code = (max: number) => z.string().trim().min(1).max(max);
const delimiter = z.string().max(1).nullable().default(null);

const PartnerBody = z.object({
  accountId: z.number().int().positive().nullable(),
  name: code(100),
  standard: z.enum(["x12", "edifact"]),
  version: z
    .string()
    .trim()
    .regex(/^(\d{6}[A-Z0-9]*|[A-Z]\d{2}[A-Z])$/, "e.g. 004010, 005010 or D96A"),
  ourQualifier: z.string().trim().max(4),
  ourId: code(35),
  theirQualifier: z.string().trim().max(4),
  theirId: code(35),
  ourAppCode: z.string().trim().max(15).nullable().default(null),
  theirAppCode: z.string().trim().max(15).nullable().default(null),
  elementSeparator: delimiter,
  componentSeparator: delimiter,
  segmentTerminator: delimiter,
  repetitionSeparator: delimiter,
  documents: z.array(z.enum(EDI_DOCUMENTS)).max(20).default([]),
  itemIdPreference: z.array(z.string().trim().min(1).max(3).toUpperCase()).max(12).default([]),
  acknowledgments: z.array(z.enum(EDI_ACKS)).max(4).default([]),
  duplicateWindowDays: z.number().int().min(0).max(3650).default(30),
  outboundKind: z.enum(["none", "folder", "http"]).default("none"),
  outboundTarget: z.string().trim().max(500).nullable().default(null),
  active: z.boolean().default(true),
});

const MessageQuery = z.object({
  partnerId: z.coerce.number().int().positive().optional(),
  status: z.enum(EDI_MESSAGE_STATUSES).optional(),
  direction: z.enum(["in", "out"]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});

export async function ediRoutes(app: FastifyInstance, db: Db): Promise<void> {
  // Raw EDI bodies are parsed only inside this plugin, so JSON routes elsewhere keep their parsers.
  await app.register(async (scope) => {
    scope.removeContentTypeParser("text/plain");
    scope.addContentTypeParser(
      RAW_TYPES,
      { parseAs: "buffer", bodyLimit: EDI_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      "/api/edi/inbound",
      {
        bodyLimit: EDI_BODY_LIMIT,
        config: { access: desk("edi:write") },
        schema: {
          tags: ["edi"],
          description: `Raw X12 or EDIFACT (${RAW_TYPES.join(", ")}), up to 50 MB. Stored, translated, orders created, acknowledgment returned.`,
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) {
          throw new DomainError(
            "UNSUPPORTED_MEDIA_TYPE",
            `Send the EDI document raw as one of ${RAW_TYPES.join(", ")}`,
          );
        }
        const caller = callerOf(request);
        const result = await ingestDocument(db, request.body, `http:${caller.email}`, caller);
        reply.status(result.status === "failed" ? 500 : 200);
        return result;
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/edi/messages",
    { config: { access: desk("edi:read") }, schema: { tags: ["edi"], querystring: MessageQuery } },
    async (request) => listMessages(db, request.query),
  );
  r.get(
    "/api/edi/messages/:id",
    { config: { access: desk("edi:read") }, schema: { tags: ["edi"], params: Id } },
    async (request) => ({ message: await getMessage(db, request.params.id) }),
  );
  r.post(
    "/api/edi/messages/:id/reprocess",
    { config: { access: desk("edi:write") }, schema: { tags: ["edi"], params: Id } },
    async (request) => reprocessMessage(db, request.params.id, callerOf(request)),
  );

  r.get(
    "/api/edi/partners",
    { config: { access: desk("edi:read") }, schema: { tags: ["edi"] } },
    async () => ({ partners: await listPartners(db) }),
  );
  r.get(
    "/api/edi/partners/:id",
    { config: { access: desk("edi:read") }, schema: { tags: ["edi"], params: Id } },
    async (request) => ({ partner: await getPartner(db, request.params.id) }),
  );
  // Partner settings decide where documents are sent: admins only.
  const admin = { roles: ["admin"] as const, scope: "edi:write" };
  r.post(
    "/api/edi/partners",
    { config: { access: admin }, schema: { tags: ["edi"], body: PartnerBody } },
    async (request, reply) => {
      reply.status(201);
      return { partner: await savePartner(db, request.body) };
    },
  );
  r.put(
    "/api/edi/partners/:id",
    { config: { access: admin }, schema: { tags: ["edi"], params: Id, body: PartnerBody } },
    async (request) => ({ partner: await savePartner(db, request.body, request.params.id) }),
  );
}
