import { expect, inject, it } from "vitest";
import { createWorkspaceWithKey } from "./workspace.ts";

it("serves the Worker over HTTP with a migrated database", async () => {
  const key = await createWorkspaceWithKey();
  const response = await fetch(`${inject("baseUrl")}/api/seat-metrics`, {
    headers: { authorization: `Basic ${btoa(`${key.keyId}:${key.secret}`)}` },
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ items: [], pagination: { totalResultSize: 0 } });
});
