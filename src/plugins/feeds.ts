import type UserConfig from "@11ty/eleventy/UserConfig";
import rssPlugin from "@11ty/eleventy-plugin-rss";
import type { Item } from "../lib/content.ts";
import { absoluteUrl, isoDate } from "../lib/format.ts";
import type { ContentStore } from "../lib/store.ts";

export interface FeedsOptions {
  store?: ContentStore;
}

export interface FeedSpec {
  title: string;
  /** Site-relative URL of the page the feed follows. */
  pageUrl: string;
  /** Site-relative URL of the feed itself. */
  feedUrl: string;
  items: Item[];
  /** Full bodies (the site feed) or summaries only (per-topic feeds, which are many). */
  fullContent: boolean;
}

/**
 * Atom and JSON Feed of the latest items. The Atom layout (`feeds/atom.njk`) also serves the
 * per-topic feeds of other plugins: give it `feed` as a FeedSpec.
 */
export default function feeds(eleventyConfig: UserConfig, options: FeedsOptions = {}) {
  const { store } = options;
  if (!store) throw new Error("feeds plugin: the `store` option is required");
  const { settings } = store.ctx;
  const pathPrefix = eleventyConfig.pathPrefix ?? "/";
  const abs = (url: string) => absoluteUrl(settings.url, pathPrefix, url);
  // The RSS plugin brings the HTML <base> transform; our `url` filter already adds the prefix, so keep the transform off.
  eleventyConfig.addPlugin(rssPlugin, { htmlBasePluginOptions: { baseHref: "/" } });

  const siteFeed = (feedUrl: string): FeedSpec => ({
    title: settings.title,
    pageUrl: "/",
    feedUrl,
    items: store.published.filter((i) => i.section !== "pages").slice(0, settings.feedSize),
    fullContent: true,
  });

  eleventyConfig.addTemplate("feed-atom.njk", "", {
    layout: "feeds/atom.njk",
    permalink: "/feed.xml",
    eleventyExcludeFromCollections: true,
    eleventyComputed: { feed: () => siteFeed("/feed.xml") },
  });
  eleventyConfig.addTemplate("feed-json.njk", "{{ siteFeed | jsonFeed | safe }}", {
    permalink: "/feed.json",
    eleventyExcludeFromCollections: true,
    eleventyComputed: { siteFeed: () => siteFeed("/feed.json") },
  });

  /** The date a feed was last updated: its newest item's, never the build clock's. */
  eleventyConfig.addFilter("feedUpdated", (feed: FeedSpec) =>
    isoDate(feed.items[0]?.date.at ?? store.ctx.now.startOf("day")),
  );
  // JSON Feed 1.1: https://www.jsonfeed.org/version/1.1/
  eleventyConfig.addFilter("jsonFeed", (feed: FeedSpec) => {
    const bodyHtml = eleventyConfig.getFilter("bodyHtml") as (item: Item) => string;
    const imageUrl = eleventyConfig.getFilter("imageUrl") as (item: Item) => string;
    return JSON.stringify(
      {
        version: "https://jsonfeed.org/version/1.1",
        title: feed.title,
        home_page_url: abs(feed.pageUrl),
        feed_url: abs(feed.feedUrl),
        description: settings.description,
        language: settings.language,
        items: feed.items.map((item) => ({
          id: abs(item.url as string),
          url: abs(item.url as string),
          ...(item.source ? { external_url: item.source.url } : {}),
          title: item.title,
          ...(item.summary ? { summary: item.summary } : {}),
          content_html: feed.fullContent ? bodyHtml(item) : undefined,
          ...(item.image ? { image: imageUrl(item) } : {}),
          date_published: isoDate(item.date.at),
          ...(item.author ? { authors: [{ name: item.author }] } : {}),
          tags: item.tags,
        })),
      },
      null,
      2,
    );
  });
}
