import * as z from "../../shared/zod";

/** What GET /openapi.json answers: an OpenAPI 3.1 document (its full schema is the OpenAPI specification's). */
export const OpenApiDocumentResponse = z
  .looseObject({
    openapi: z.string().check(z.regex(/^3\.1\.\d+$/)),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .check(z.meta({ id: "OpenApiDocument", description: "This document." }));

export const HtmlPage = z.string().check(z.meta({ description: "An HTML page." }));
