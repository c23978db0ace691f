import { ZodError } from "zod";
import { DatabaseBusyError, DomainError } from "../errors";
import { CORS_HEADERS } from "./cors";

// The one error mapper for route handlers (feeds, the JSON API, exports, oEmbed). Every error
// leaves as JSON in one shape, with a status that says whose fault it was, and never with
// internals: an unexpected error is logged on the server and answered with a generic 500.

export type ApiErrorDetail = { parameter?: string; field?: string; row?: number; message: string };

export type ApiErrorCode =
  | "invalid_parameter"
  | "unknown_value"
  | "not_found"
  | "gone"
  | "method_not_allowed"
  | "unprocessable"
  | "not_acceptable"
  | "bad_request"
  | "invalid_path"
  | "uri_too_long"
  | "request_too_large"
  | "unauthorized"
  | "forbidden"
  | "too_many_requests"
  | "service_unavailable"
  | "internal_error";

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: ApiErrorDetail[];
  constructor(status: number, code: ApiErrorCode, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function notFoundError(what: string): ApiError {
  return new ApiError(404, "not_found", `${what} was not found.`);
}

export function invalidParameter(parameter: string, message: string): ApiError {
  return new ApiError(400, "invalid_parameter", `The ${parameter} parameter is not valid: ${message}`, [
    { parameter, message },
  ]);
}

export function methodNotAllowed(allowed: readonly string[]): ApiError {
  return new ApiError(405, "method_not_allowed", `This address only answers ${allowed.join(", ")}.`);
}

function describe(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) {
    const details = err.issues.map((i) => ({ parameter: i.path.map(String).join(".") || undefined, message: i.message }));
    const first = details[0];
    return new ApiError(
      400,
      "invalid_parameter",
      first?.parameter ? `The ${first.parameter} parameter is not valid: ${first.message}` : "The request is not valid.",
      details,
    );
  }
  if (err instanceof DatabaseBusyError) return new ApiError(503, "service_unavailable", err.message);
  if (err instanceof DomainError) {
    return new ApiError(422, "unprocessable", err.message, [{ field: err.field, message: err.message }]);
  }
  console.error(err);
  return new ApiError(500, "internal_error", "Something went wrong on our side. Please try again later.");
}

/** The error body every route shares: `{ "error": { "code", "message", "details" } }`. */
export function errorBodyFor(code: ApiErrorCode, message: string, details: readonly ApiErrorDetail[] = []) {
  return {
    error: {
      code,
      message,
      details: details.map((d) => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined))),
    },
  };
}

export function errorBody(err: ApiError) {
  return errorBodyFor(err.code, err.message, err.details);
}

export function toErrorResponse(err: unknown, extraHeaders: Record<string, string> = {}): Response {
  const e = describe(err);
  return new Response(JSON.stringify(errorBody(e)), {
    status: e.status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      ...CORS_HEADERS,
      ...extraHeaders,
    },
  });
}
