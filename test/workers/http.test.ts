import { env, exports } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { BASE, call, createTenant, expectJson } from "./helpers";

const countMetrics = (workspaceId: string) =>
  env.DB.prepare("SELECT COUNT(*) AS n FROM seat_metrics WHERE workspace_id = ?1").bind(workspaceId).first<number>("n");

describe("routing", () => {
  it("answers an unknown route with 404 in the surface's shape", async () => {
    const tenant = await createTenant();
    const sequence = await expectJson(await call("GET", "/api/nothing-here", tenant.headers.sequence), 404);
    expect(sequence.error.type).toBe("RouteNotFound");
    const service = await expectJson(await exports.default.fetch(`${BASE}/nope`), 404);
    expect(service.error.type).toBe("route_not_found");
  });

  it("answers a known path with another method with 405 and Allow", async () => {
    const tenant = await createTenant();
    const response = await call("PATCH", "/api/seat-metrics", tenant.headers.sequence);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST, GET, HEAD");
    expect((await response.json()) as object).toEqual({ error: { type: "MethodNotAllowed", message: expect.any(String) } });
  });

  it("answers a CORS preflight as any other method it does not serve: 405 with Allow, no CORS headers", async () => {
    const response = await call("OPTIONS", "/api/v2/seats", {
      origin: "https://app.example.com",
      "access-control-request-method": "GET",
      "access-control-request-headers": "sb-api-key-id, sb-api-secret-key",
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect([...response.headers.keys()].filter((name) => name.startsWith("access-control-"))).toEqual([]);
    await response.body?.cancel();
  });
});

describe("a path with more than one leading slash", () => {
  it("is read with one, as servers that merge slashes read it (a base URL that ends in a slash sends it)", async () => {
    const tenant = await createTenant();
    for (const [path, headers] of [["//health", {}], ["//api/seat-metrics", tenant.headers.sequence], ["///api/v2/seats/count", tenant.headers.sendblue]] as const) {
      expect((await exports.default.fetch(`${BASE}${path}`, { headers })).status, path).toBe(200);
    }
    const created = await exports.default.fetch(`${BASE}//user_identities/create?x=1`, {
      method: "POST",
      headers: { ...tenant.headers.seam, "content-type": "application/json" },
      body: JSON.stringify({ full_name: "Slash" }),
    });
    expect((await expectJson(created, 200)).user_identity.full_name).toBe("Slash");
    // Slashes further in are the path's own: an empty segment matches no route.
    expect((await call("GET", "/api//seat-metrics", tenant.headers.sequence)).status).toBe(404);
  });
});

describe("HEAD", () => {
  it("answers as GET does, without the body, on public and signed-in routes alike", async () => {
    const tenant = await createTenant();
    for (const [path, headers] of [["/health", {}], ["/api/seat-metrics", tenant.headers.sequence], ["/api/v2/seats/count", tenant.headers.sendblue]] as const) {
      const [get, head] = await Promise.all(["GET", "HEAD"].map((method) => exports.default.fetch(`${BASE}${path}`, { method, headers })));
      expect([head!.status, head!.headers.get("content-type")], path).toEqual([200, get!.headers.get("content-type")]);
      expect(await head!.text()).toBe("");
      expect((await get!.text()).length).toBeGreaterThan(0);
    }
    // Without credentials, the status GET has; a POST-only path, 405 naming POST.
    expect((await exports.default.fetch(`${BASE}/api/seat-metrics`, { method: "HEAD" })).status).toBe(401);
    const postOnly = await exports.default.fetch(`${BASE}/user_identities/create`, { method: "HEAD", headers: tenant.headers.seam });
    expect([postOnly.status, postOnly.headers.get("allow")]).toEqual([405, "POST"]);
  });
});

describe("request bodies", () => {
  const post = (tenant: Awaited<ReturnType<typeof createTenant>>, body: BodyInit | null, contentType?: string) =>
    exports.default.fetch(`${BASE}/api/seat-metrics`, {
      method: "POST",
      headers: { ...tenant.headers.sequence, ...(contentType && { "content-type": contentType }) },
      body,
    });
  // A streamed JSON body: no Content-Length.
  const postStreamed = (tenant: Awaited<ReturnType<typeof createTenant>>, body: ReadableStream<Uint8Array>) =>
    exports.default.fetch(`${BASE}/api/seat-metrics`, {
      method: "POST",
      headers: { ...tenant.headers.sequence, "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);

  it("refuses a body over 1 MiB with 413 and writes nothing", async () => {
    const tenant = await createTenant();
    const huge = JSON.stringify({ seatType: "admin", label: "A", description: "x".repeat(1024 * 1024) });
    const body = await expectJson(await post(tenant, huge, "application/json"), 413);
    expect(body.error.type).toBe("PayloadTooLarge");
    expect(await countMetrics(tenant.workspaceId)).toBe(0);
  });

  it("refuses a streamed body over 1 MiB without Content-Length", async () => {
    const tenant = await createTenant();
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    expect((await postStreamed(tenant, stream)).status).toBe(413);
  });

  it("refuses a non-JSON body with 415", async () => {
    const tenant = await createTenant();
    const body = await expectJson(await post(tenant, "seatType=admin&label=A", "application/x-www-form-urlencoded"), 415);
    expect(body.error.type).toBe("UnsupportedMediaType");
    expect(await countMetrics(tenant.workspaceId)).toBe(0);
  });

  it("refuses a compressed body with 415 and Accept-Encoding: identity (RFC 7694), and writes nothing", async () => {
    const tenant = await createTenant();
    const metric = JSON.stringify({ seatType: "admin", label: "A" });
    const gzipped = await new Response(new Blob([metric]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
    const send = (body: BodyInit, coding: string) =>
      exports.default.fetch(`${BASE}/api/seat-metrics`, {
        method: "POST",
        headers: { ...tenant.headers.sequence, "content-type": "application/json", "content-encoding": coding },
        body,
      });
    for (const coding of ["gzip", "br", "GZIP"]) {
      const response = await send(gzipped, coding);
      expect(response.headers.get("accept-encoding")).toBe("identity");
      expect((await expectJson(response, 415)).error).toEqual({
        type: "UnsupportedMediaType",
        message: `Content-Encoding ${coding} is not supported: send the body uncompressed`,
      });
    }
    expect(await countMetrics(tenant.workspaceId)).toBe(0);
    // identity is no coding at all: the body is read.
    expect((await send(metric, " Identity ")).status).toBe(201);
  });

  it("refuses malformed JSON with 400", async () => {
    const tenant = await createTenant();
    const body = await expectJson(await post(tenant, '{"seatType": "admin",', "application/json"), 400);
    expect(body.error).toEqual({ type: "InvalidInput", message: "Request body is not valid JSON" });
  });

  it("refuses JSON nested thousands deep as nested too deeply, not as invalid JSON, and writes nothing", async () => {
    const tenant = await createTenant();
    const nested = (depth: number) => `{"seatType":"deep","label":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    for (const depth of [20_000, 200_000]) {
      const body = await expectJson(await post(tenant, nested(depth), "application/json"), 400);
      expect(body.error).toEqual({ type: "InvalidInput", message: "Request body is nested too deeply" });
    }
    // Nested less deeply, it is read, and refused for what it is.
    expect((await expectJson(await post(tenant, nested(100), "application/json"), 400)).error.message).toContain("label");
    expect(await countMetrics(tenant.workspaceId)).toBe(0);
  });

  it("refuses bytes that are not UTF-8 with 400, never reading them as U+FFFD, and writes nothing", async () => {
    const tenant = await createTenant();
    const [head, tail] = [new TextEncoder().encode('{"seatType":"bad","label":"x'), new TextEncoder().encode('"}')];
    for (const invalid of [[0xff], [0xfe], [0xc3], [0xed, 0xa0, 0x80]]) {
      const bytes = new Uint8Array([...head, ...invalid, ...tail]);
      const body = await expectJson(await post(tenant, bytes, "application/json"), 400);
      expect(body.error).toEqual({ type: "InvalidInput", message: "Request body is not valid JSON" });
      // Streamed, without Content-Length: the same.
      const stream = new ReadableStream<Uint8Array>({ start: (controller) => (controller.enqueue(bytes), controller.close()) });
      expect((await postStreamed(tenant, stream)).status).toBe(400);
    }
    expect(await countMetrics(tenant.workspaceId)).toBe(0);
    // Seam's surface, in its own error shape: two keys differing in one invalid byte never collide.
    const seam = await exports.default.fetch(`${BASE}/user_identities/create`, {
      method: "POST",
      headers: { ...tenant.headers.seam, "content-type": "application/json" },
      body: new Uint8Array([...new TextEncoder().encode('{"user_identity_key":"dup'), 0xff, ...tail]),
    });
    expect(seam.status).toBe(400);
    expect(((await seam.json()) as { error: { type: string } }).error.type).toBe("invalid_input");
    // Valid UTF-8 beyond ASCII is read as sent.
    const created = await expectJson(await post(tenant, JSON.stringify({ seatType: "ok", label: "Zoë ✓ 𝄞" }), "application/json"), 201);
    expect(created.label).toBe("Zoë ✓ 𝄞");
  });

  it('refuses a key named "__proto__" at any depth (zod would drop its value silently) and writes nothing', async () => {
    const tenant = await createTenant();
    const refused = { type: "InvalidInput", message: 'Request body has a key named "__proto__", which no field takes' };
    const customer = (properties: string) =>
      `{"legalName":"Proto","address":{"line1":"1 A St","town":"London","postcode":"E1","country":"GB"},"taxStatus":"TAXED",` +
      `"contacts":[{"name":"B","email":"b@example.com","billingPreference":"PRIMARY"}],"customProperties":${properties}}`;
    const postCustomer = (body: string) =>
      exports.default.fetch(`${BASE}/api/customers`, { method: "POST", headers: { ...tenant.headers.sequence, "content-type": "application/json" }, body });
    for (const properties of ['{"tier":"gold","__proto__":"x"}', '{"\\u005f_proto__":"x"}']) {
      expect((await expectJson(await postCustomer(customer(properties)), 400)).error).toEqual(refused);
    }
    expect((await expectJson(await post(tenant, '{"seatType":"p","label":"P","__proto__":{}}', "application/json"), 400)).error).toEqual(refused);
    const customers = await env.DB.prepare("SELECT COUNT(*) AS n FROM customers WHERE workspace_id = ?1").bind(tenant.workspaceId).first<number>("n");
    expect([customers, await countMetrics(tenant.workspaceId)]).toEqual([0, 0]);
    // As a value, or inside a longer key, it is text like any other.
    const kept = await expectJson(await postCustomer(customer('{"__proto__x":"__proto__"}')), 201);
    expect(kept.customProperties).toEqual({ __proto__x: "__proto__" });
  });

  it("treats an empty body as {} whatever its content type", async () => {
    const tenant = await createTenant();
    const body = await expectJson(await post(tenant, "", "application/x-www-form-urlencoded"), 400);
    expect(body.error.message).toContain("seatType");
  });

  it("ignores a field the body does not take, reads a repeated key's last value, and does not read a charset label", async () => {
    const tenant = await createTenant();
    const extra = await expectJson(await post(tenant, '{"seatType":"extra","label":"E","colour":"red"}', "application/json"), 201);
    expect(extra).not.toHaveProperty("colour");
    const repeated = await expectJson(await post(tenant, '{"seatType":"first","seatType":"last","label":"R"}', "application/json"), 201);
    expect(repeated.seatType).toBe("last");
    // The body is UTF-8 whatever the label says (RFC 8259 defines no charset parameter).
    const labelled = await expectJson(await post(tenant, '{"seatType":"latin","label":"Zoë"}', "application/json; charset=iso-8859-1"), 201);
    expect(labelled.label).toBe("Zoë");
    expect(await countMetrics(tenant.workspaceId)).toBe(3);
  });

  it("ignores, unread, a body on a route that takes none, whatever it holds (curl -d, a client's default text)", async () => {
    const tenant = await createTenant();
    const json = { "content-type": "application/json" };
    const bodies: [BodyInit, Record<string, string>][] = [
      ["garbage", { "content-type": "text/plain" }],
      ["{bad", json],
      [JSON.stringify({ pad: "x".repeat(1024 * 1024) }), json],
    ];
    for (const [body, headers] of bodies) {
      const created = await expectJson(await post(tenant, JSON.stringify({ seatType: "kept", label: "K" }), "application/json"), 201);
      const removed = await exports.default.fetch(`${BASE}/api/seat-metrics/${created.id}`, {
        method: "DELETE",
        headers: { ...tenant.headers.sequence, ...headers },
        body,
      });
      expect(removed.status).toBe(200);
      expect(await countMetrics(tenant.workspaceId)).toBe(0);
    }
  });

  it("answers a body that breaks off mid-upload with 400, not 500, and writes nothing", async () => {
    const tenant = await createTenant();
    // 40 bytes promised, 22 sent, then the stream ends.
    const { readable, writable } = new FixedLengthStream(40);
    const writer = writable.getWriter();
    void writer.write(new TextEncoder().encode('{"seatType":"cut","lab')).then(() => writer.close()).catch(() => undefined);
    const response = await exports.default.fetch(`${BASE}/api/seat-metrics`, {
      method: "POST",
      headers: { ...tenant.headers.sequence, "content-type": "application/json" },
      body: readable,
    });
    const body = await expectJson(response, 400);
    expect(body.error).toEqual({ type: "InvalidInput", message: "Request body was cut short" });
    expect(await countMetrics(tenant.workspaceId)).toBe(0);
  });

  it("accepts JSON content types with parameters", async () => {
    const tenant = await createTenant();
    const response = await post(tenant, JSON.stringify({ seatType: "admin", label: "A" }), "application/json; charset=utf-8");
    expect(response.status).toBe(201);
  });
});

describe("unexpected errors", () => {
  it("are logged and answered with a generic 500 that leaks nothing", async () => {
    const tenant = await createTenant();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    await env.DB.prepare("ALTER TABLE seat_metrics RENAME TO seat_metrics_gone").run();
    try {
      const response = await call("GET", "/api/seat-metrics", tenant.headers.sequence);
      const body = await expectJson(response, 500);
      expect(body).toEqual({ error: { type: "InternalError", message: "Internal server error" } });
      // One JSON line with the request's id and route, and the error's stack; never the URL (its query can hold emails).
      const logged = log.mock.calls.map(([line]) => JSON.parse(String(line)));
      expect(logged).toContainEqual(
        expect.objectContaining({ event: "unhandled_error", request_id: response.headers.get("x-request-id"), route: "/api/seat-metrics", stack: expect.any(String) }),
      );
    } finally {
      log.mockRestore();
      await env.DB.prepare("ALTER TABLE seat_metrics_gone RENAME TO seat_metrics").run();
    }
  });
});
