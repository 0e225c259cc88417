import { z } from "zod";

/**
 * The rule every string the API reads is held to (docs/input-rules.md).
 * Each kind adds to the one before it:
 * - `value`: well-formed text without U+0000. D1 stores neither a NUL (SQLite's
 *   length() and FTS5 stop at it) nor an unpaired surrogate (it becomes bytes
 *   that read back as U+FFFD, so distinct keys would look the same). For
 *   values that are looked up, compared or checked by a format of their own.
 * - `prose`: a `value` that people read: no control character but tab and
 *   line breaks, no bidirectional embedding/override/isolate control (the
 *   Trojan Source spoof), no zero-width space, word joiner or BOM. ZWJ and
 *   ZWNJ stay: emoji sequences and Persian or Indic names need them.
 * - `name`: `prose` on one line (no tab, line break or U+2028/U+2029 either)
 *   with at least one visible character: names, labels, keys, address parts.
 */
export type TextKind = "value" | "prose" | "name";

const ANY_CONTROL = /\p{Cc}/v;
const CONTROL_BUT_TAB_OR_LINE_BREAK = /[\p{Cc}--[\t\n\r]]/v;
const LINE_SEPARATOR = /[\u2028\u2029]/v;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/v;
// Invisible and with no job in a name; the other default-ignorables (ZWJ, ZWNJ,
// variation selectors, tag characters, LRM/RLM) shape emoji, scripts and bidi text.
const INVISIBLE = /[\u200B\u2060-\u2064\uFEFF]/v;
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}]/v;

/** Why `value` breaks the rule of `kind`, or undefined when it keeps it. */
export function textProblem(value: string, kind: TextKind): string | undefined {
  if (value.includes("\u0000")) return "must not contain U+0000 (NUL)";
  if (!value.isWellFormed()) return `must be well-formed Unicode, without unpaired surrogates (${unpairedSurrogate(value)})`;
  if (kind === "value") return undefined;
  const control = (kind === "name" ? ANY_CONTROL : CONTROL_BUT_TAB_OR_LINE_BREAK).exec(value)?.[0];
  if (control) return `must not contain control characters (${codePoint(control)})`;
  const separator = kind === "name" ? LINE_SEPARATOR.exec(value)?.[0] : undefined;
  if (separator) return `must be one line (${codePoint(separator)})`;
  const bidi = BIDI_CONTROL.exec(value)?.[0];
  if (bidi) return `must not contain bidirectional control characters (${codePoint(bidi)})`;
  const invisible = INVISIBLE.exec(value)?.[0];
  if (invisible) return `must not contain invisible characters (${codePoint(invisible)})`;
  if (kind === "name" && !VISIBLE.test(value)) return "must contain a visible character";
  return undefined;
}

/** Whether `value` keeps the rule of `kind`. */
export function isText(value: string, kind: TextKind): boolean {
  return textProblem(value, kind) === undefined;
}

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
  /** The message when the value is absent or not a string (a vendor's own words, e.g. Datadog's). */
  missing?: string;
}

/** A string field held to the text rule of its kind. Build every string input from this (or the schemas below). */
export function text({ max, min, kind = "value", trim = false, missing }: TextOptions): z.ZodString {
  let schema = missing === undefined ? z.string() : z.string({ error: missing });
  if (trim) schema = schema.trim();
  schema = schema.check(TEXT_CHECKS[kind]);
  if (min !== undefined) schema = schema.min(min);
  return schema.max(max);
}

/** A required name or label: trimmed (the stored value is the trimmed one), with a visible character. */
export function nameText(max: number): z.ZodString {
  return text({ kind: "name", trim: true, min: 1, max });
}

/** Holds a string format (email, URL, date) to the `value` rule too. */
export function plain<T extends z.ZodStringFormat>(format: T): T {
  return format.check(TEXT_CHECKS.value);
}

/**
 * An ISO 8601 date and time with `Z` or an offset (seconds and fractions
 * optional), read as UTC with milliseconds (`2024-07-30T12:00:00.000Z`),
 * the form stored: such timestamps sort as text.
 */
export const IsoTimestamp = plain(z.iso.datetime({ offset: true, local: false })).transform((value) => new Date(value).toISOString());

/** An email address; stored as given, matched without regard to case. */
export const Email = plain(z.email()).max(320);

/**
 * A UUID in any case (RFC 9562: they compare case-insensitively), read in
 * lower case: the form stored and every answer uses.
 */
export const Uuid = plain(z.uuid()).toLowerCase();

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` is 32 hex digits in UUID groups (any version, any case). */
export function isUuidShaped(id: string): boolean {
  return UUID_SHAPE.test(id);
}

/** `id` in lower case when it is shaped like a UUID, else unchanged. */
export function lowerUuid(id: string): string {
  return isUuidShaped(id) ? id.toLowerCase() : id;
}

/**
 * Text that names a record by its id where a wrong id is "not found" rather
 * than a malformed request (path segments, Datadog's user_uuids): a UUID in
 * any case is read in lower case, other text is kept and matches nothing.
 */
export function recordId(max = 255): z.ZodString {
  return text({ max }).overwrite(lowerUuid);
}

function unpairedSurrogate(value: string): string {
  for (let index = 0; index < value.length; index++) {
    const unit = value.charCodeAt(index);
    const high = unit >= 0xd800 && unit <= 0xdbff;
    if (high && index + 1 < value.length && isLowSurrogate(value.charCodeAt(index + 1))) index++;
    else if (high || isLowSurrogate(unit)) return codePoint(String.fromCharCode(unit));
  }
  return "none";
}

const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** `U+200B` for "\u200b". */
function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}
