// A path id that is no UUID names no record (404), up to 255 characters; a
// longer one is a 400 naming the parameter, the same on every route, whether
// it declares its own path schema or takes the default one.
import { beforeAll, describe, it } from "vitest";
import { expectJson } from "../helpers";
import { createWorld, expectRefusal, getAs, type SurfaceName, type World } from "./fixtures";

/** [surface, the path with ID where the id goes, the parameter's name] */
const ROUTES: [SurfaceName, string, string][] = [
  ["service", "/admin/workspaces/ID", "id"],
  ["service", "/admin/workspaces/ID/api-keys", "id"],
  ["service", "/admin/webhook-endpoints/ID", "id"],
  ["sequence", "/api/seat-metrics/ID", "id"],
  ["sequence", "/api/seat-events/ID", "id"],
  ["sequence", "/api/customers/ID", "id"],
  ["sequence", "/api/customers/ID/aliases", "id"],
  ["sequence", "/api/customers/ID/users", "id"],
  ["sequence", "/api/customers/ID/contacts", "customer"],
  ["sequence", "/api/customer-organizations/ID", "id"],
  ["sendblue", "/api/v2/seats/ID", "seat_id"],
];

let world: World;
beforeAll(async () => {
  world = await createWorld();
});


describe.each(ROUTES)("%s GET %s", (surface, path, parameter) => {
  it("answers an id of 255 characters that names nothing with 404", async () => {
    await expectJson(await getAs(world, surface, path.replace("ID", "x".repeat(255))), 404);
  });

  it(`refuses an id of 256 characters with 400 naming ${parameter}`, async () => {
    await expectRefusal(await getAs(world, surface, path.replace("ID", "x".repeat(256))), surface, parameter);
  });
});
