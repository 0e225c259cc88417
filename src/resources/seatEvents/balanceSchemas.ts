import * as z from "../../shared/zod";
import type { BalanceFilters, CustomerSeatBalances } from "../../db/seatBalances";
import { IsoTimestamp } from "../../shared/text";
import { QueryBoolean } from "../../surfaces/sequencePagination";
import type { CustomerSeatBalancesWire } from "./responses";
import { PageLimit, Uuid } from "../../shared/text";
import { CommaList } from "./query";

/**
 * GET /api/seat-balances: Sequence's three filters, the paging other
 * Sequence lists take (its document names none, yet answers `pagination`),
 * and two Seatkeeper extensions, `at` and `includeMembers`.
 */
export const SeatBalanceQuery = z
  .strictObject({
    limit: PageLimit,
    after: z.optional(Uuid).check(...z.described(DOCUMENTED && "Cursor: `pagination.after` of the page before.")),
    before: z.optional(Uuid).check(...z.described(DOCUMENTED && "Cursor: `pagination.before` of the page after.")),
    excludeZeroQuantity: z._default(QueryBoolean, false).check(
      ...z.described(DOCUMENTED && "Leave out customers whose balances sum to 0 (default false)."),
    ),
    customerAliases: z.optional(CommaList(25, "aliases")).check(
      ...z.described(DOCUMENTED && "Comma-separated alias values, at most 25: the customers that own them."),
    ),
    customerIds: z.optional(CommaList(25, "customer ids")).check(...z.described(DOCUMENTED && "Comma-separated, at most 25.")),
    at: z.optional(IsoTimestamp).check(
      ...z.described(DOCUMENTED && "**Seatkeeper extension**: the balances as the current seat events up to this moment (ISO 8601) describe them. " +
          "Not with excludeZeroQuantity or includeMembers."),
    ),
    includeMembers: z._default(QueryBoolean, false).check(
      ...z.described(DOCUMENTED && "**Seatkeeper extension**: each customer's balances include those of the customers below it " +
          "(members of organizations it owns, and theirs). Not with excludeZeroQuantity or at."),
    ),
  })
  .check(
    z.superRefine((query, context) => {
      if (query.after && query.before) context.addIssue({ code: "custom", message: "Pass either after or before, not both" });
      // Each of these walks a different trigger-kept table; together they would need a scan.
      const combined = [query.excludeZeroQuantity && "excludeZeroQuantity", query.at !== undefined && "at", query.includeMembers && "includeMembers"];
      const given = combined.filter(Boolean);
      if (given.length > 1) context.addIssue({ code: "custom", message: `${given.join(" and ")} cannot be combined` });
    }),
  );
export type SeatBalanceQuery = z.output<typeof SeatBalanceQuery>;

/** The data layer's filters of a valid query. */
export function toBalanceFilters(query: SeatBalanceQuery): BalanceFilters {
  return {
    customerIds: query.customerIds?.map((id) => id.toLowerCase()),
    customerAliases: query.customerAliases,
    excludeZeroQuantity: query.excludeZeroQuantity,
    at: query.at,
    includeMembers: query.includeMembers,
  };
}

/** A customer's balances in Sequence's CustomerSeatBalances shape. */
export function toCustomerSeatBalancesWire(customer: CustomerSeatBalances): CustomerSeatBalancesWire {
  const changes = customer.balances.map((balance) => balance.changeTimestamp);
  return {
    id: customer.customerId,
    sequenceAccountId: customer.workspaceId,
    legalName: customer.legalName,
    customerAliases: customer.aliases,
    total: customer.balances.reduce((sum, balance) => sum + balance.total, 0),
    changeTimestamp: changes.length === 0 ? customer.createdAt : changes.reduce((latest, time) => (time > latest ? time : latest)),
    balances: customer.balances,
  };
}
