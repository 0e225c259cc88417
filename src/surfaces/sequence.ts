import { ApiError } from "../shared/errors";
import type { Surface } from "../shared/surface";
import { authorizationValue, jsonResponse } from "./common";
import { isText } from "../shared/textRule";

export const SEQUENCE_VERSIONS = ["2024-07-30"] as const;
const DEFAULT_VERSION = SEQUENCE_VERSIONS[0];

/** Sequence's error body (documented in ./docs.ts); `type` is PascalCase, e.g. `SeatMetricNotFound`. */
export interface SequenceErrorBody {
  error: { type: string; message: string };
}

/** Sequence: Basic auth, `{"error":{"type","message"}}` with PascalCase types, and a version header on every response. */
export const sequence: Surface = {
  name: "sequence",
  challenge: 'Basic realm="Seatkeeper"',

  readCredentials(headers) {
    const encoded = authorizationValue(headers, "Basic");
    if (encoded === undefined) return undefined;
    const decoded = decodeBase64(encoded);
    const colon = decoded.indexOf(":");
    if (colon < 0) return { keyId: decoded, secret: "" };
    return { keyId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  },

  renderError(error) {
    const body: SequenceErrorBody = { error: { type: pascalCase(error.type), message: error.message } };
    return jsonResponse(body, error.status, error.headers);
  },

  prepare(request) {
    const version = request.headers.get("sequence-version");
    if (version !== null && !(SEQUENCE_VERSIONS as readonly string[]).includes(version)) {
      // A value that is not printable text is not repeated back.
      const shown = isText(version, "name") ? ` '${version}'` : "";
      throw new ApiError(
        400,
        "unrecognised_api_version",
        `Unrecognised Sequence-Version${shown}. Supported: ${SEQUENCE_VERSIONS.join(", ")}`,
      );
    }
  },

  finish(response, request) {
    const asked = request.headers.get("sequence-version");
    const version = asked && (SEQUENCE_VERSIONS as readonly string[]).includes(asked) ? asked : DEFAULT_VERSION;
    response.headers.set("Sequence-Version", version);
    return response;
  },
};

const utf8 = new TextDecoder();
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Base64, then UTF-8. Key ids and secrets are hex, so the decoded bytes are
 * ASCII, which are their own characters: only other text (never a valid
 * key, but answered the same way) takes the decoder.
 */
function decodeBase64(value: string): string {
  let binary: string;
  try {
    binary = atob(value);
  } catch {
    return "";
  }
  return ASCII.test(binary) ? binary : utf8.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function pascalCase(snake: string): string {
  return snake
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}
