// The bundle check's documentation probe (scripts/bundle.mjs, run by .ci/run on the real bundle):
// what it counts as documentation left in a Worker's code.
import { describe, expect, it } from "vitest";
import { documentationIn, documentationProbes } from "../../scripts/bundle.mjs";

const document = {
  paths: {
    "/things": {
      get: { summary: "List things", description: "Newest first; `cursor` pages on.\n\n**Credentials:** a key.", responses: {} },
      post: { summary: "Add a thing (POST)", responses: { 200: { description: "OK" } } },
    },
  },
  components: { schemas: { Thing: { properties: { description: { type: "string", description: "What the thing is for." } } } } },
};

describe("the bundle check's documentation probe", () => {
  it("takes each summary and description paragraph's start, a Seam POST summary without its suffix, nothing too short", () => {
    expect(documentationProbes(document).sort()).toEqual(["**Credentials:** a key.", "Add a thing", "List things", "Newest first; ", "What the thing is for."].sort());
  });

  it("finds a text opening a string literal, and answer-schema modules among the inputs", () => {
    const code = `var a={summary:"List things",d:\`What the thing is for.\`};`;
    expect(documentationIn(code, ["src/router.ts", "src/resources/things/responses.ts"], document)).toEqual({
      texts: ["List things", "What the thing is for."],
      modules: ["src/resources/things/responses.ts"],
    });
  });

  it("ignores a runtime message that quotes a description mid-sentence, and a bundle without docs", () => {
    expect(documentationIn('throw Error(`${x}. List things`)', ["src/router.ts"], document)).toEqual({ texts: [], modules: [] });
  });
});
