import type { AppRequest } from "../shared/context";
import { ApiError, badRequest } from "../shared/errors";

/** Requests above this size are refused with 413 before they are parsed. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a JSON request body. An empty body counts as `{}` whatever its
 * content type: the Seam SDK posts an empty form-encoded body for calls
 * without arguments, and an action without arguments is the same call on
 * every surface. The text is kept on the request (an Idempotency-Key's
 * fingerprint covers the body as sent).
 */
export async function readJson(request: AppRequest): Promise<unknown> {
  // Compressed bodies are not read (RFC 7694: 415, and Accept-Encoding names what is).
  const coding = request.headers.get("content-encoding");
  if (coding && !/^\s*identity\s*$/i.test(coding)) {
    throw new ApiError(415, "unsupported_media_type", `Content-Encoding ${coding} is not supported: send the body uncompressed`, { "Accept-Encoding": "identity" });
  }
  const length = request.headers.get("content-length");
  if (Number(length ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  // A declared length within the cap bounds the body (HTTP framing): read it whole.
  let bytes: ArrayBuffer | Uint8Array;
  try {
    bytes = length === null ? await readCapped(request) : await request.arrayBuffer();
  } catch (error) {
    // A body shorter than its Content-Length, or a dropped upload: the client's fault, never a 500.
    throw error instanceof ApiError ? error : badRequest("Request body was cut short");
  }
  let text: string;
  try {
    // JSON text is UTF-8 (RFC 8259 8.1): other bytes are refused, never read as U+FFFD (two bodies would read alike).
    text = utf8.decode(bytes);
  } catch {
    throw badRequest(NOT_JSON);
  }
  request.bodyText = text;
  if (text.length === 0) return {};
  if (!isJson(request.headers.get("content-type"))) {
    throw new ApiError(415, "unsupported_media_type", "Request body must be JSON (Content-Type: application/json)");
  }
  try {
    return JSON.parse(text, refuseProtoKey) as unknown;
  } catch (error) {
    // The reviver recurses (the parser does not): valid JSON nested some thousands deep overflows the stack.
    throw error instanceof ApiError ? error : badRequest(error instanceof RangeError ? "Request body is nested too deeply" : NOT_JSON);
  }
}

// zod skips a "__proto__" key (of objects and records alike): refused here, as its value would vanish silently.
function refuseProtoKey(key: string, value: unknown): unknown {
  if (key === "__proto__") throw badRequest('Request body has a key named "__proto__", which no field takes');
  return value;
}

function isJson(contentType: string | null): boolean {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return mediaType === "application/json" || mediaType.endsWith("+json");
}

const NOT_JSON = "Request body is not valid JSON";
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

// Without Content-Length (chunked uploads) the stream is counted as it arrives.
async function readCapped(request: Request): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(): ApiError {
  return new ApiError(413, "payload_too_large", `Request body exceeds ${MAX_BODY_BYTES} bytes`);
}
