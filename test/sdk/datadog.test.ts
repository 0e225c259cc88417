// Datadog's official client (v2.SeatsApi) drives assign, list and unassign
// against the Worker served locally. Users are made over HTTP through Seam's
// /user_identities/create, seat types through Sequence's /api/seat-metrics.
import { client, v2 } from "@datadog/datadog-api-client";
import { describe, expect, it } from "vitest";
import { createWorkspaceWithKey, type TestKey } from "./workspace.ts";

function seatsApi(key: TestKey, secret = key.secret, baseUrl = key.baseUrl): v2.SeatsApi {
  const configuration = client.createConfiguration({
    baseServer: new client.BaseServerConfiguration(baseUrl, {}),
    authMethods: { apiKeyAuth: key.keyId, appKeyAuth: secret },
  });
  return new v2.SeatsApi(configuration);
}

async function createSeatType(key: TestKey, seatType: string, maxSeats?: number): Promise<void> {
  const response = await fetch(`${key.baseUrl}/api/seat-metrics`, {
    method: "POST",
    headers: { authorization: `Basic ${btoa(`${key.keyId}:${key.secret}`)}`, "content-type": "application/json" },
    body: JSON.stringify({ seatType, label: seatType, maxSeats }),
  });
  if (response.status !== 201) throw new Error(`seat metric: ${response.status} ${await response.text()}`);
}

async function createUser(key: TestKey, n: number): Promise<{ id: string; email: string; name: string }> {
  const email = `person${n}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const name = `Person ${n}`;
  const response = await fetch(`${key.baseUrl}/user_identities/create`, {
    method: "POST",
    headers: { authorization: `Bearer ${key.token}`, "content-type": "application/json" },
    body: JSON.stringify({ email_address: email, full_name: name }),
  });
  if (response.status !== 200) throw new Error(`user identity: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { user_identity: { user_identity_id: string } };
  return { id: body.user_identity.user_identity_id, email, name };
}

function assignBody(productCode: string, userUuids: string[]) {
  return { body: { data: { type: "seat-assignments" as const, attributes: { productCode, userUuids } } } };
}

/** The rejection of a client call, as the client's ApiException. */
async function apiError(call: Promise<unknown>): Promise<client.ApiException<{ errors?: string[] }>> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof client.ApiException)) throw new Error(`expected an ApiException, got ${String(error)}`);
  return error as client.ApiException<{ errors?: string[] }>;
}

describe("Datadog SeatsApi against Seatkeeper", () => {
  it("assigns, lists page by page, and unassigns", async () => {
    const key = await createWorkspaceWithKey();
    await createSeatType(key, "incident_response");
    const users = await Promise.all([1, 2, 3].map((n) => createUser(key, n)));
    const [a, b, c] = users.map((user) => user.id) as [string, string, string];
    const api = seatsApi(key);

    const first = await api.assignSeatsUser(assignBody("incident_response", [a, b, b]));
    expect(first.data?.type).toBe("seat-assignments");
    expect(first.data?.attributes).toMatchObject({ assignedIds: [a, b], productCode: "incident_response" });
    const second = await api.assignSeatsUser(assignBody("incident_response", [b, c]));
    expect(second.data?.attributes?.assignedIds).toEqual([c]);

    // The client sends page%5Blimit%5D and page%5Bcursor%5D.
    const page1 = await api.getSeatsUsers({ productCode: "incident_response", pageLimit: 2 });
    expect(page1.data).toHaveLength(2);
    expect(page1.meta).toMatchObject({ limit: 2, nextCursor: expect.any(String) });
    const page2 = await api.getSeatsUsers({ productCode: "incident_response", pageLimit: 2, pageCursor: page1.meta!.nextCursor! });
    const listed = [...page1.data!, ...page2.data!];
    expect(listed.map((user) => user.id)).toEqual([a, b, c].sort());
    // Datadog's SeatUserMeta types the cursors as strings: absent, not null, when there is none.
    expect(page2.meta?.nextCursor).toBeUndefined();
    expect(page1.meta?.cursor).toBeUndefined();
    expect(page2.meta?.cursor).toBe(page1.meta!.nextCursor);
    const holderA = listed.find((user) => user.id === a)!;
    expect(holderA.type).toBe("seat-users");
    expect(holderA.attributes?.assignedAt).toBeInstanceOf(Date);
    expect(holderA.attributes).toMatchObject({ email: users[0]!.email, name: users[0]!.name });

    await api.unassignSeatsUser({ body: { data: { type: "seat-assignments", attributes: { productCode: "incident_response", userUuids: [a, c] } } } });
    const after = await api.getSeatsUsers({ productCode: "incident_response" });
    expect(after.data?.map((user) => user.id)).toEqual([b]);
  });

  it("works with a base URL that ends in a slash (the client then sends //api/v2/...)", async () => {
    const key = await createWorkspaceWithKey();
    await createSeatType(key, "on_call");
    const user = await createUser(key, 1);
    const api = seatsApi(key, key.secret, `${key.baseUrl}/`);
    expect((await api.assignSeatsUser(assignBody("on_call", [user.id]))).data?.attributes?.assignedIds).toEqual([user.id]);
    expect((await api.getSeatsUsers({ productCode: "on_call" })).data?.map((holder) => holder.id)).toEqual([user.id]);
  });

  it("surfaces refusals as readable 422 errors", async () => {
    const key = await createWorkspaceWithKey();
    await createSeatType(key, "on_call", 1);
    const [a, b] = await Promise.all([createUser(key, 1), createUser(key, 2)]);
    const api = seatsApi(key);
    const stranger = crypto.randomUUID();

    const unknown = await apiError(api.assignSeatsUser(assignBody("on_call", [a!.id, stranger])));
    expect(unknown.code).toBe(422);
    expect(unknown.body.errors?.[0]).toContain(stranger);

    await api.assignSeatsUser(assignBody("on_call", [a!.id]));
    const full = await apiError(api.assignSeatsUser(assignBody("on_call", [b!.id])));
    expect(full.code).toBe(422);
    expect(full.body.errors?.[0]).toMatch(/1 requested, 0 of 1 free/);

    const noProduct = await apiError(api.assignSeatsUser(assignBody("no_such_product", [a!.id])));
    expect(noProduct.code).toBe(422);
    expect(noProduct.body.errors?.[0]).toContain("no_such_product");
  });

  // Datadog's client repository runs these scenarios with its page's example body; the recorded
  // answer (../shared/vendor/datadog/seats-recorded-answers.json) is 422 "product_code is required".
  it.each([
    ["Assign seats to users returns \"Unprocessable Entity\" response", (api: v2.SeatsApi, body: v2.SeatsApiAssignSeatsUserRequest) => api.assignSeatsUser(body)],
    ["Unassign seats from users returns \"Unprocessable Entity\" response", (api: v2.SeatsApi, body: v2.SeatsApiUnassignSeatsUserRequest) => api.unassignSeatsUser(body)],
  ])("scenario %s", async (_scenario, send) => {
    const key = await createWorkspaceWithKey();
    await createSeatType(key, "incident_response");
    const refused = await apiError(send(seatsApi(key), assignBody("", [""])));
    expect(refused.code).toBe(422);
    expect(refused.body).toEqual({ errors: ["product_code is required"] });
  });

  it("reports wrong credentials and missing permissions as 403", async () => {
    const key = await createWorkspaceWithKey(["billing_read"]);
    const denied = await apiError(seatsApi(key).assignSeatsUser(assignBody("x", ["y"])));
    expect(denied.code).toBe(403);
    const wrong = await apiError(seatsApi(key, "not-the-secret").getSeatsUsers({ productCode: "x" }));
    expect(wrong.code).toBe(403);
  });
});
