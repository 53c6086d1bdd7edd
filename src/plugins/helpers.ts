import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Item } from "../lib/content.ts";
import { absoluteUrl } from "../lib/deploy.ts";
import { isoDate, jsonForScript, readableDate, type TimeLike } from "../lib/format.ts";
import type { ImagePipeline } from "../lib/images.ts";
import { articleJsonLd } from "../lib/jsonld.ts";
import type { ContentStore } from "../lib/store.ts";
import { categoryUrl } from "../lib/tags.ts";
import { remember } from "../lib/cache.ts";
import { addDirectFilter } from "../lib/direct-filters.ts";
import { pageLanguageOf, type FilterThis } from "../lib/languages.ts";
import { prefixPlainPath } from "../lib/site-paths.ts";
import { RenderOnce } from "../lib/render-once.ts";

export interface HelpersOptions {
  store: ContentStore;
  /** Pictures, Open Graph and structured data's image URLs. */
  images: ImagePipeline;
}

/** The filters every layout uses: dates, URLs, labels, related items, pictures, structured data. */
export default function helpers(eleventyConfig: UserConfig, options: HelpersOptions) {
  const { store, images } = options ?? {};
  if (!store) throw new Error("helpers plugin: the `store` option is required");
  if (!images) throw new Error("helpers plugin: the `images` option is required");
  const { settings } = store.ctx;

  const languages = store.ctx.languages;
  // A filter's page is the one that called it (a macro imported with context too): its URL says its language.
  const languageOf = (self: FilterThis) => pageLanguageOf(languages, self);
  addDirectFilter(eleventyConfig, "readableDate", function (this: FilterThis, t: TimeLike) {
    return readableDate(t, languages.multilingual ? languageOf(this) : settings.language);
  });
  // Eleventy's `url` filter tries `new URL()` (and catches a throw) on every relative URL; the answer depends only on the URL.
  const eleventyUrl = eleventyConfig.getFilter("url") as (
    this: unknown,
    url: string,
    prefix?: string,
  ) => string;
  const prefix = store.ctx.deploy.pathPrefix;
  const prefixed = new Map<string, string>();
  eleventyConfig.on("eleventy.before", () => prefixed.clear());
  addDirectFilter(
    eleventyConfig,
    "url",
    function (this: unknown, url: string, prefixOverride?: string) {
      if (typeof url !== "string" || prefixOverride !== undefined)
        return eleventyUrl.call(this, url, prefixOverride);
      return remember(
        prefixed,
        url,
        () => prefixPlainPath(url, prefix) ?? eleventyUrl.call(this, url),
      );
    },
  );
  addDirectFilter(eleventyConfig, "isoDate", isoDate);
  const absolute = (url: string) => absoluteUrl(store.ctx.deploy, url);
  addDirectFilter(eleventyConfig, "absolute", absolute);
  addDirectFilter(eleventyConfig, "categoryLabel", function (this: FilterThis, slug: string) {
    return languageOf(this).categories[slug] ?? slug;
  });
  addDirectFilter(eleventyConfig, "categoryShort", function (this: FilterThis, slug: string) {
    return languageOf(this).categoryShort[slug] ?? slug;
  });
  addDirectFilter(eleventyConfig, "categoryUrl", function (this: FilterThis, slug: string) {
    return languageOf(this).prefix + categoryUrl(slug);
  });
  addDirectFilter(eleventyConfig, "tagUrl", function (this: FilterThis, tag: string) {
    return languageOf(this).prefix + store.tagUrl(tag);
  });
  addDirectFilter(eleventyConfig, "tagLabel", (tag: string) => store.tagLabel(tag));
  addDirectFilter(eleventyConfig, "related", (item: Item, count?: number) =>
    store.related(item, count),
  );
  addDirectFilter(eleventyConfig, "jsonForScript", jsonForScript);
  addDirectFilter(eleventyConfig, "articleJsonLd", (item: Item) =>
    articleJsonLd(item, {
      siteTitle: settings.title,
      absolute,
      imageUrl: (i) => images.imageUrl(i),
    }),
  );
  addDirectFilter(eleventyConfig, "take", (list: unknown[], count: number) => list.slice(0, count));
  // Each item's card is rendered once per build and page language (see RenderOnce), however many lists show it.
  const rendered = new RenderOnce();
  eleventyConfig.on("eleventy.before", () => rendered.clear());
  addDirectFilter(
    eleventyConfig,
    "renderOnce",
    function (
      this: FilterThis,
      macro: (item: object, ...args: unknown[]) => unknown,
      item: object,
      ...args: unknown[]
    ) {
      return rendered.render(macro, item, languageOf(this).code, args);
    },
  );
  // Parts of every page that read only its language and the arguments given (base.njk's header, footer and
  // head links): rendered once per build, name, language and arguments.
  addDirectFilter(
    eleventyConfig,
    "renderOnceAs",
    function (
      this: FilterThis,
      macro: (...args: unknown[]) => unknown,
      name: string,
      ...args: unknown[]
    ) {
      return rendered.renderNamed(macro, name, languageOf(this).code, args);
    },
  );
  addDirectFilter(eleventyConfig, "picture", (item: Item, loading: "lazy" | "eager" = "eager") =>
    images.itemPicture(item, loading),
  );
  addDirectFilter(eleventyConfig, "cardPicture", (item: Item, loading: "lazy" | "eager" = "lazy") =>
    images.cardPicture(item, loading),
  );
  /** Absolute URL of the item's image at its largest, for Open Graph. */
  addDirectFilter(eleventyConfig, "imageUrl", (item: Item) => images.imageUrl(item));
  /** site.yml's shareImage as Open Graph needs it, or null (the built-in card is used). */
  addDirectFilter(
    eleventyConfig,
    "sharePicture",
    (image: Parameters<ImagePipeline["sharePicture"]>[0]) => images.sharePicture(image),
  );
}
