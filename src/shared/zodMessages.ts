import type * as z from "zod/mini";

// zod's English messages (zod/v4/locales/en), worded the same, for what the service's schemas can
// raise: zod's whole locale is 1.1 KB of the gzipped Worker, most of it formats and types no route
// has. test/workers/inputRules/messages.test.ts holds every route's messages equal to the locale's.

// Only strings and arrays: no schema of the service has a set, a map, a file or a bigint.
const UNITS: Record<string, string> = { string: "characters", array: "items" };
const FORMATS: Record<string, string> = { email: "email address", url: "URL", uuid: "UUID", datetime: "ISO datetime" };

/**
 * A value's type as zod names it: `Infinity` (JSON's 1e400), `null`, `array`, or typeof's. Input
 * here is parsed JSON or a query string, never a class instance (which zod names by its class).
 */
function typeName(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? "number" : String(value);
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

const primitive = (value: unknown) => (typeof value === "string" ? `"${value}"` : String(value));

function size(issue: z.core.$ZodRawIssue<z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall>, bound: bigint | number, sign: string) {
  const unit = UNITS[issue.origin];
  const relation = issue.exact ? "exactly " : issue.inclusive ? `${sign}=` : sign;
  return `expected ${issue.origin ?? "value"} to ${unit ? "have" : "be"} ${relation}${bound}${unit ? ` ${unit}` : ""}`;
}

/** zod's `localeError`: the message of an issue that neither its schema nor its caller worded. */
export function englishMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `Invalid input: expected ${issue.expected}, received ${typeName(issue.input)}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `Invalid input: expected ${primitive(issue.values[0])}`
        : `Invalid option: expected one of ${issue.values.map(primitive).join("|")}`;
    case "too_big":
      return `Too big: ${size(issue, issue.maximum, "<")}`;
    case "too_small":
      return `Too small: ${size(issue, issue.minimum, ">")}`;
    case "invalid_format":
      // Each regex of the service words its own refusal: only zod's string formats come here.
      return `Invalid ${FORMATS[issue.format] ?? issue.format}`;
    case "unrecognized_keys":
      return `Unrecognized key${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.map(primitive).join(", ")}`;
    case "invalid_key":
      return `Invalid key in ${issue.origin}`;
    default:
      return "Invalid input";
  }
}
