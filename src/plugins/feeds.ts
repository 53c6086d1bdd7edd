import type UserConfig from "@11ty/eleventy/UserConfig";
import { templateName } from "../lib/languages.ts";
import type { BodyRenderer } from "../lib/bodies.ts";
import { jsonFeed, type FeedSpec } from "../lib/feeds.ts";
import { absoluteUrl } from "../lib/deploy.ts";
import { isoDate } from "../lib/format.ts";
import type { ImagePipeline } from "../lib/images.ts";
import type { ContentStore } from "../lib/store.ts";

export interface FeedsOptions {
  store: ContentStore;
  /** Renders full bodies with absolute links, once per item however many feeds carry it. */
  bodies: BodyRenderer;
  images: ImagePipeline;
  /** Further Atom feeds of this build (e.g. one per topic), published beside the site feed. */
  more?: () => FeedSpec[];
}

/** Atom and JSON Feed of the latest items, and the Atom feeds other parts of the site ask for. */
export default function feeds(eleventyConfig: UserConfig, options: FeedsOptions) {
  const { store, bodies, images, more = () => [] } = options ?? {};
  if (!store) throw new Error("feeds plugin: the `store` option is required");
  if (!bodies) throw new Error("feeds plugin: the `bodies` option is required");
  if (!images) throw new Error("feeds plugin: the `images` option is required");
  if (typeof more !== "function")
    throw new Error(`feeds plugin: more must be a function returning feeds, got ${typeof more}`);
  const { settings } = store.ctx;
  const absolute = (url: string) => absoluteUrl(store.ctx.deploy, url);

  for (const language of store.ctx.languages.list) {
    const { routes: at, isDefault, code } = language;
    const siteFeed = (feedUrl: string): FeedSpec => ({
      title: language.title,
      pageUrl: at.home,
      feedUrl,
      items: store
        .publishedIn(code)
        .filter((i) => i.section === "articles" || i.section === "actions")
        .slice(0, settings.feedSize),
      fullContent: true,
      ...(isDefault ? {} : { language }),
    });
    const name = (base: string) => templateName(language, base);
    eleventyConfig.addTemplate(name("feed-atom.njk"), "", {
      layout: "feeds/atom.njk",
      permalink: at.feedAtom,
      eleventyExcludeFromCollections: true,
      eleventyComputed: { feed: () => siteFeed(at.feedAtom) },
    });
    eleventyConfig.addTemplate(name("feed-json.njk"), "{{ siteFeed | jsonFeed | safe }}", {
      permalink: at.feedJson,
      eleventyExcludeFromCollections: true,
      eleventyComputed: { siteFeed: () => siteFeed(at.feedJson) },
    });
  }
  // Asked for twice a build (Atom and JSON): worked out once.
  let moreFeeds: FeedSpec[] | null = null;
  eleventyConfig.on("eleventy.before", () => (moreFeeds = null));
  const feedsOnce = () => (moreFeeds ??= more());
  eleventyConfig.addGlobalData("moreFeeds", feedsOnce);
  eleventyConfig.addTemplate("feed-more.njk", "", {
    layout: "feeds/atom.njk",
    pagination: { data: "moreFeeds", size: 1, alias: "feed" },
    permalink: (data: { feed: FeedSpec }) => data.feed.feedUrl,
    eleventyExcludeFromCollections: true,
  });

  eleventyConfig.addGlobalData("moreJsonFeeds", () =>
    feedsOnce().flatMap((feed) => (feed.jsonUrl ? [{ ...feed, feedUrl: feed.jsonUrl }] : [])),
  );
  eleventyConfig.addTemplate("feed-more-json.njk", "{{ feed | jsonFeed | safe }}", {
    pagination: { data: "moreJsonFeeds", size: 1, alias: "feed" },
    permalink: (data: { feed: FeedSpec }) => data.feed.feedUrl,
    eleventyExcludeFromCollections: true,
  });

  /** The date a feed was last updated: its newest item's, never the build clock's. */
  eleventyConfig.addFilter("feedUpdated", (feed: FeedSpec) =>
    isoDate(feed.items[0]?.date.at ?? store.ctx.now.startOf("day")),
  );
  eleventyConfig.addFilter(
    "feedContent",
    (item: Parameters<BodyRenderer["feedHtml"]>[0], feed: FeedSpec) =>
      feed.contentHtml ? feed.contentHtml(item) : bodies.feedHtml(item),
  );
  eleventyConfig.addFilter("jsonFeed", (feed: FeedSpec) =>
    jsonFeed(feed, {
      settings,
      absolute,
      bodyHtml: (item) => bodies.feedHtml(item),
      imageUrl: (item) => images.imageUrl(item),
    }),
  );
}
