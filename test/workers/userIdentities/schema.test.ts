import { openapi } from "@seamapi/types/connect";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { UserIdentityResponse } from "../../../src/resources/userIdentities/schemas";

type Property = { type?: string; nullable?: boolean; format?: string; minLength?: number; items?: Property };

type ObjectSchema = { properties: Record<string, Property>; required: string[] };

// @seamapi/types types the document only as Record<string, unknown>.
const seamSchema = (openapi as { components: { schemas: Record<string, ObjectSchema> } }).components.schemas.user_identity!;
// Our schema is a named component (UserIdentity), so the root is a $ref to its definition.
const generated = z.toJSONSchema(UserIdentityResponse, { target: "openapi-3.0" }) as unknown as {
  definitions: Record<string, ObjectSchema>;
};
const ours = generated.definitions.UserIdentity!;

/** The parts of a property both documents must agree on. */
function essentials(property: Property) {
  return {
    type: property.type,
    nullable: property.nullable ?? false,
    format: property.format,
    minLength: property.minLength,
    itemType: property.items?.type,
  };
}

// Our response schema (which the OpenAPI generator will publish) must say
// what Seam's own document says about a user identity, field by field.
describe("UserIdentityResponse matches Seam's OpenAPI user_identity", () => {
  it("has the same properties, all required", () => {
    expect(Object.keys(ours.properties).sort()).toEqual(Object.keys(seamSchema.properties).sort());
    expect([...ours.required].sort()).toEqual([...seamSchema.required].sort());
  });

  // Type and nullability must be equal; where Seam's document sets a format,
  // a minimum length or an item type, ours must set the same (ours may add some).
  it.each(Object.keys(seamSchema.properties))("agrees on %s", (name) => {
    const theirs = essentials(seamSchema.properties[name]!);
    const mine = essentials(ours.properties[name]!);
    const specified = Object.fromEntries(Object.entries(mine).filter(([key]) => theirs[key as keyof typeof theirs] !== undefined));
    expect(specified).toEqual(Object.fromEntries(Object.entries(theirs).filter(([, value]) => value !== undefined)));
  });
});
