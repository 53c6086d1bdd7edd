import type UserConfig from "@11ty/eleventy/UserConfig";
import { parseYaml, type Item } from "../lib/content.ts";
import { absoluteUrl, isoDate, jsonForScript, readableDate, type TimeLike } from "../lib/format.ts";
import { articleJsonLd } from "../lib/jsonld.ts";
import { categoryUrl } from "../lib/tags.ts";
import type { ImagePipeline } from "../lib/images.ts";
import type { ContentStore } from "../lib/store.ts";

export interface ContentOptions {
  store: ContentStore;
  /** For structured data's image URLs. */
  images: ImagePipeline;
}

/** Validates every content file before anything is written, and gives templates the result. */
export default function content(eleventyConfig: UserConfig, options: ContentOptions) {
  const { store, images } = options ?? {};
  if (!store) throw new Error("content plugin: the `store` option is required");
  if (!images) throw new Error("content plugin: the `images` option is required");
  const { settings } = store.ctx;
  const pathPrefix = eleventyConfig.pathPrefix ?? "/";

  // The store has parsed every content file's front matter already; generated templates still go through parseYaml.
  // Templates read tags from `item` (normalised by the store); left in the data, Eleventy would build an unused collection per tag.
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: (yaml: string) => {
        const data = store.takeFrontMatter(yaml) ?? parseYaml(yaml);
        if (!data || typeof data !== "object" || !("tags" in data)) return data;
        const { tags: _tags, ...rest } = data as Record<string, unknown>;
        return rest;
      },
    },
  });
  // Throws ContentValidationError listing every problem, so nothing is written; the dev server reloads after each edit.
  eleventyConfig.on("eleventy.beforeWatch", () => store.reset());
  eleventyConfig.on("eleventy.before", () => store.load());
  // Drafts and scheduled items are not built at all in production; the others get their Item and URL here,
  // once per file, rather than through computed data on every template.
  eleventyConfig.addPreprocessor(
    "content",
    "md",
    (data: {
      page: { inputPath: string };
      item?: Item;
      permalink?: unknown;
      templateEngineOverride?: string;
    }) => {
      const item = store.get(data.page.inputPath);
      if (!item) return undefined;
      if (!store.isVisible(item)) return false;
      data.item = item;
      // Editors' Markdown never goes through a template engine (the config's markdownTemplateEngine, set per file).
      data.templateEngineOverride = "md";
      // Sub-folders do not change the URL; an explicit permalink is already folded into item.url.
      data.permalink = item.url;
      return undefined;
    },
  );

  eleventyConfig.addGlobalData("site", settings);
  eleventyConfig.addGlobalData("build", {
    preview: store.ctx.preview,
    pathPrefix,
    now: store.ctx.now,
  });
  eleventyConfig.addGlobalData("digest", () => {
    const published = store.published;
    const articles = published.filter((i) => i.section === "articles");
    const actions = published.filter((i) => i.section === "actions");
    return {
      articles,
      actions,
      pages: published.filter((i) => i.section === "pages"),
      openActions: actions.filter((i) => !i.closed),
    };
  });

  // Cards show the same dates on many pages; formatting one with Intl is the costly part.
  const readable = new WeakMap<object, string>();
  eleventyConfig.addFilter("readableDate", (t: TimeLike) => {
    let text = readable.get(t);
    if (text === undefined) readable.set(t, (text = readableDate(t, settings.language)));
    return text;
  });
  // Eleventy's `url` filter tries `new URL()` (and catches a throw) on every relative URL; the answer depends only on the URL.
  const eleventyUrl = eleventyConfig.getFilter("url") as (
    this: unknown,
    url: string,
    prefix?: string,
  ) => string;
  const prefixed = new Map<string, string>();
  eleventyConfig.on("eleventy.before", () => prefixed.clear());
  eleventyConfig.addFilter("url", function (this: unknown, url: string, prefixOverride?: string) {
    if (typeof url !== "string" || prefixOverride !== undefined)
      return eleventyUrl.call(this, url, prefixOverride);
    let out = prefixed.get(url);
    if (out === undefined) prefixed.set(url, (out = eleventyUrl.call(this, url)));
    return out;
  });
  eleventyConfig.addFilter("isoDate", isoDate);
  const absolute = (url: string) => absoluteUrl(settings.url, pathPrefix, url);
  eleventyConfig.addFilter("absolute", absolute);
  eleventyConfig.addFilter("categoryLabel", (slug: string) => settings.categories[slug] ?? slug);
  eleventyConfig.addFilter("categoryUrl", categoryUrl);
  eleventyConfig.addFilter("tagUrl", (tag: string) => store.tagUrl(tag));
  eleventyConfig.addFilter("related", (item: Item, count?: number) => store.related(item, count));
  eleventyConfig.addFilter("jsonForScript", jsonForScript);
  eleventyConfig.addFilter("articleJsonLd", (item: Item) =>
    articleJsonLd(item, {
      siteTitle: settings.title,
      siteUrl: settings.url,
      absolute,
      imageUrl: (i) => images.imageUrl(i),
    }),
  );
  eleventyConfig.addFilter("take", (list: unknown[], count: number) => list.slice(0, count));
}
