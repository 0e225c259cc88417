import { ApiError, conflict, notFound } from "../../shared/errors";
import type { HierarchyProblem, ProblemKind } from "../../db/hierarchy";

/**
 * The answer to a refused hierarchy write, most basic problem first: a
 * missing organization (404), unknown customers (422, naming every id), a
 * customer that already belongs to another organization (409), a customer
 * that would end up under itself (409).
 */
export function refusal(problems: HierarchyProblem[]): ApiError {
  if (has(problems, "organization_not_found")) return notFound("customer_organization");
  const unknown = only(problems, "customer_not_found");
  if (unknown.length > 0) {
    const ids = unknown.map((problem) => problem.customerId).join(", ");
    return new ApiError(422, "customer_not_found", `Unknown customer ids in this workspace: ${ids}`);
  }
  const taken = only(problems, "already_member");
  if (taken.length > 0) {
    return conflict(
      "customer_already_in_organization",
      taken
        .map((problem) => `Customer ${problem.customerId} already belongs to organization ${problem.organizationId}`)
        .join("; ") + ". A customer is a member of at most one organization.",
    );
  }
  return conflict(
    "customer_organization_cycle",
    only(problems, "cycle")
      .map(
        (problem) =>
          `Customer ${problem.customerId} cannot become a member under ${problem.ownerId}: ` +
          `${problem.ownerId} is already under it through organization ${problem.organizationId}, ` +
          `so it would end up under itself`,
      )
      .join("; "),
  );
}

function has(problems: HierarchyProblem[], kind: ProblemKind): boolean {
  return problems.some((problem) => problem.kind === kind);
}

function only(problems: HierarchyProblem[], kind: ProblemKind): HierarchyProblem[] {
  return problems.filter((problem) => problem.kind === kind);
}
