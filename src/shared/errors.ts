import type * as z from "zod/mini";

/**
 * An expected failure that becomes an HTTP response. `type` is a snake_case
 * code; each vendor surface renders it in its own error body.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** 400 for input that failed its schema; keeps zod's issues, and their formatted tree that Seam lists per field. */
export class ValidationError extends ApiError {
  constructor(
    readonly issues: z.core.$ZodIssue[],
    readonly formatted: z.core.$ZodFormattedError<unknown>,
  ) {
    super(400, "invalid_input", issues.map(describeIssue).join("; "));
  }
}

/** `field: message`, unless the message already starts with the field's name (a vendor's own wording). */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join(".");
  return path && !issue.message.startsWith(`${path} `) ? `${path}: ${issue.message}` : issue.message;
}

export const badRequest = (message: string, type = "invalid_input") => new ApiError(400, type, message);
export const unauthorized = (message = "Unauthorized") => new ApiError(401, "unauthorized", message);
export const forbidden = (message = "Forbidden") => new ApiError(403, "forbidden", message);
/** 404 whose type names the missing thing, as Seam does (`user_identity_not_found`). */
export const notFound = (thing: string, message = `${capitalize(thing.replaceAll("_", " "))} not found`) =>
  new ApiError(404, `${thing}_not_found`, message);
export const conflict = (type: string, message: string) => new ApiError(409, type, message);
export const unprocessable = (message: string, type = "unprocessable_entity") => new ApiError(422, type, message);

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The API key a request was checked against is unknown or revoked, or its
 * secret is not the one presented: nothing the check guarded happened, and
 * the caller learns nothing but 401.
 */
export class KeyInactive extends Error {
  constructor(readonly keyId: string) {
    super("API key is unknown or revoked");
  }
}

/** The key is valid but holds none of the route's permissions (403); nothing the check guarded happened. */
export class KeyLacksPermission extends Error {
  constructor(readonly anyOf: readonly string[]) {
    super(`This API key lacks the permission for this operation (needs any of: ${anyOf.join(", ")})`);
  }
}
