import * as z from "../../shared/zod";
import type { CustomerFilters, CustomerListPage, CustomerSort } from "../../db/customerList";
import type { KeyValues } from "../../db/keyset";
import { CursorParam, QueryBoolean, SortedCursors } from "../../surfaces/sequencePagination";
import { PageLimit, text as textRule } from "../../shared/text";
import { emailAddress, text } from "./text";

/** A cursor as encodeCursor() makes them: the sort's name, then its key values. */
const Cursor = CursorParam(z.tuple([z.string()], z.union([z.string(), z.number()])));

const SORT_BY = "createdAt (the default), legalName, or customProperties.<key>";

/** `sortBy`: creation time, legal name, or a custom property's value. */
const SortBy = z
  .pipe(
    textRule({ max: 200 }),
    z.transform((value: string, context): CustomerSort => {
      if (value === "createdAt") return { by: "createdAt" };
      if (value === "legalName") return { by: "legalName" };
      const key = value.startsWith("customProperties.") ? value.slice("customProperties.".length) : "";
      if (key.length > 0 && key.length <= 100) return { by: "customProperty", key };
      context.issues.push({ code: "custom", message: `must be ${SORT_BY}`, input: value });
      return z.NEVER;
    }),
  )
  .check(...z.described(DOCUMENTED && `Sort column: ${SORT_BY}. By a custom property, customers without it come last in either direction.`));

/** The name a sort has in `sortBy` and in its cursors. */
export function sortName(sort: CustomerSort): string {
  return sort.by === "customProperty" ? `customProperties.${sort.key}` : sort.by;
}

/** The key values each sort's cursor carries after its name (see sortKeysOf in src/db/customerList.ts). */
function cursorKeys(sort: CustomerSort): z.core.$ZodType<KeyValues> {
  if (sort.by === "createdAt") return z.tuple([z.string()]);
  if (sort.by === "legalName") return z.tuple([z.string(), z.string()]);
  return z.tuple([z.union([z.literal(0), z.literal(1)]), z.string(), z.string()]);
}

/**
 * GET /api/customers: Sequence's documented query parameters, each applied
 * (docs/customers.md says how); any other parameter is refused with 400.
 */
export const CustomerListQuery = z
  .strictObject({
    limit: PageLimit,
    after: z.optional(Cursor).check(...z.described(DOCUMENTED && "Cursor: the page after this one (`pagination.after`).")),
    before: z.optional(Cursor).check(...z.described(DOCUMENTED && "Cursor: the page before this one (`pagination.before`).")),
    legalName: z.optional(text(500)).check(...z.described(DOCUMENTED && "Exact legal name.")),
    email: z.optional(emailAddress()).check(...z.described(DOCUMENTED && "Customers with a contact (not archived) of this email, ignoring case.")),
    alias: z.optional(text(200)).check(...z.described(DOCUMENTED && "The customer this alias value names.")),
    label: z.optional(text(200)).check(...z.described(DOCUMENTED && "Exact label.")),
    includeArchived: z._default(QueryBoolean, false).check(...z.described(DOCUMENTED && "Include archived customers (default false).")),
    billingStatus: z.optional(z.enum(["ACTIVE", "INACTIVE"])).check(
      ...z.described(DOCUMENTED && "Derived from billing schedules, which Seatkeeper does not have: no customer has a current one, so ACTIVE " +
          "matches none and INACTIVE every customer."),
    ),
    sortBy: z._default(SortBy, { by: "createdAt" }),
    sortOrder: z._default(z.enum(["ASC", "DESC"]), "DESC").check(...z.described(DOCUMENTED && "Sort order (default DESC).")),
  })
  .check(SortedCursors((query) => ({ name: sortName(query.sortBy), keys: cursorKeys(query.sortBy) })));
export type CustomerListQuery = z.output<typeof CustomerListQuery>;

/** The data layer's filters and page of a valid query. */
export function toListArgs(query: CustomerListQuery): { filters: CustomerFilters; page: CustomerListPage } {
  const keys = (cursor: readonly unknown[] | undefined) => cursor?.slice(1) as KeyValues | undefined;
  return {
    filters: {
      legalName: query.legalName,
      email: query.email,
      alias: query.alias,
      label: query.label,
      includeArchived: query.includeArchived,
      hasBillingSchedule: query.billingStatus === undefined ? undefined : query.billingStatus === "ACTIVE",
    },
    page: { sort: query.sortBy, direction: query.sortOrder, limit: query.limit, after: keys(query.after), before: keys(query.before) },
  };
}
