import type UserConfig from "@11ty/eleventy/UserConfig";
import type { PagefindServiceConfig } from "pagefind";
import { groupOf } from "../lib/groups.ts";
import type { ImagePipeline } from "../lib/images.ts";
import { SEARCH_KINDS, searchRecord } from "../lib/search-records.ts";
import { indexInWorker } from "../lib/search-index.ts";
import type { ContentStore } from "../lib/store.ts";
import { routes } from "../lib/routes.ts";

export interface SearchOptions {
  store: ContentStore;
  /** Results show its small thumbnails, so a search never downloads the article-sized images. */
  images: ImagePipeline;
  /** Folder under the output the Pagefind bundle is written to. */
  bundleDir?: string;
  /** Passed to Pagefind's createIndex (e.g. excludeSelectors). */
  pagefind?: PagefindServiceConfig;
}

/** Pagefind search: the index is written at the end of every build, and /search/ reads it. */
export default function search(eleventyConfig: UserConfig, options: SearchOptions) {
  const {
    store,
    images,
    bundleDir = routes.pagefind.slice(1, -1),
    pagefind: pagefindConfig = {},
  } = options ?? {};
  if (!store) throw new Error("search plugin: the `store` option is required");
  if (!images) throw new Error("search plugin: the `images` option is required");
  if (!/^[a-z0-9_-]+$/i.test(bundleDir))
    throw new Error(
      `search plugin: bundleDir must be one folder name, got ${JSON.stringify(bundleDir)}`,
    );

  eleventyConfig.addTemplate("search-page.njk", "", {
    layout: "search.njk",
    title: "Search",
    permalink: routes.search,
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
      // An incremental rebuild only rewrites some pages; the bundle from the last full build stays.
      if (incremental || outputMode !== "fs") return;
      const records = store.published.map((item) =>
        searchRecord(item, {
          language,
          body: item.body,
          thumb: images.thumbUrl(item),
          tagLabel: (tag) => store.tagLabel(tag),
          group: groupOf(item),
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
      await indexing;
    } finally {
      indexing = null;
    }
  });
}
