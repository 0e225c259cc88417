// zod as the Worker uses it: zod/mini (a third of classic zod's size, and cheaper to build and to
// parse at startup; docs/bundle-and-startup.md), with zod's English messages, which classic zod
// installs by itself and zod/mini does not. Every module that builds schemas imports zod from here.
import en from "zod/v4/locales/en.js";
import * as z from "zod/mini";

z.config(en());

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
