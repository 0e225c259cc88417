// zod as the Worker uses it: zod/mini (a third of classic zod's size, and cheaper to build and to
// parse at startup; docs/bundle-and-startup.md), with zod's English messages, which classic zod
// installs by itself and zod/mini does not. Every module that builds schemas imports zod from here.
import en from "zod/v4/locales/en.js";
import * as z from "zod/mini";

z.config(en());

export * from "zod/mini";
