import type { Item } from "./content.ts";
import { isoDate } from "./format.ts";
import type { Language } from "./languages.ts";
import type { SiteSettings } from "./settings.ts";

/** One Atom or JSON feed: the site's latest items, or one topic's. */
export interface FeedSpec {
  title: string;
  /** Site-relative URL of the page the feed follows. */
  pageUrl: string;
  /** Site-relative URL of the feed itself. */
  feedUrl: string;
  items: Item[];
  /** Full bodies (the site feed) or summaries only (per-topic feeds, which are many). */
  fullContent: boolean;
  /** The whole content of an entry, when it is more than its body (an edition's sections). */
  contentHtml?: (item: Item) => string;
  /** Site-relative URL of a JSON Feed of the same entries, when there is one. */
  jsonUrl?: string;
  /** The language of its entries, when not the site's default. */
  language?: Language;
}

export interface JsonFeedContext {
  settings: SiteSettings;
  absolute: (url: string) => string;
  bodyHtml: (item: Item) => string;
  imageUrl: (item: Item) => string;
}

/** JSON Feed 1.1: https://www.jsonfeed.org/version/1.1/ */
export function jsonFeed(feed: FeedSpec, ctx: JsonFeedContext): string {
  const { settings, absolute } = ctx;
  return JSON.stringify(
    {
      version: "https://jsonfeed.org/version/1.1",
      title: feed.title,
      home_page_url: absolute(feed.pageUrl),
      feed_url: absolute(feed.feedUrl),
      description: feed.language?.description ?? settings.description,
      language: feed.language?.tag ?? settings.language,
      items: feed.items.map((item) => ({
        id: absolute(item.url as string),
        url: absolute(item.url as string),
        ...(item.source ? { external_url: item.source.url } : {}),
        title: item.title,
        ...(item.summary ? { summary: item.summary } : {}),
        content_html: feed.fullContent ? (feed.contentHtml ?? ctx.bodyHtml)(item) : undefined,
        ...(item.image ? { image: ctx.imageUrl(item) } : {}),
        date_published: isoDate(item.date.at),
        ...(item.author ? { authors: [{ name: item.author }] } : {}),
        tags: item.tags,
      })),
    },
    null,
    2,
  );
}
