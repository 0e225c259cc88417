import * as z from "./zod";
import { recordId } from "./text";

/** `{id}` of a path: a record's id; a UUID in any case is read in lower case, other text finds nothing (404). */
export const IdParams = z.object({ id: recordId() });

const defaultParams = new Map<string, z.core.$ZodObject>();

/**
 * The schema of a route's path parameters: its own `params`, which must name
 * exactly the path's `{placeholders}`, else a record id for each (the text
 * rule; a UUID in any case read in lower case). The router validates the
 * percent-decoded segments with it; the document shows it.
 */
export function pathParamsSchema(path: string, params: z.core.$ZodObject | undefined): z.core.$ZodObject {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  if (!params) {
    let schema = defaultParams.get(path);
    if (!schema) defaultParams.set(path, (schema = z.object(Object.fromEntries(names.map((name) => [name, recordId()])))));
    return schema;
  }
  if (Object.keys(params._zod.def.shape).sort().join() !== [...names].sort().join()) {
    throw new Error(`${path}: params must name exactly ${names.join(", ") || "no parameters"}`);
  }
  return params;
}
