// Assembles the Fastify app: validation, OpenAPI, auth, access checks, module routes, the web app.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { DomainError } from "../lib/errors.ts";
import { accountRoutes } from "../modules/accounts/routes.ts";
import { registerAuth } from "../modules/auth/plugin.ts";
import { authRoutes } from "../modules/auth/routes.ts";
import { catalogRoutes } from "../modules/catalog/routes.ts";
import { ediRoutes } from "../modules/channels/edi/routes.ts";
import { fulfillmentRoutes } from "../modules/fulfillment/routes.ts";
import { purchaseOrderRoutes } from "../modules/inventory/purchase-order-routes.ts";
import { inventoryRoutes } from "../modules/inventory/routes.ts";
import { orderRoutes } from "../modules/orders/routes.ts";
import { pricingRoutes } from "../modules/pricing/routes.ts";
import { workflowRoutes } from "../modules/workflow/routes.ts";
import { enforceAccess, requireAccessDeclarations } from "./access.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db.ts";
import { installErrorHandling, installNotFound } from "./http-errors.ts";

export const WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));
const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildServer(
  db: Db,
  config: Config,
  options: { logger?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  requireAccessDeclarations(app);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Wholesail API",
        version: "0.1.0",
        description: "Order management for wholesale distributors",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "wholesail_session" },
          apiKey: { type: "http", scheme: "bearer" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new DomainError("RATE_LIMITED", `Too many attempts; try again in ${context.after}`, {
        retryAfter: context.after,
      }),
  });
  await registerAuth(app, db, config);
  enforceAccess(app);

  app.get("/api/health", { config: { access: "public" }, schema: { tags: ["system"] } }, async () => {
    await db.pool.query("select 1");
    return { status: "ok", database: db.kind };
  });
  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await authRoutes(app, db, config.loginAttemptsPerMinute);
  await orderRoutes(app, db);
  await accountRoutes(app, db);
  await catalogRoutes(app, db);
  await inventoryRoutes(app, db);
  await purchaseOrderRoutes(app, db);
  await workflowRoutes(app, db);
  await fulfillmentRoutes(app, db);
  await pricingRoutes(app, db);
  await ediRoutes(app, db);
  await serveWebApp(app);
  return app;
}

async function serveWebApp(app: FastifyInstance): Promise<void> {
  const built = existsSync(WEB_DIST);
  // wildcard: files are looked up per request, so a rebuilt web/dist is served without a restart.
  if (built) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true });
  installNotFound(app, built);
}
