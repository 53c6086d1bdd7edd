// The Eleventy CLI's configuration (npm start, the dev server; npm run build goes through scripts/build.ts): the site for this environment.
import type UserConfig from "@11ty/eleventy/UserConfig";
import { createSite } from "./src/site.ts";
import { loadSiteContext } from "./src/lib/site-context.ts";
import { ContentValidationError } from "./src/lib/store.ts";

export default function (eleventyConfig: UserConfig) {
  const site = createSite(loadSiteContext());
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
  site(eleventyConfig);
}
