import type UserConfig from "@11ty/eleventy/UserConfig";
import type { PagefindServiceConfig } from "pagefind";
import { groupOf } from "../lib/groups.ts";
import type { ImagePipeline } from "../lib/images.ts";
import { templateName, type Language } from "../lib/languages.ts";
import { indexLanguage, SEARCH_KINDS, searchRecord } from "../lib/search-records.ts";
import { indexInWorker } from "../lib/search-index.ts";
import { searchStrings } from "../lib/search-strings.ts";
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
  /** False for a build of some pages only (the dev server's quick pass): the last whole build's index stays. */
  index?: boolean;
  /** Stops the indexing when the build is stopped (`signal`); it is told each indexing so it can wait for it to end. */
  stop?: { signal?: AbortSignal; track: (work: Promise<unknown>) => void };
  /** Index on a thread kept from this process's last build (a process that builds again and again: the dev server). */
  reuseThread?: boolean;
}

/**
 * Pagefind search: one bundle written at the end of every build, holding an index per language,
 * and a search page per language (/search/, /ar/search/) that searches its language's index.
 */
export default function search(eleventyConfig: UserConfig, options: SearchOptions) {
  const {
    store,
    images,
    bundleDir = routes.pagefind.slice(1, -1),
    pagefind: pagefindConfig = {},
    index = true,
    stop,
    reuseThread = false,
  } = options ?? {};
  if (!store) throw new Error("search plugin: the `store` option is required");
  if (!images) throw new Error("search plugin: the `images` option is required");
  if (!/^[a-z0-9_-]+$/i.test(bundleDir))
    throw new Error(
      `search plugin: bundleDir must be one folder name, got ${JSON.stringify(bundleDir)}`,
    );

  const { languages } = store.ctx;
  /** The groups a language's results can be narrowed to, by name: those its items are or name. */
  const groupsIn = (language: Language, byName: { slug: string }[]) => {
    const named = new Set(store.publishedIn(language.code).map(groupOf));
    return byName.filter((group) => named.has(group.slug));
  };
  for (const language of languages.list) {
    const name = templateName(language, "search-page.njk");
    eleventyConfig.addTemplate(name, "", {
      layout: "search.njk",
      title: language.strings.text("search.title"),
      permalink: language.routes.search,
      i18n: language,
      routes: language.routes,
      searchKinds: SEARCH_KINDS,
      // Shared by every language: one bundle at the site's root, whose result URLs start at the root.
      bundlePath: `/${bundleDir}/`,
      eleventyComputed: {
        // The bundle has no index for a language with nothing published.
        searchEmpty: () => store.publishedIn(language.code).length === 0,
        searchGroups: (data: { groupsDirectory: { byName: { slug: string }[] } }) =>
          groupsIn(language, data.groupsDirectory.byName),
      },
    });
  }

  // The words search.js shows, beside each search page (the page itself stays as it was before languages).
  for (const language of languages.list)
    eleventyConfig.addTemplate(
      templateName(language, "search-strings.njk"),
      JSON.stringify(searchStrings(language)),
      {
        permalink: routes.searchStrings(language.routes.search),
        eleventyExcludeFromCollections: true,
        templateEngineOverride: false,
      },
    );

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
      if (!index || incremental || outputMode !== "fs") return;
      const records = store.published.map((item) => {
        const language = languages.get(item.lang) ?? languages.default;
        return searchRecord(item, {
          language: indexLanguage(language, languages.multilingual),
          dates: language,
          body: item.body,
          thumb: images.thumbUrl(item),
          tagLabel: (tag) => store.tagLabel(tag),
          group: groupOf(item),
        });
      });
      indexing = indexInWorker(
        { records, outputDir: directories.output, bundleDir, config: pagefindConfig },
        stop?.signal,
        { reuse: reuseThread },
      );
      stop?.track(indexing);
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
