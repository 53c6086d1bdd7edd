// For running the Eleventy CLI directly: the site for this environment (npm start is scripts/start.ts, npm run build scripts/build.ts).
import { parseArgs } from "node:util";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { createSite } from "./src/site.ts";
import { loadSiteContext, SettingsError } from "./src/lib/site-context.ts";
import { ContentValidationError } from "./src/lib/store.ts";

/** The CLI's --pathprefix, checked with the other deploy settings (Eleventy would take it unchecked). */
function cliPathPrefix(): string | undefined {
  const { values } = parseArgs({ options: { pathprefix: { type: "string" } }, strict: false });
  return typeof values.pathprefix === "string" ? values.pathprefix : undefined;
}

export default function (eleventyConfig: UserConfig) {
  let site: ReturnType<typeof createSite>;
  try {
    site = createSite(loadSiteContext(process.env, { pathPrefix: cliPathPrefix() }));
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  // First listener of the build: a refused one-off build prints the list alone (no stack trace) and
  // exits 1; the dev server gets the error, shows it and keeps serving.
  eleventyConfig.on("eleventy.before", ({ runMode }: { runMode: string }) => {
    if (runMode !== "build") return;
    try {
      site.store.load();
    } catch (error) {
      if (!(error instanceof ContentValidationError)) throw error;
      console.error(error.message);
      process.exit(1);
    }
  });
  return site(eleventyConfig);
}
