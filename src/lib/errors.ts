// Typed domain errors with machine-readable codes. They are mapped to HTTP in one place
// (src/app/http-errors.ts); expected business outcomes are results, not errors.

export type ErrorCode =
  | "VALIDATION_FAILED"
  | "INVALID_JSON"
  | "BODY_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "NOT_AUTHENTICATED"
  | "FORBIDDEN"
  | "CSRF_INVALID"
  | "INVALID_CREDENTIALS"
  | "RATE_LIMITED"
  | "NOT_FOUND"
  | "UNKNOWN_SKU"
  | "UNKNOWN_ACCOUNT"
  | "UNKNOWN_SHIP_TO"
  | "INSUFFICIENT_STOCK"
  | "IDEMPOTENCY_CONFLICT"
  | "CONFLICT"
  | "PRICING_VIOLATION"
  | "PRICING_INVALID"
  | "INVALID_AMOUNT"
  | "ORDER_NOT_CHANGEABLE"
  | "LINE_NOT_FOUND";

const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_AUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  INVALID_CREDENTIALS: 401,
  RATE_LIMITED: 429,
  NOT_FOUND: 404,
  UNKNOWN_SKU: 422,
  UNKNOWN_ACCOUNT: 422,
  UNKNOWN_SHIP_TO: 422,
  INSUFFICIENT_STOCK: 409,
  IDEMPOTENCY_CONFLICT: 422,
  CONFLICT: 409,
  // The engine reported a blocking violation (CASE_MULTIPLE, BELOW_MOQ, NO_PRICE…); data.violations.
  PRICING_VIOLATION: 422,
  // A malformed pricing request or rule (bad date, currency, tier breaks…).
  PRICING_INVALID: 422,
  // A money/price value the decimal parser refuses (MoneyError).
  INVALID_AMOUNT: 422,
  // An order change on an order past confirmed/on_hold (picking, shipped, invoiced, cancelled).
  ORDER_NOT_CHANGEABLE: 409,
  // An order change naming a line the order does not have (or no longer has open).
  LINE_NOT_FOUND: 422,
};

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly data: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, data: Record<string, unknown> = {}) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.data = data;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

export function notFound(what: string, id: unknown): DomainError {
  return new DomainError("NOT_FOUND", `${what} ${String(id)} not found`, { what, id });
}
