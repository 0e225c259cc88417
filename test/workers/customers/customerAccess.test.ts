import { describe, expect, it } from "vitest";
import { call, createTenant, expectJson, type Tenant } from "../helpers";
import { countRows, createCustomer, customerBody, CUSTOMERS } from "./fixtures";

const post = (tenant: Tenant, body: unknown) => call("POST", CUSTOMERS, tenant.headers.sequence, body);

describe("credentials and permissions", () => {
  it("answers 401 without or with wrong credentials", async () => {
    const tenant = await createTenant();
    const customer = await createCustomer(tenant);
    const wrong = { authorization: `Basic ${btoa(`${tenant.keyId}:wrong`)}` };
    for (const headers of [{}, wrong]) {
      for (const [method, path, body] of [
        ["POST", CUSTOMERS, customerBody()],
        ["GET", CUSTOMERS, undefined],
        ["GET", `${CUSTOMERS}/${customer.id}`, undefined],
        ["PUT", `${CUSTOMERS}/${customer.id}`, customerBody()],
      ] as const) {
        const error = await expectJson(await call(method, path, headers, body), 401);
        expect(error.error.type).toBe("Unauthorized");
      }
    }
    expect(await countRows("customers", tenant)).toBe(1);
  });

  it("needs customers_write to write and customers_read to read (403 otherwise)", async () => {
    const owner = await createTenant();
    const customer = await createCustomer(owner);
    const reader = await createTenant(["customers_read"]);
    const writer = await createTenant(["customers_write"]);
    const other = await createTenant(["seat_metrics_read", "seat_metrics_write"]);
    for (const tenant of [reader, other]) {
      expect((await expectJson(await post(tenant, customerBody()), 403)).error.type).toBe("Forbidden");
      const put = await call("PUT", `${CUSTOMERS}/${customer.id}`, tenant.headers.sequence, customerBody());
      expect(put.status).toBe(403);
    }
    for (const tenant of [writer, other]) {
      expect((await call("GET", CUSTOMERS, tenant.headers.sequence)).status).toBe(403);
      expect((await call("GET", `${CUSTOMERS}/${customer.id}`, tenant.headers.sequence)).status).toBe(403);
    }
    expect((await call("GET", CUSTOMERS, reader.headers.sequence)).status).toBe(200);
    expect((await post(writer, customerBody())).status).toBe(201);
  });
});

describe("tenant isolation", () => {
  it("B never reads, lists or replaces A's customers (404, not 403)", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const customer = await createCustomer(a, "Tenant A Customer", { email: "shared@example.com" });
    await createCustomer(b, "Tenant B Customer", { email: "shared@example.com" });
    expect((await expectJson(await call("GET", `${CUSTOMERS}/${customer.id}`, b.headers.sequence), 404)).error.type).toBe(
      "CustomerNotFound",
    );
    expect((await call("PUT", `${CUSTOMERS}/${customer.id}`, b.headers.sequence, customerBody("Hijacked"))).status).toBe(404);
    const listed = await expectJson(await call("GET", `${CUSTOMERS}?email=shared@example.com`, b.headers.sequence), 200);
    expect(listed.items.map((item: { legalName: string }) => item.legalName)).toEqual(["Tenant B Customer"]);
    expect(listed.pagination.totalResultSize).toBe(1);
    expect((await expectJson(await call("GET", `${CUSTOMERS}/${customer.id}`, a.headers.sequence), 200)).legalName).toBe(
      "Tenant A Customer",
    );
  });
});
