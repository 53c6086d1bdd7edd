import { createRequire } from "node:module";
import type * as Zod from "zod";

// zod's ES module build is 95 files, each a round trip to tsx's loader thread on Node 20; its
// CommonJS build loads in-process, about 0.15 s sooner for npm run check. Import zod from here only.
export const { z } = createRequire(import.meta.url)("zod") as typeof Zod;
