import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import * as pagefind from "pagefind";
import type { PagefindServiceConfig } from "pagefind";
import type { Item } from "../lib/content.ts";
import { ImagePipeline } from "../lib/images.ts";
import type { ContentStore } from "../lib/store.ts";
import { resolveImagePath } from "../lib/store.ts";

export interface SearchOptions {
  store?: ContentStore;
  /** Folder under the output the Pagefind bundle is written to. */
  bundleDir?: string;
  /** Width (px) of the thumbnails shown beside results. */
  thumbWidth?: number;
  /** Passed to Pagefind's createIndex (e.g. excludeSelectors). */
  pagefind?: PagefindServiceConfig;
}

/** What a reader can narrow results to; the `kind` filter of each indexed page. */
export const SEARCH_KINDS = {
  article: "Articles",
  action: "Actions",
  event: "Events",
  page: "About pages",
} as const;
export type SearchKind = keyof typeof SEARCH_KINDS;

export function searchKinds(item: Pick<Item, "section" | "event">): SearchKind[] {
  const kind: SearchKind =
    item.section === "articles" ? "article" : item.section === "actions" ? "action" : "page";
  return item.event ? [kind, "event"] : [kind];
}

/** Pagefind's UI bundles: this site draws its own results over pagefind.js, so they are not published. */
const UNUSED_BUNDLE_FILE = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

interface BuiltPage {
  url: string | false;
  outputPath: string | false;
  content: string;
}

/** Indexes the built pages that carry data-pagefind-body and writes the bundle; throws on any Pagefind error. */
export async function indexSite(
  pages: BuiltPage[],
  outputDir: string,
  bundleDir: string,
  config: PagefindServiceConfig = {},
): Promise<number> {
  const fail = (step: string, errors: string[]) => {
    throw new Error(`search plugin: Pagefind reported errors while ${step}:\n${errors.join("\n")}`);
  };
  try {
    const { index, errors } = await pagefind.createIndex(config);
    if (!index || errors.length) return fail("starting", errors);
    // Pagefind numbers pages in the order they arrive, so a fixed order keeps the bundle byte-identical.
    const indexed = pages
      .filter(
        (p): p is BuiltPage & { url: string } =>
          typeof p.url === "string" &&
          typeof p.outputPath === "string" &&
          p.outputPath.endsWith(".html") &&
          p.content.includes("data-pagefind-body"),
      )
      .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    const added = await Promise.all(
      indexed.map((p) => index.addHTMLFile({ url: p.url, content: p.content })),
    );
    const addErrors = added.flatMap((r, n) => r.errors.map((e) => `${indexed[n]!.url}: ${e}`));
    if (addErrors.length) fail("indexing", addErrors);
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length) fail("writing the bundle", fileErrors);
    const target = path.join(outputDir, bundleDir);
    await rm(target, { recursive: true, force: true });
    for (const file of files) {
      if (UNUSED_BUNDLE_FILE.test(file.path)) continue;
      const out = path.join(target, file.path);
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, file.content);
    }
    return indexed.length;
  } finally {
    await pagefind.close();
  }
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
  const pathPrefix = (eleventyConfig.pathPrefix ?? "/").replace(/\/?$/, "/").replace(/^\/?/, "/");
  // Results show a small thumbnail, so a search never downloads the article-sized images.
  const thumbs = new ImagePipeline({
    outputDir: "_site/img/",
    urlPath: `${pathPrefix}img/`,
    widths: [thumbWidth],
    formats: ["webp"],
  });

  eleventyConfig.addFilter("searchKinds", searchKinds);
  eleventyConfig.addFilter("searchSortDate", (item: Item) =>
    item.date.at.toUTC().toISO({ suppressMilliseconds: true }),
  );
  eleventyConfig.addFilter("searchThumb", (item: Item) => {
    if (!item.image) return "";
    const [thumb] =
      thumbs.stats(resolveImagePath(item, item.image.src, store.ctx.contentDir)).webp ?? [];
    return thumb?.url ?? "";
  });

  eleventyConfig.addTemplate("search-page.njk", "", {
    layout: "search.njk",
    title: "Search",
    permalink: "/search/",
    searchKinds: SEARCH_KINDS,
    bundleDir,
  });

  eleventyConfig.on("eleventy.before", ({ directories }: { directories: { output: string } }) => {
    thumbs.setOutput(path.join(directories.output, "img"), `${pathPrefix}img/`);
  });
  eleventyConfig.on(
    "eleventy.after",
    async (event: {
      directories: { output: string };
      results: BuiltPage[];
      incremental?: boolean;
      outputMode?: string;
    }) => {
      const { directories, results, incremental, outputMode = "fs" } = event;
      await thumbs.flush();
      // An incremental rebuild only reports the pages it rewrote, so the index would lose the rest.
      if (incremental || outputMode !== "fs") return;
      await indexSite(results, directories.output, bundleDir, pagefindConfig);
    },
  );
}
