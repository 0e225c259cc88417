import { UNSEEN_WORKSPACE } from "../db/keyGate";
import type { AppRequest } from "../shared/context";
import { workspaceNamedBy } from "./keys";

/**
 * The workspace whose seat object a signed-in request's seat change goes to
 * (objects are addressed by `${workspaceId}:${productCode}`). A key this
 * isolate knows: its workspace. One it has not seen: the workspace its id
 * names, if the id carries this deployment's tag; the object's batch then
 * checks that the key is that workspace's, active, with the presented secret
 * and the permission, so the change is still one D1 round trip. Otherwise
 * (a key minted before ids named their workspace) the key is looked up
 * first. Not proof of anything: only the object's verdict is.
 */
export async function seatWorkspaceOf(request: AppRequest, env: Env): Promise<string> {
  if (request.auth.workspaceId !== UNSEEN_WORKSPACE) return request.auth.workspaceId;
  const named = await workspaceNamedBy(request.auth.keyId, env.ADMIN_TOKEN);
  if (named !== undefined) return named;
  await request.keyGate?.identify();
  return request.auth.workspaceId;
}
