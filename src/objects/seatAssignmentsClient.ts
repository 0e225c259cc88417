import type { AppRequest } from "../shared/context";
import { UNSEEN_WORKSPACE } from "../db/keyGate";
import type { SeatChange, SeatChangeResult } from "../db/seatAssignments";
import { overloadAs429 } from "./overload";
import type { SeatAssignments, SeatOutcome } from "./seatAssignments";

/** The stub of the object that serializes this product code's seats in this workspace. */
export function seatAssignmentsObject(env: Env, workspaceId: string, productCode: string): DurableObjectStub<SeatAssignments> {
  // The object of "the unseen key's workspace" would be nobody's: identify the key first (request.keyGate.identify()).
  if (workspaceId === UNSEEN_WORKSPACE) throw new Error("A seat object needs the key's workspace: identify the key first");
  return env.SEAT_ASSIGNMENTS.getByName(`${workspaceId}:${productCode}`);
}

/**
 * Runs one change on the product code's object. A fresh stub per call (a
 * stub that threw is not reused); no retry here: the runtime already retries
 * calls that never reached the object, and an overloaded object must not be
 * hammered, so the client is told to back off (429, which Datadog's client reads).
 * The object's batch checks the caller's key (change.key), so the request's
 * key gate learns the answer from it (and whether the write left webhook
 * deliveries to send), and the request's session the bookmark it reached.
 */
export async function changeSeats(
  env: Env,
  request: Pick<AppRequest, "auth" | "keyGate" | "session">,
  kind: "assign" | "unassign",
  change: SeatChange,
): Promise<SeatChangeResult> {
  const seats = seatAssignmentsObject(env, change.workspaceId, change.productCode);
  const { bookmark, outboxWaiting, ...outcome }: SeatOutcome = await overloadAs429(async () =>
    kind === "assign" ? await seats.assign(change) : await seats.unassign(change),
  );
  request.keyGate?.wroteElsewhere(outboxWaiting);
  // Any answer but key_inactive means the object's verdict found the key active, and this workspace's.
  if (outcome.ok || outcome.reason.kind !== "key_inactive") {
    request.auth.workspaceId = change.workspaceId;
    request.keyGate?.confirmedElsewhere();
    request.session?.reached(bookmark);
  }
  return outcome;
}
