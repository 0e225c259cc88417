// The text rule itself (src/shared/text.ts): what each kind accepts and refuses.
import { describe, expect, it } from "vitest";
import { isText, recordId, textProblem, Uuid, type TextKind } from "../../../src/shared/text";

const KINDS: TextKind[] = ["value", "prose", "name"];

// [what, value, accepted by value / prose / name]
const CASES: [string, string, [boolean, boolean, boolean]][] = [
  ["plain ASCII", "Ada Lovelace", [true, true, true]],
  ["accents and CJK", "Zoë 東京", [true, true, true]],
  ["an emoji ZWJ sequence", "family 👨\u200d👩\u200d👧", [true, true, true]],
  ["ZWNJ inside a Persian word", "می\u200cخواهم", [true, true, true]],
  ["a flag with tag characters", "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}", [true, true, true]],
  ["a right-to-left mark in Hebrew", "שלום\u200f", [true, true, true]],
  ["an emoji with a variation selector", "\u2764\ufe0f", [true, true, true]],
  ["a pair of surrogates (one astral character)", "\u{1F600}", [true, true, true]],
  ["the empty string", "", [true, true, false]],
  ["NUL", "a\u0000b", [false, false, false]],
  ["only NUL", "\u0000", [false, false, false]],
  ["a lone high surrogate", "dup\ud800", [false, false, false]],
  ["a lone low surrogate", "\udc00dup", [false, false, false]],
  ["surrogates in the wrong order", "\udc00\ud800", [false, false, false]],
  ["a tab", "a\tb", [true, true, false]],
  ["a newline", "line\nline", [true, true, false]],
  ["CRLF", "line\r\nline", [true, true, false]],
  ["a C0 control (BEL)", "a\u0007", [true, false, false]],
  ["DEL", "a\u007f", [true, false, false]],
  ["a C1 control (NEL)", "a\u0085", [true, false, false]],
  ["a line separator", "a\u2028b", [true, true, false]],
  ["a right-to-left override (Trojan Source)", "abc\u202edcb", [true, false, false]],
  ["a first-strong isolate", "\u2068x\u2069", [true, false, false]],
  ["a zero-width space inside", "al\u200bice", [true, false, false]],
  ["a byte order mark", "\ufeffname", [true, false, false]],
  ["a word joiner", "a\u2060b", [true, false, false]],
  ["only spaces", "   ", [true, true, false]],
  ["only a ZWJ", "\u200d", [true, true, false]],
  ["only a Hangul filler", "\u3164", [true, true, false]],
  ["only a no-break space and an ideographic space", "\u00a0\u3000", [true, true, false]],
];

describe("the text rule", () => {
  it.each(CASES)("%s", (_what, value, accepted) => {
    expect(KINDS.map((kind) => isText(value, kind))).toEqual(accepted);
  });

  it("names the offending code point", () => {
    expect(textProblem("a\u0000", "value")).toBe("must not contain U+0000 (NUL)");
    expect(textProblem("dup\ud801", "value")).toMatch(/unpaired surrogate.*U\+D801/);
    expect(textProblem("x\u202e", "name")).toMatch(/bidirectional.*U\+202E/);
    expect(textProblem("\u200b", "name")).toMatch(/invisible.*U\+200B/);
    expect(textProblem("\u200d", "name")).toBe("must contain a visible character");
  });

  it("reads a UUID in any case in lower case, and refuses anything else", () => {
    expect(Uuid.parse("0190A6B2-4E6F-7000-8ABC-00000000000A")).toBe("0190a6b2-4e6f-7000-8abc-00000000000a");
    expect(Uuid.safeParse("not-a-uuid").success).toBe(false);
    expect(Uuid.safeParse("0190a6b2-4e6f-7000-8abc-00000000000\u0000").success).toBe(false);
  });

  it("keeps a record id that is no UUID as it is, for a 404", () => {
    const id = recordId();
    expect(id.parse("0190A6B2-4E6F-7000-8ABC-00000000000A")).toBe("0190a6b2-4e6f-7000-8abc-00000000000a");
    expect(id.parse("Not-A-UUID")).toBe("Not-A-UUID");
    expect(id.safeParse("a\u0000b").success).toBe(false);
  });
});
