// The text rule as plain functions, without zod: the surfaces use it on every request,
// so it must not pull the schema builders of text.ts into a Worker's startup.
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

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` is 32 hex digits in UUID groups (any version, any case). */
export function isUuidShaped(id: string): boolean {
  return UUID_SHAPE.test(id);
}

/** `id` in lower case when it is shaped like a UUID, else unchanged. */
export function lowerUuid(id: string): string {
  return isUuidShaped(id) ? id.toLowerCase() : id;
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
