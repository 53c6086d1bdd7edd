import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BodyRenderer } from "../lib/bodies.ts";
import { routes } from "../lib/routes.ts";
import type { Section } from "../lib/schema.ts";
import type { ContentStore } from "../lib/store.ts";

export interface ContentOptions {
  store: ContentStore;
  /** Renders editors' Markdown (src/lib/bodies.ts). */
  bodies: BodyRenderer;
  /** The layout of each section's pages (content/ holds no code, so no data files either). */
  layouts?: Partial<Record<Section, string>>;
  /** Stops the build at the next content page (the dev server, when an edit arrives). */
  signal?: AbortSignal;
}

type Data = Record<string, unknown>;

/**
 * Loads and validates every content file before anything is written, and hands Eleventy what the
 * store read, by path: no content file is read or parsed twice.
 */
export default function content(eleventyConfig: UserConfig, options: ContentOptions) {
  const { store, bodies, layouts = {}, signal } = options ?? {};
  if (!store) throw new Error("content plugin: the `store` option is required");
  if (!bodies) throw new Error("content plugin: the `bodies` option is required");

  // Throws ContentValidationError listing every problem, so nothing is written; the dev server reloads after each edit.
  eleventyConfig.on("eleventy.beforeWatch", () => store.reset());
  eleventyConfig.on("eleventy.before", () => {
    bodies.foundLinks();
    store.load();
  });
  // The links and images of the bodies rendered, as load() left them (a whole build with no other error).
  eleventyConfig.on("eleventy.after", () => store.checkRenderedLinks(bodies.foundLinks()));

  eleventyConfig.addExtension("md", {
    read: false,
    // Templates read tags from `item` (normalised by the store); left in the data, Eleventy would build an unused collection per tag.
    getData: (inputPath: string) => {
      // Stopped before it renders too: reading every file's data takes seconds on a large site.
      signal?.throwIfAborted();
      const item = store.get(inputPath);
      // Only what the store validated is built (the gate refuses every other Markdown file).
      if (!item) return { permalink: false, eleventyExcludeFromCollections: true };
      const { tags: _tags, ...data } = store.frontMatter(inputPath)!;
      // Sub-folders do not change the URL; an explicit permalink is already folded into item.url.
      // A file with no page of its own (a community seeking a partner) needs no layout.
      const layout = item.url === false ? undefined : layouts[item.section];
      return { ...(layout ? { layout } : {}), ...data, permalink: item.url };
    },
    // Editors' Markdown never goes through a template engine; the body is looked up when rendered, so the dev server shows edits.
    compile: (_content: unknown, inputPath: string) => (data: Data) => {
      signal?.throwIfAborted();
      const item = store.get(inputPath);
      return item ? bodies.pageHtml(item, data) : "";
    },
    compileOptions: { permalink: "raw" },
  });
  // Drafts and scheduled items are not built at all in production; the others get their Item here, after
  // the data cascade (which copies what it merges): related() and the caches know items by identity.
  eleventyConfig.addPreprocessor(
    "content",
    "md",
    (data: { page: { inputPath: string }; item?: unknown }) => {
      const item = store.get(data.page.inputPath);
      if (!item) return false;
      if (!store.isVisible(item)) return false;
      data.item = item;
      return undefined;
    },
  );

  eleventyConfig.addGlobalData("site", store.ctx.settings);
  // Templates link to the site's own pages through the one map of its URLs.
  eleventyConfig.addGlobalData("routes", routes);
  eleventyConfig.addGlobalData("build", {
    preview: store.ctx.preview,
    pathPrefix: store.ctx.deploy.pathPrefix,
    now: store.ctx.now,
  });
  eleventyConfig.addGlobalData("digest", () => digestOf(store, store.ctx.languages.default.code));
  // The same lists in each other language, for its home and list pages.
  eleventyConfig.addGlobalData("digests", () =>
    Object.fromEntries(
      store.ctx.languages.list
        .filter((l) => !l.isDefault)
        .map((l) => [l.code, digestOf(store, l.code)]),
    ),
  );
}

/** The lists the home page and the section lists page through, in one language. */
export function digestOf(store: ContentStore, code: string) {
  const published = store.publishedIn(code);
  const articles = published.filter((i) => i.section === "articles");
  const actions = published.filter((i) => i.section === "actions");
  const open = actions.filter((i) => !i.closed);
  return {
    articles,
    // Open actions first, then the closed ones: /actions/ pages through them in this order.
    actions: [...open, ...actions.filter((i) => i.closed)],
    pages: published.filter((i) => i.section === "pages"),
    openActions: open,
  };
}
