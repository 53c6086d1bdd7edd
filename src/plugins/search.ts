import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import * as pagefind from "pagefind";
import type { CustomRecord, PagefindServiceConfig } from "pagefind";
import type { Item } from "../lib/content.ts";
import { ImagePipeline } from "../lib/images.ts";
import { createMarkdown, markdownText } from "../lib/markdown.ts";
import { SEARCH_KINDS, searchRecord } from "../lib/search-records.ts";
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

/** Pagefind's UI bundles: this site draws its own results over pagefind.js, so they are not published. */
const UNUSED_BUNDLE_FILE = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

type BundleFile = { path: string; content: Uint8Array };

const fail = (step: string, errors: string[]): never => {
  throw new Error(`search plugin: Pagefind reported errors while ${step}:\n${errors.join("\n")}`);
};

/**
 * Indexes records in Pagefind's own process and returns the bundle's files. Started when the build
 * starts, it runs on the second core while Eleventy renders. The caller closes Pagefind.
 * https://pagefind.app/docs/node-api/#indexaddcustomrecord
 */
export async function buildIndex(
  records: CustomRecord[],
  config: PagefindServiceConfig = {},
): Promise<BundleFile[]> {
  const { index, errors } = await pagefind.createIndex(config);
  if (!index || errors.length) return fail("starting", errors);
  // Pagefind numbers pages in the order they arrive, so a fixed order keeps the bundle byte-identical.
  const sorted = [...records].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  // A malformed record makes the service throw rather than answer with errors.
  const added = await Promise.all(
    sorted.map((record) =>
      index.addCustomRecord(record).catch((e: Error) => ({ errors: [e.message] })),
    ),
  );
  const addErrors = added.flatMap((r, n) => r.errors.map((e) => `${sorted[n]!.url}: ${e}`));
  if (addErrors.length) fail("indexing", addErrors);
  const { files, errors: fileErrors } = await index.getFiles();
  if (fileErrors.length) fail("writing the bundle", fileErrors);
  return files;
}

/** Replaces the bundle folder under the output with the index's files. */
export async function writeBundle(
  files: BundleFile[],
  outputDir: string,
  bundleDir: string,
): Promise<void> {
  const target = path.join(outputDir, bundleDir);
  await rm(target, { recursive: true, force: true });
  for (const file of files) {
    if (UNUSED_BUNDLE_FILE.test(file.path)) continue;
    const out = path.join(target, file.path);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, file.content);
  }
}

/** Indexes records and writes the bundle; throws on any Pagefind error. */
export async function indexSite(
  records: CustomRecord[],
  outputDir: string,
  bundleDir: string,
  config: PagefindServiceConfig = {},
): Promise<number> {
  try {
    await writeBundle(await buildIndex(records, config), outputDir, bundleDir);
    return records.length;
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

  const md = createMarkdown({ pathPrefix, siteUrl: store.ctx.settings.url });
  const { language } = store.ctx.settings;
  let indexing: Promise<BundleFile[]> | null = null;

  eleventyConfig.on("eleventy.before", ({ directories }: { directories: { output: string } }) => {
    thumbs.setOutput(path.join(directories.output, "img"), `${pathPrefix}img/`);
    const records = store.published.map((item) =>
      searchRecord(item, {
        language,
        text: markdownText(md, item.body),
        thumb: item.image ? thumbUrl(item) : "",
      }),
    );
    indexing = buildIndex(records, pagefindConfig);
    // Awaited in eleventy.after; until then a failure must not surface as an unhandled rejection.
    indexing.catch(() => undefined);
  });
  eleventyConfig.on(
    "eleventy.after",
    async (event: {
      directories: { output: string };
      incremental?: boolean;
      outputMode?: string;
    }) => {
      const { directories, incremental, outputMode = "fs" } = event;
      try {
        await thumbs.flush();
        const files = await indexing;
        // An incremental rebuild only rewrote some pages; the bundle from the last full build stays.
        if (files && !incremental && outputMode === "fs")
          await writeBundle(files, directories.output, bundleDir);
      } finally {
        indexing = null;
        await pagefind.close();
      }
    },
  );
}
