/** JSON response with the given status; shared by every renderer. */
export function jsonResponse(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

/** Splits "Scheme value" from an Authorization header, case-insensitively on the scheme. */
export function authorizationValue(headers: Headers, scheme: "Basic" | "Bearer"): string | undefined {
  const header = headers.get("authorization")?.trim();
  if (!header) return undefined;
  // Cut in place: on every signed-in request, so no array of parts.
  const space = header.search(/\s/);
  const given = space < 0 ? header : header.slice(0, space);
  if (given.length !== scheme.length || given.toLowerCase() !== scheme.toLowerCase()) return undefined;
  return space < 0 ? "" : header.slice(space + 1).trimStart();
}
