// postinstall: copies Scalar's browser bundle into the Worker's static assets
// (public/scalar/), so /docs loads it from this origin and never from a CDN.
// The copy is build output: public/scalar/ is not in git.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";

const target = "public/scalar/standalone.js";

let source;
try {
  source = createRequire(import.meta.url).resolve("@scalar/api-reference/browser/standalone.js");
} catch {
  // A production-only install (--omit=dev) has no Scalar: say so rather than fail the install.
  console.warn(`copy-scalar: @scalar/api-reference is not installed; ${target} not written, so /docs will not render.`);
  process.exit(0);
}

mkdirSync(dirname(target), { recursive: true });
copyFileSync(source, target);
console.log(`copy-scalar: ${target} from ${source}`);
