// Datadog's surface: seat assignments per product code. Bad credentials are
// 403 here, as Datadog answers them.
import { describe, expect, inject, it } from "vitest";
import { tooManyChanges } from "../../../src/objects/overload";
import { datadog } from "../../../src/surfaces/datadog";
import { createWorkspaceWithKey, type TestKey } from "../../sdk/workspace";
import { ResponseContract } from "../contract";
import { credentials, describeContract, send } from "../suite";
import { seatMetric, seatsBody, userIdentity } from "./fixtures";

const auth = credentials.datadog;
const SEATS = "/api/v2/seats/users";

/** A product code with one user seated under it; returns the user's id. */
async function seated(key: TestKey, productCode = "apm"): Promise<string> {
  await seatMetric(key, productCode);
  const user = await userIdentity(key, { email_address: "dee@example.com", full_name: "Dee Dog" });
  const { response } = await send("POST", SEATS, auth(key), seatsBody(productCode, [user]));
  if (response.status !== 201) throw new Error(`seat not assigned: ${response.status}`);
  return user;
}

describeContract(
  "Datadog",
  [
    {
      status: 201,
      name: `POST ${SEATS}`,
      send: async (key) => {
        await seatMetric(key, "apm");
        return send("POST", SEATS, auth(key), seatsBody("apm", [await userIdentity(key)]));
      },
    },
    {
      status: 400,
      name: `POST ${SEATS} with the wrong type`,
      send: (key) => send("POST", SEATS, auth(key), { data: { type: "seats", attributes: {} } }),
    },
    { status: 403, name: `POST ${SEATS} without credentials`, send: () => send("POST", SEATS, {}, seatsBody("apm", ["x"])) },
    {
      status: 403,
      name: `POST ${SEATS} with a read-only key`,
      send: async () => send("POST", SEATS, auth(await createWorkspaceWithKey(["billing_read"])), seatsBody("apm", ["x"])),
    },
    {
      status: 413,
      name: `POST ${SEATS} with a body over 1 MiB`,
      send: (key) => send("POST", SEATS, auth(key), seatsBody("apm", ["x".repeat(1024 * 1024)])),
    },
    {
      status: 415,
      name: `POST ${SEATS} with a form body`,
      send: (key) => send("POST", SEATS, { ...auth(key), "content-type": "application/x-www-form-urlencoded" }, "product_code=apm"),
    },
    {
      status: 422,
      name: `POST ${SEATS} for an unknown product code`,
      send: async (key) => send("POST", SEATS, auth(key), seatsBody("nope", [await userIdentity(key)])),
    },

    {
      status: 200,
      name: `GET ${SEATS} with encoded page brackets`,
      send: async (key) => {
        await seated(key);
        return send("GET", `${SEATS}?product_code=apm&page%5Blimit%5D=1`, auth(key));
      },
    },
    { status: 400, name: `GET ${SEATS} without product_code`, send: (key) => send("GET", SEATS, auth(key)) },
    { status: 422, name: `GET ${SEATS} for an unknown product code`, send: (key) => send("GET", `${SEATS}?product_code=nope`, auth(key)) },

    { status: 204, name: `DELETE ${SEATS}`, send: async (key) => send("DELETE", SEATS, auth(key), seatsBody("apm", [await seated(key)])) },
    {
      status: 422,
      name: `DELETE ${SEATS} with no users`,
      send: async (key) => {
        await seatMetric(key, "apm");
        return send("DELETE", SEATS, auth(key), seatsBody("apm", []));
      },
    },

    {
      status: 200,
      name: `GET ${SEATS}/ledger filtered, second page`,
      send: async (key) => {
        const user = await seated(key);
        await send("DELETE", SEATS, auth(key), seatsBody("apm", [user]));
        const query = `filter%5Bproduct_code%5D=apm&filter%5Buser_uuid%5D=${user}&filter%5Bfrom%5D=2020-01-01T00:00:00Z&page%5Blimit%5D=1`;
        const first = await (await send("GET", `${SEATS}/ledger?${query}`, auth(key))).response.json();
        return send("GET", `${SEATS}/ledger?${query}&page%5Bcursor%5D=${first.meta.next_cursor}`, auth(key));
      },
    },
    { status: 400, name: `GET ${SEATS}/ledger with an unknown filter`, send: (key) => send("GET", `${SEATS}/ledger?filter%5Bname%5D=x`, auth(key)) },
  ],
  {
    429:
      "the API key's rate limit (test/limits/rateLimits.test.ts), and an overloaded Durable Object, which cannot be " +
      "provoked on purpose; see below and test/workers/assignments/overload.test.ts",
  },
);

describe("Datadog's 429 (too many changes for one product code)", () => {
  it("as the surface renders the refusal of an overloaded object, matches the document, Retry-After included", async () => {
    const contract = await ResponseContract.load(inject("baseUrl"));
    const response = datadog.renderError(tooManyChanges());
    for (const method of ["POST", "DELETE"]) {
      expect(contract.problems(method, SEATS, 429, await response.clone().json(), response.headers)).toEqual([]);
    }
    expect(contract.problems("POST", SEATS, 429, { errors: ["x"] }, new Headers())).toEqual(["missing header Retry-After"]);
  });
});
