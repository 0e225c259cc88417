import { ApiError, conflict, notFound } from "../../shared/errors";
import type { CustomerWriteProblem } from "../../db/customerWrites";
import type { HierarchyProblem } from "../../db/hierarchy";
import type { TakenAlias } from "../../db/customerAliases";
import { refusal as hierarchyRefusal } from "./organizationRefusals";

/**
 * The answer to a refused customer write (nothing was written): alias
 * values of other customers (409), then the hierarchy's refusals of
 * `parentId` as the organization endpoints give them (422 for an unknown
 * parent, 409 for a customer under another parent or under itself), and
 * 404 when the replaced customer (`customerId`) is not there.
 */
export function customerRefusal(problems: CustomerWriteProblem[], customerId: string | undefined, parentId: string | undefined): ApiError {
  const taken = problems.filter((problem): problem is CustomerWriteProblem & { kind: "alias_taken" } => problem.kind === "alias_taken");
  if (taken.length > 0) return aliasTaken(taken);
  const hierarchy = problems as HierarchyProblem[];
  if (hierarchy.some((problem) => problem.kind === "customer_not_found" && problem.customerId === customerId)) return notFound("customer");
  if (hierarchy.some((problem) => problem.kind === "customer_not_found" && problem.customerId === parentId)) {
    return new ApiError(422, "customer_not_found", `parentId names no customer of this workspace: ${parentId}`);
  }
  return hierarchyRefusal(hierarchy);
}

/** 409: alias values name one customer each in a workspace. */
export function aliasTaken(taken: TakenAlias[]): ApiError {
  const names = taken.map((alias) => `'${alias.value}' already names customer ${alias.customerId}`).join("; ");
  return conflict("customer_alias_taken", `${names}. An alias value names one customer of the workspace.`);
}

/** 409: a customer cannot be its own parent. */
export const ownParent = () => conflict("customer_organization_cycle", "parentId is the customer itself: it would end up under itself");
