// The one place where errors become HTTP responses: `{ error: { code, message, data? } }`.
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { DomainError } from "../lib/errors.ts";
import { MoneyError } from "../lib/money.ts";
import { PricingError } from "../modules/pricing/engine.ts";

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof MoneyError || error instanceof PricingError) {
      const mapped = domainErrorOf(error);
      return reply
        .status(mapped.httpStatus)
        .send({ error: { code: mapped.code, message: mapped.message, data: mapped.data } });
    }
    if (error instanceof DomainError) {
      return reply
        .status(error.httpStatus)
        .send({ error: { code: error.code, message: error.message, data: error.data } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: `${error.validationContext ?? "body"}${v.instancePath.replaceAll("/", ".")}`,
        message: v.message,
      }));
      const summary = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
      return reply.status(400).send({
        error: { code: "VALIDATION_FAILED", message: `Invalid request: ${summary}`, data: { issues } },
      });
    }
    const known = mapFrameworkError(error);
    if (known)
      return reply.status(known.status).send({ error: { code: known.code, message: known.message } });
    request.log.error({ err: error }, "unhandled error");
    return reply
      .status(500)
      .send({ error: { code: "INTERNAL", message: "Something went wrong on our side; it has been logged" } });
  });
}

/** Unknown /api paths get a JSON 404; other GETs get the web app's index.html when it is served,
 * so client-side routes such as /desk/orders/42 load the app. */
export function installNotFound(app: FastifyInstance, serveWebIndex: boolean): void {
  app.setNotFoundHandler((request, reply) => {
    if (serveWebIndex && request.method === "GET" && !request.url.startsWith("/api/"))
      return reply.sendFile("index.html");
    return reply
      .status(404)
      .send({ error: { code: "NOT_FOUND", message: `No route ${request.method} ${request.url}` } });
  });
}

function mapFrameworkError(error: FastifyError): { status: number; code: string; message: string } | null {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return { status: 400, code: "INVALID_JSON", message: "The request body is not valid JSON" };
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { status: 413, code: "BODY_TOO_LARGE", message: "The request body is too large" };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return {
        status: 415,
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: "Send JSON (content-type: application/json)",
      };
    case "FST_CSRF_INVALID_TOKEN":
    case "FST_CSRF_MISSING_SECRET":
      return {
        status: 403,
        code: "CSRF_INVALID",
        message: "Missing or invalid x-csrf-token header; reload and retry",
      };
  }
  if (error.statusCode === 429) return { status: 429, code: "RATE_LIMITED", message: error.message };
  if (error instanceof SyntaxError)
    return { status: 400, code: "INVALID_JSON", message: "The request body is not valid JSON" };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, code: "BAD_REQUEST", message: error.message };
  }
  return null;
}

/** Money and pricing errors carry their own codes; the API shows them under one domain code each. */
export function domainErrorOf(error: MoneyError | PricingError): DomainError {
  if (error instanceof MoneyError) {
    return new DomainError("INVALID_AMOUNT", error.message, { reason: error.code });
  }
  return new DomainError("PRICING_INVALID", error.message, { reason: error.code, ...error.data });
}
