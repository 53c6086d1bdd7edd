import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/build.ts";
import { rootCause } from "../../src/lib/build-error.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import { createSite } from "../../src/site.ts";
import { envFor } from "../helpers/fixture.ts";
import { makeSampleSite } from "../helpers/sample-site.ts";

// Regression: a dev-server build stopped while it read content was removed while Eleventy's passthrough copy,
// left unawaited when the templates failed, still wrote into it: ENOENT, unhandled, and the server died.
describe("a build stopped while it reads content", () => {
  it("copies its files before any page, so nothing is left writing into the folder it removes", async () => {
    const dir = await makeSampleSite();
    const ctx = loadSiteContext(envFor(dir));
    const eleventy = new Eleventy(ctx.contentDir, path.join(dir, "unused"), {
      configPath: "",
      config: createSite(ctx),
      quietMode: true,
    });
    await eleventy.initializeConfig();
    const userConfig = (
      eleventy as unknown as {
        eleventyConfig: { userConfig: { passthroughCopies: Record<string, unknown> } };
      }
    ).eleventyConfig.userConfig;
    expect(userConfig.passthroughCopies).toEqual({});

    const output = path.join(dir, "_site");
    const error = await buildSite(ctx, { output, signal: AbortSignal.abort() }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(rootCause(error).name).toBe("AbortError");
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith("_site"))).toEqual([]);
  });
});
