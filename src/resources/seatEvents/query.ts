import * as z from "../../shared/zod";
import { text } from "../../shared/text";

/** A comma-separated query parameter: its values, trimmed, without repeats; at most `max` of them, none empty. */
export function CommaList(max: number, what: string) {
  return z.pipe(
    text({ max: 10_000 }),
    z.transform((value: string, context): string[] => {
      const values = [...new Set(value.split(",").map((part) => part.trim()))];
      if (values.some((part) => part === "")) context.issues.push({ code: "custom", message: `lists an empty value`, input: value });
      else if (values.length > max) context.issues.push({ code: "custom", message: `lists more than ${max} ${what}`, input: value });
      else return values;
      return z.NEVER;
    }),
  );
}
