// The text rule (textRule.ts) as zod schemas: build every string input from these.
// zod/mini through ./zod.ts, as every schema the Worker loads (docs/bundle-and-startup.md).
import * as z from "./zod";
import { lowerUuid, textProblem, type TextKind } from "./textRule";

export { isText, isUuidShaped, lowerUuid, textProblem, type TextKind } from "./textRule";

/**
 * The check of one kind as a zod check. One instance per kind, so a test can
 * tell that a schema carries it (test/workers/inputRules/coverage.test.ts).
 * Its issue stops the checks after it: one clear message per field.
 */
function textCheck(kind: TextKind) {
  return z.check<string>((payload) => {
    const problem = textProblem(payload.value, kind);
    if (problem) payload.issues.push({ code: "custom", message: problem, input: payload.value, continue: false });
  });
}

export const TEXT_CHECKS: Readonly<Record<TextKind, z.core.$ZodCheck<string>>> = {
  value: textCheck("value"),
  prose: textCheck("prose"),
  name: textCheck("name"),
};

export interface TextOptions {
  /** Most UTF-16 code units (JavaScript's length; SQLite's length() counts code points, never more). */
  max: number;
  /** Fewest code units, after trimming. */
  min?: number;
  /** Defaults to `value`. */
  kind?: TextKind;
  /** Drop leading and trailing white space (String.prototype.trim) before every check. */
  trim?: boolean;
  /** The message when the value is absent or shorter than `min` (a vendor's own words, e.g. Datadog's); other type errors keep theirs. */
  missing?: string;
}

/** A string field held to the text rule of its kind. Build every string input from this (or the schemas below). */
export function text({ max, min, kind = "value", trim = false, missing }: TextOptions): z.ZodMiniString {
  const schema = missing === undefined ? z.string() : z.string({ error: (issue) => (issue.input === undefined ? missing : undefined) });
  return schema.check(
    ...(trim ? [z.trim()] : []),
    TEXT_CHECKS[kind],
    ...(min !== undefined ? [z.minLength(min, missing)] : []),
    z.maxLength(max),
  );
}

/** A required name or label: trimmed (the stored value is the trimmed one), with a visible character. */
export function nameText(max: number): z.ZodMiniString {
  return text({ kind: "name", trim: true, min: 1, max });
}

/** Holds a string format (email, URL, date) to the `value` rule too. */
export function plain<T extends z.ZodMiniStringFormat>(format: T): T {
  return format.check(TEXT_CHECKS.value);
}

/**
 * An ISO 8601 date and time with `Z` or an offset (seconds required, as RFC 3339 has them; fractions
 * optional), read as UTC with milliseconds (`2024-07-30T12:00:00.000Z`),
 * the form stored: such timestamps sort as text. An offset can carry the
 * instant out of the years 0000 to 9999 in UTC, where toISOString writes a
 * six-digit year (`+010000-...`) that would sort before every other: refused
 * as no datetime of the form stored.
 */
export const IsoTimestamp = z.pipe(
  plain(z.iso.datetime({ offset: true, local: false })),
  z.transform((value: string, payload) => {
    const utc = new Date(value).toISOString();
    if (utc.length > 24) payload.issues.push({ code: "invalid_format", format: "datetime", input: value });
    return utc;
  }),
);

/** An email address; stored as given, matched without regard to case. */
// 254: the longest address an SMTP path carries (RFC 5321 4.5.3.1.3, less its angle brackets).
export const Email = plain(z.email()).check(z.maxLength(254));

/**
 * A UUID in any case (RFC 9562: they compare case-insensitively), read in
 * lower case: the form stored and every answer uses.
 */
export const Uuid = plain(z.uuid()).check(z.toLowerCase());

/**
 * Text that names a record by its id where a wrong id is "not found" rather
 * than a malformed request (path segments, Datadog's user_uuids): a UUID in
 * any case is read in lower case, other text is kept and matches nothing.
 */
export function recordId(max = 255): z.ZodMiniString {
  return text({ max }).check(z.overwrite(lowerUuid));
}

/**
 * A whole number in a query string, `min` to `max`, `fallback` when absent:
 * decimal digits only, then range-checked. `Number()` (zod's coerce) would also
 * read `0x10`, `1e1` and ` 5`, which no client means. The OpenAPI document shows
 * the integer it is, with its range and default, not the digits the pipe reads.
 */
export function queryInteger(name: string, min: number, max: number, fallback: number, description?: string | false) {
  const integer = z.pipe(
    // More digits than a double holds read as the largest one, so the range check words the refusal;
    // digits are an integer already (z.int() would add its own words past 2^53).
    z.pipe(text({ max: 1000 }).check(z.regex(/^\d+$/, `${name} must be a non-negative integer`)), z.transform(finiteNumber)),
    z.number().check(z.minimum(min, `${name} must be at least ${min}`), z.maximum(max, `${name} must be at most ${max}`)),
  );
  if (!DOCUMENTED) return z._default(integer, fallback);
  const documented = { type: "integer", minimum: min, maximum: max, default: fallback, ...(description && { description }) };
  const override = ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
    for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
    Object.assign(jsonSchema, documented);
  };
  return z._default(integer, fallback).check(z.meta({ override } as Record<string, unknown>));
}

const finiteNumber = (digits: string) => Math.min(Number(digits), Number.MAX_VALUE);

/** `limit`: items per page, 1 to 100, default 20 (Sequence's, and the admin API's and the feeds'). */
export const PageLimit = queryInteger("limit", 1, 100, 20, DOCUMENTED && "Items per page, 1 to 100 (default 20).");
