// zod as the Worker uses it: zod/mini (a third of classic zod's size, and cheaper to build and to
// parse at startup; docs/bundle-and-startup.md), with zod's English messages, which classic zod
// installs by itself and zod/mini does not (./zodMessages: the locale's wording, for the issues our
// schemas raise). Every module that builds schemas imports zod from here.
import { _isoDateTime, type $ZodISODateTimeParams } from "zod/v4/core";
import * as z from "zod/mini";
import { englishMessage } from "./zodMessages";

z.config({ localeError: englishMessage });

export * from "zod/mini";

/**
 * A description for the OpenAPI document, as checks to spread into `.check()`:
 * `.check(z.maxLength(50), ...z.described(DOCUMENTED && "…"))`. In the Worker's build
 * DOCUMENTED is false (wrangler.toml), so the text folds away and no check is added.
 */
export function described<T>(description: string | false): z.core.$ZodCheck<T>[] {
  // DOCUMENTED first: the Worker's build then drops z.meta (and zod's registry code) altogether.
  return DOCUMENTED && description ? [z.meta<T>({ description })] : [];
}

// zod/mini's `iso` is a namespace, which the bundle keeps whole once one member is used (date,
// time and duration with their regexes): this is the same builder with only the member the
// service's schemas use.

/** `z.iso.datetime`. */
export const iso = {
  datetime: (params?: string | $ZodISODateTimeParams) => _isoDateTime(z.ZodMiniISODateTime, params),
};
