// Idempotency-Key through the official clients that let a caller set a header: Seam's (axios
// options) and Datadog's (its HttpLibrary). Sendblue's surface has no writes here.
import { client, v2 } from "@datadog/datadog-api-client";
import { SeamHttp, SeamHttpApiError } from "@seamapi/http";
import { describe, expect, it } from "vitest";
import { createWorkspaceWithKey, type TestKey } from "./workspace.ts";

const seamWithKey = (key: TestKey, idempotencyKey: string) =>
  new SeamHttp({ apiKey: key.token, endpoint: key.baseUrl, axiosOptions: { headers: { "Idempotency-Key": idempotencyKey } } });

/** Datadog's fetch library, sending the Idempotency-Key on every request it makes. */
class WithIdempotencyKey extends client.IsomorphicFetchHttpLibrary {
  constructor(private readonly idempotencyKey: string) {
    super();
  }
  override send(request: client.RequestContext): Promise<client.ResponseContext> {
    request.setHeaderParam("Idempotency-Key", this.idempotencyKey);
    return super.send(request);
  }
}

function seatsApi(key: TestKey, idempotencyKey?: string): v2.SeatsApi {
  return new v2.SeatsApi(
    client.createConfiguration({
      baseServer: new client.BaseServerConfiguration(key.baseUrl, {}),
      authMethods: { apiKeyAuth: key.keyId, appKeyAuth: key.secret },
      ...(idempotencyKey && { httpApi: new WithIdempotencyKey(idempotencyKey) }),
    }),
  );
}

describe("Seam SDK with an Idempotency-Key", () => {
  it("a retried create() answers the same person, and there is one", async () => {
    const key = await createWorkspaceWithKey();
    const idempotencyKey = `sdk-${crypto.randomUUID()}`;
    const first = await seamWithKey(key, idempotencyKey).userIdentities.create({ full_name: "Once" });
    const retry = await seamWithKey(key, idempotencyKey).userIdentities.create({ full_name: "Once" });
    expect(retry).toEqual(first);
    const all = await new SeamHttp({ apiKey: key.token, endpoint: key.baseUrl }).userIdentities.list();
    expect(all.map((person) => person.user_identity_id)).toEqual([first.user_identity_id]);
  });

  it("the same key for another request: the SDK's error names the key (422)", async () => {
    const key = await createWorkspaceWithKey();
    const idempotencyKey = `sdk-${crypto.randomUUID()}`;
    await seamWithKey(key, idempotencyKey).userIdentities.create({ full_name: "A" });
    const error = await seamWithKey(key, idempotencyKey).userIdentities.create({ full_name: "B" }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SeamHttpApiError);
    expect((error as SeamHttpApiError).statusCode).toBe(422);
    expect((error as SeamHttpApiError).code).toBe("idempotency_key_reused");
    expect((error as SeamHttpApiError).message).toContain(idempotencyKey);
  });
});

describe("Datadog SeatsApi with an Idempotency-Key", () => {
  it("a retried assign answers the same id and assigned_ids", async () => {
    const key = await createWorkspaceWithKey();
    const basic = { authorization: `Basic ${btoa(`${key.keyId}:${key.secret}`)}`, "content-type": "application/json" };
    const seatType = "sdk_seats";
    expect((await fetch(`${key.baseUrl}/api/seat-metrics`, { method: "POST", headers: basic, body: JSON.stringify({ seatType, label: seatType }) })).status).toBe(201);
    const person = await new SeamHttp({ apiKey: key.token, endpoint: key.baseUrl }).userIdentities.create({ full_name: "Seated" });
    const body = { body: { data: { type: "seat-assignments" as const, attributes: { productCode: seatType, userUuids: [person.user_identity_id] } } } };
    const idempotencyKey = `sdk-${crypto.randomUUID()}`;
    const first = await seatsApi(key, idempotencyKey).assignSeatsUser(body);
    const retry = await seatsApi(key, idempotencyKey).assignSeatsUser(body);
    expect(retry.data?.id).toBe(first.data?.id);
    expect(retry.data?.attributes?.assignedIds).toEqual([person.user_identity_id]);
    // Without the key the same call is a new request: nobody newly seated.
    expect((await seatsApi(key).assignSeatsUser(body)).data?.attributes?.assignedIds).toEqual([]);
  });
});
