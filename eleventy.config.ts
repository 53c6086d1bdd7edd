import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { loadSiteContext } from "./src/lib/site-context.ts";
import { ContentStore } from "./src/lib/store.ts";
import assets from "./src/plugins/assets.ts";
import content from "./src/plugins/content.ts";
import events from "./src/plugins/events.ts";
import feeds from "./src/plugins/feeds.ts";
import headers from "./src/plugins/headers.ts";
import markdown from "./src/plugins/markdown.ts";
import pages from "./src/plugins/pages.ts";
import search from "./src/plugins/search.ts";
import taxonomy from "./src/plugins/taxonomy.ts";

const site = loadSiteContext();
const layoutsDir = path.resolve(import.meta.dirname ?? ".", "layouts");

export default function (eleventyConfig: UserConfig) {
  const store = new ContentStore(site);
  eleventyConfig.addPlugin(content, { store });
  eleventyConfig.addPlugin(markdown, { store });
  eleventyConfig.addPlugin(assets, {
    fingerprint: ["site.css", "events.css", "search.js", "search.css"],
  });
  eleventyConfig.addPlugin(pages, { store });
  eleventyConfig.addPlugin(feeds, { store });
  eleventyConfig.addPlugin(events, { store });
  eleventyConfig.addPlugin(taxonomy, { store });
  eleventyConfig.addPlugin(search, { store });
  eleventyConfig.addPlugin(headers);

  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false });
  eleventyConfig.addDataExtension("ts", {
    parser: async (file: string) => (await import(path.resolve(file))).default,
    read: false,
  });
  eleventyConfig.setQuietMode(true);
}

export const config = {
  dir: {
    input: path.relative(process.cwd(), site.contentDir) || ".",
    includes: path.relative(site.contentDir, layoutsDir),
    layouts: path.relative(site.contentDir, layoutsDir),
    data: "_data",
    output: "_site",
  },
  templateFormats: ["md", "njk"],
  markdownTemplateEngine: false as const,
  htmlTemplateEngine: "njk",
};
