import path from "node:path";
import { fileURLToPath } from "node:url";
import type UserConfig from "@11ty/eleventy/UserConfig";
// Indexes Eleventy's lookup of a template by input path (quadratic in pages in Eleventy 3.1).
import "./lib/eleventy-lookup.ts";
// Drops each page's HTML once written (Eleventy 3.1 keeps it to the end of the build).
import "./lib/eleventy-written.ts";
import { BodyRenderer } from "./lib/bodies.ts";
import { normalisePrefix } from "./lib/format.ts";
import { ImagePipeline, imageCacheDir } from "./lib/images.ts";
import { editionsFeed } from "./lib/editions.ts";
import { renderEditionFeedHtml, type EmailContext } from "./lib/email.ts";
import { absoluteUrl } from "./lib/deploy.ts";
import type { SiteContext } from "./lib/site-context.ts";
import { ContentStore } from "./lib/store.ts";
import { createTaxonomy } from "./lib/taxonomy.ts";
import assets from "./plugins/assets.ts";
import content, { digestOf } from "./plugins/content.ts";
import digest from "./plugins/digest.ts";
import events from "./plugins/events.ts";
import groups from "./plugins/groups.ts";
import feeds from "./plugins/feeds.ts";
import headers from "./plugins/headers.ts";
import helpers from "./plugins/helpers.ts";
import languages from "./plugins/languages.ts";
import pages from "./plugins/pages.ts";
import search from "./plugins/search.ts";
import share from "./plugins/share.ts";
import taxonomy from "./plugins/taxonomy.ts";

export const layoutsDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "layouts",
);

export interface SiteOptions {
  /** Content already loaded and checked (the dev server's quick pass reuses the last build's). */
  store?: ContentStore;
  /** Only content files' own pages: no generated page, no search index (the dev server's quick pass). */
  contentPagesOnly?: boolean;
  /**
   * Only the generated pages at these URLs (as their templates' permalinks spell them): no other
   * generated page, no search index (the dev server's first start renders the home pages alone).
   */
  pagesAt?: readonly string[];
  /** Stops the build at its next content page, and its search indexing (the dev server, on an edit). */
  signal?: AbortSignal;
  /** Search indexes on a thread kept from the last build in this process (see search-index.ts): for processes that build again and again. */
  reuseSearchThread?: boolean;
}

/**
 * The whole site as one Eleventy configuration function, for the context given (nothing is read
 * from the environment here): `eleventy.config.ts` passes the CLI's, tests build fixtures in-process
 * with `new Eleventy(input, output, { config: createSite(ctx) })`. `settled()` waits for the work a
 * build started beside rendering (search indexing) once the build failed or was stopped.
 */
export function createSite(ctx: SiteContext, options: SiteOptions = {}) {
  // A whole build checks the links of the bodies it renders from their rendering (ContentStore.checkRenderedLinks).
  const store =
    options.store ??
    new ContentStore(ctx, {
      linksAfterRender: !options.contentPagesOnly && !options.pagesAt,
    });
  const background = new Set<Promise<unknown>>();
  const wiring: Wiring = {
    contentPagesOnly: options.contentPagesOnly ?? false,
    pagesAt: options.pagesAt,
    reuseSearchThread: options.reuseSearchThread ?? false,
    // Work a build starts beside rendering is waited for when the build fails too: nothing may still write
    // into the folder the caller then removes.
    stop: {
      signal: options.signal,
      track: (work) => background.add(work.catch(() => undefined)),
    },
  };
  const configure = (eleventyConfig: UserConfig) => {
    const input = path.relative(process.cwd(), ctx.contentDir) || ".";
    eleventyConfig.setInputDirectory(input);
    // No template code from content/ ever runs (the gate refuses such files too), and hidden files are never read.
    const glob = (pattern: string) => path.posix.join(input.split(path.sep).join("/"), pattern);
    for (const pattern of ["**/*.njk", "**/.*", "**/.*/**"])
      eleventyConfig.ignores.add(glob(pattern));
    eleventyConfig.setIncludesDirectory(path.relative(ctx.contentDir, layoutsDir));
    eleventyConfig.setLayoutsDirectory(path.relative(ctx.contentDir, layoutsDir));
    eleventyConfig.setDataDirectory("_data");
    eleventyConfig.setTemplateFormats(["md", "njk"]);
    eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false });
    eleventyConfig.setQuietMode(true);
    // Every page's data is a shallow merge: the deep one copied the plain objects of the global data (calendars,
    // digests, directories) into each page's, and no data here is split between levels that it would join.
    // https://www.11ty.dev/docs/data-deep-merge/
    eleventyConfig.setDataDeepMerge(false);
    eleventyConfig.addPlugin((config: UserConfig) => wire(config, store, wiring));
    // Eleventy's own `url` filter and the dev server take the prefix from here unless told otherwise.
    return { pathPrefix: ctx.deploy.pathPrefix };
  };
  return Object.assign(configure, {
    store,
    settled: () => Promise.all(background),
  });
}

interface Wiring {
  contentPagesOnly: boolean;
  pagesAt?: readonly string[];
  reuseSearchThread: boolean;
  stop: { signal?: AbortSignal; track: (work: Promise<unknown>) => void };
}

function wire(eleventyConfig: UserConfig, store: ContentStore, wiring: Wiring): void {
  const { ctx } = store;
  const { contentPagesOnly, pagesAt, reuseSearchThread, stop } = wiring;
  // Every generated page lists or indexes the whole site: the whole build after a quick pass writes them.
  if (contentPagesOnly) eleventyConfig.addTemplate = () => undefined;
  else if (pagesAt) {
    const add = eleventyConfig.addTemplate.bind(eleventyConfig);
    eleventyConfig.addTemplate = (name, text, data) =>
      typeof data?.permalink === "string" && pagesAt.includes(data.permalink)
        ? add(name, text, data)
        : undefined;
  }
  // A page rendered alone may run beside a whole build: Eleventy's module-wide caches of layouts and
  // compiled templates (keyed by path, holding the build's own filters) are the whole build's alone.
  if (contentPagesOnly || pagesAt) eleventyConfig.setUseTemplateCache(false);
  // The plugins prefix URLs with ctx.deploy and Eleventy's `url` filter with its own: one prefix, or links break.
  // Declared in Eleventy's JavaScript by a bare `this.pathPrefix;`, which TypeScript 7 does not read as a property.
  const { pathPrefix } = eleventyConfig as UserConfig & { pathPrefix?: string };
  const eleventyPrefix = normalisePrefix(pathPrefix);
  if (eleventyPrefix !== ctx.deploy.pathPrefix) {
    throw new Error(
      `Eleventy was given the path prefix "${eleventyPrefix}" but the site's is "${ctx.deploy.pathPrefix}": pass --pathprefix to the build script (loadSiteContext), not to Eleventy`,
    );
  }
  const images = new ImagePipeline({
    contentDir: ctx.contentDir,
    origin: ctx.deploy.origin,
    pathPrefix: ctx.deploy.pathPrefix,
    cacheDir: imageCacheDir(ctx.contentDir),
    page: { widths: [480, 960], formats: ["avif", "webp", "jpeg"] },
    thumb: { widths: [160], formats: ["webp"] },
  });
  eleventyConfig.on("eleventy.before", ({ directories }: { directories: { output: string } }) =>
    images.setOutput(directories.output),
  );
  eleventyConfig.on("eleventy.after", () => images.flush());
  const bodies = new BodyRenderer(images);
  const topics = createTaxonomy(store);
  const email: EmailContext = {
    settings: ctx.settings,
    absolute: (url) => absoluteUrl(ctx.deploy, url),
    bodyHtml: (item) => bodies.feedHtml(item),
    image: (item) =>
      item.image
        ? { ...images.largestJpeg(images.fileOf(item)), url: images.imageUrl(item) }
        : null,
    languages: ctx.languages,
  };

  eleventyConfig.addPlugin(content, {
    store,
    bodies,
    signal: stop.signal,
    // A section's defaults belong to the code, not to content/: no code from content/ runs.
    layouts: {
      articles: "item.njk",
      actions: "item.njk",
      pages: "item.njk",
      editions: "digest/edition.njk",
      groups: "groups/group.njk",
    },
  });
  eleventyConfig.addPlugin(helpers, { store, images });
  eleventyConfig.addPlugin(languages, { store });
  eleventyConfig.addPlugin(assets, {
    fingerprint: [
      "site.css",
      "events.css",
      "search.js",
      "search.css",
      "share.js",
      "share-card.png",
    ],
  });
  eleventyConfig.addPlugin(pages, { store, digestOf: (code: string) => digestOf(store, code) });
  eleventyConfig.addPlugin(feeds, {
    store,
    bodies,
    images,
    more: () => [
      ...topics().feeds,
      ...ctx.languages.list.map((language) =>
        editionsFeed(
          store.editionsIn(language.code),
          (view) => renderEditionFeedHtml(view, email),
          ctx.settings,
          language,
        ),
      ),
    ],
  });
  eleventyConfig.addPlugin(digest, { store, email });
  eleventyConfig.addPlugin(share, {
    settings: ctx.settings,
    languages: ctx.languages,
    deploy: ctx.deploy,
  });
  eleventyConfig.addPlugin(events, { store, images });
  eleventyConfig.addPlugin(groups, { store, bodies });
  eleventyConfig.addPlugin(taxonomy, { taxonomy: topics, languages: ctx.languages });
  eleventyConfig.addPlugin(search, {
    store,
    images,
    index: !contentPagesOnly && !pagesAt,
    stop,
    reuseThread: reuseSearchThread,
  });
  eleventyConfig.addPlugin(headers);
}
