import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { PagefindServiceConfig } from "pagefind";
import { normalisePrefix } from "../lib/format.ts";
import { resolveImagePath, type Item } from "../lib/content.ts";
import { ImagePipeline } from "../lib/images.ts";
import { SEARCH_KINDS, searchRecord } from "../lib/search-records.ts";
import { indexInWorker } from "../lib/search-index.ts";
import type { ContentStore } from "../lib/store.ts";

export interface SearchOptions {
  store?: ContentStore;
  /** Folder under the output the Pagefind bundle is written to. */
  bundleDir?: string;
  /** Width (px) of the thumbnails shown beside results. */
  thumbWidth?: number;
  /** Passed to Pagefind's createIndex (e.g. excludeSelectors). */
  pagefind?: PagefindServiceConfig;
}

/** Pagefind search: the index is written at the end of every build, and /search/ reads it. */
export default function search(eleventyConfig: UserConfig, options: SearchOptions = {}) {
  const {
    store,
    bundleDir = "pagefind",
    thumbWidth = 160,
    pagefind: pagefindConfig = {},
  } = options;
  if (!store) throw new Error("search plugin: the `store` option is required");
  if (!/^[a-z0-9_-]+$/i.test(bundleDir))
    throw new Error(
      `search plugin: bundleDir must be one folder name, got ${JSON.stringify(bundleDir)}`,
    );
  if (!Number.isInteger(thumbWidth) || thumbWidth < 16)
    throw new Error(
      `search plugin: thumbWidth must be a whole number of at least 16, got ${thumbWidth}`,
    );
  const pathPrefix = normalisePrefix(eleventyConfig.pathPrefix);
  // Results show a small thumbnail, so a search never downloads the article-sized images.
  const thumbs = new ImagePipeline({
    outputDir: "_site/img/",
    urlPath: `${pathPrefix}img/`,
    widths: [thumbWidth],
    formats: ["webp"],
  });

  const thumbUrl = (item: Item) => {
    if (!item.image) return "";
    const [thumb] =
      thumbs.stats(resolveImagePath(item, item.image.src, store.ctx.contentDir)).webp ?? [];
    return thumb?.url ?? "";
  };

  eleventyConfig.addTemplate("search-page.njk", "", {
    layout: "search.njk",
    title: "Search",
    permalink: "/search/",
    searchKinds: SEARCH_KINDS,
    bundleDir,
  });

  const { language } = store.ctx.settings;
  let indexing: Promise<number> | null = null;

  eleventyConfig.on(
    "eleventy.before",
    ({
      directories,
      incremental,
      outputMode = "fs",
    }: {
      directories: { output: string };
      incremental?: boolean;
      outputMode?: string;
    }) => {
      thumbs.setOutput(path.join(directories.output, "img"), `${pathPrefix}img/`);
      // An incremental rebuild only rewrites some pages; the bundle from the last full build stays.
      if (incremental || outputMode !== "fs") return;
      const records = store.published.map((item) =>
        searchRecord(item, {
          language,
          body: item.body,
          thumb: item.image ? thumbUrl(item) : "",
        }),
      );
      indexing = indexInWorker({
        records,
        outputDir: directories.output,
        bundleDir,
        config: pagefindConfig,
      });
      // Awaited in eleventy.after; until then a failure must not surface as an unhandled rejection.
      indexing.catch(() => undefined);
    },
  );
  eleventyConfig.on("eleventy.after", async () => {
    try {
      await thumbs.flush();
      await indexing;
    } finally {
      indexing = null;
    }
  });
}
