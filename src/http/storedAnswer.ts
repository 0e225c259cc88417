/**
 * An answer as an Idempotency-Key record keeps it: status, the headers the
 * handler set (the router adds the per-request ones to every answer), body.
 */
export interface StoredAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const INFO = encoder.encode("seatkeeper idempotency answer v1");

/**
 * Seals an answer for D1 with AES-GCM under a key derived (HKDF-SHA-256)
 * from the Idempotency-Key itself, bound to the request that gave it: what
 * D1 keeps (an API key's secret, people's emails) is readable only by a
 * caller presenting the same Idempotency-Key again. Base64 of IV + ciphertext.
 */
export async function sealAnswer(idempotencyKey: string, requestId: string, answer: StoredAnswer): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plaintext = encoder.encode(JSON.stringify(answer));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(requestId) }, await answerKey(idempotencyKey), plaintext);
  const bytes = new Uint8Array(iv.byteLength + sealed.byteLength);
  bytes.set(iv);
  bytes.set(new Uint8Array(sealed), iv.byteLength);
  return toBase64(bytes);
}

/** Opens what sealAnswer sealed (throws if the key or the request id differ). */
export async function openAnswer(idempotencyKey: string, requestId: string, sealed: string): Promise<StoredAnswer> {
  const bytes = Uint8Array.from(atob(sealed), (c) => c.charCodeAt(0));
  const plaintext = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: bytes.subarray(0, 12), additionalData: encoder.encode(requestId) },
    await answerKey(idempotencyKey),
    bytes.subarray(12),
  );
  return JSON.parse(decoder.decode(plaintext)) as StoredAnswer;
}

// In slices: String.fromCharCode(...bytes) of a large answer would overflow the call stack.
function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let offset = 0; offset < bytes.byteLength; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}

async function answerKey(idempotencyKey: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(idempotencyKey), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: INFO },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** Reads a response into what a record keeps, and gives back an equal response to answer with (its body was read). */
export async function storable(response: Response): Promise<{ answer: StoredAnswer; response: Response }> {
  const body = await response.text();
  const answer: StoredAnswer = { status: response.status, headers: [...response.headers], body };
  return { answer, response: replayOf(answer, false) };
}

/** The response of a stored answer; a replay says so (`Idempotent-Replayed: true`). */
export function replayOf(answer: StoredAnswer, replayed = true): Response {
  const headers = new Headers(answer.headers);
  if (replayed) headers.set("Idempotent-Replayed", "true");
  // 204 and 304 carry no body (the Response constructor refuses one).
  const body = answer.status === 204 || answer.status === 304 ? null : answer.body;
  return new Response(body, { status: answer.status, headers });
}
