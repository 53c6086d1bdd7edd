import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Item } from "../lib/content.ts";
import { paginate, type ListPage } from "../lib/paginate.ts";
import type { ContentStore } from "../lib/store.ts";
import { categoryUrl } from "../lib/tags.ts";
import type { FeedSpec } from "./feeds.ts";

export interface TaxonomyOptions {
  store?: ContentStore;
  /** Items per tag or category page; defaults to the site's pageSize. */
  pageSize?: number;
  /** Items in each per-topic feed; defaults to the site's feedSize. */
  feedSize?: number;
}

/** A tag or a category: its name, where it lives, and its items newest first. */
export interface Topic {
  kind: "tag" | "category";
  /** The normalised tag, or the category slug. */
  key: string;
  label: string;
  /** Site-relative URL of its first page. */
  url: string;
  feedUrl: string;
  items: Item[];
}

/** One page of one topic, as the `topic.njk` layout renders it. */
export interface TopicPage {
  topic: Omit<Topic, "items">;
  title: string;
  intro: string;
  list: ListPage<Item>;
}

export interface Taxonomy {
  tags: Topic[];
  categories: Topic[];
  pages: TopicPage[];
  feeds: FeedSpec[];
}

/** Every tag and category of one build, with their pages and feeds. */
export function buildTaxonomy(store: ContentStore, pageSize: number, feedSize: number): Taxonomy {
  const { settings } = store.ctx;
  const collator = new Intl.Collator(settings.language);
  const byTag = new Map<string, Item[]>();
  const byCategory = new Map<string, Item[]>(
    Object.keys(settings.categories).map((slug) => [slug, []]),
  );
  for (const item of store.published) {
    for (const tag of item.tags) {
      const list = byTag.get(tag);
      if (list) list.push(item);
      else byTag.set(tag, [item]);
    }
    if (item.category) byCategory.get(item.category)?.push(item);
  }
  const topic = (
    kind: Topic["kind"],
    key: string,
    label: string,
    url: string,
    items: Item[],
  ): Topic => ({
    kind,
    key,
    label,
    url,
    feedUrl: `${url}feed.xml`,
    // Filled in store.published order, which is newest first already.
    items,
  });
  const tags = [...byTag]
    .map(([tag, items]) => topic("tag", tag, tag, store.tagUrl(tag), items))
    .sort((a, b) => collator.compare(a.key, b.key) || a.key.localeCompare(b.key));
  const categories = [...byCategory].map(([slug, items]) =>
    topic("category", slug, settings.categories[slug] ?? slug, categoryUrl(slug), items),
  );

  const pages = [...tags, ...categories].flatMap(({ items, ...t }) =>
    paginate(items, pageSize, t.url).map((list): TopicPage => ({
      topic: t,
      title: t.kind === "tag" ? `Topic: ${t.label}` : t.label,
      intro:
        t.kind === "tag"
          ? `Everything tagged “${t.label}”, newest first.`
          : `Everything in ${t.label}, newest first.`,
      list,
    })),
  );
  const feeds = [...tags, ...categories].map((t): FeedSpec => ({
    title: `${settings.title}: ${t.label}`,
    pageUrl: t.url,
    feedUrl: t.feedUrl,
    items: t.items.slice(0, feedSize),
    fullContent: false,
  }));
  return { tags, categories, pages, feeds };
}

/** Tag and category pages (paginated, newest first), their indexes, and an Atom feed for each. */
export default function taxonomy(eleventyConfig: UserConfig, options: TaxonomyOptions = {}) {
  const { store } = options;
  if (!store) throw new Error("taxonomy plugin: the `store` option is required");
  const { pageSize = store.ctx.settings.pageSize, feedSize = store.ctx.settings.feedSize } =
    options;
  for (const [name, value] of Object.entries({ pageSize, feedSize })) {
    if (!Number.isInteger(value) || value < 1)
      throw new Error(
        `taxonomy plugin: ${name} must be a whole number of at least 1, got ${value}`,
      );
  }

  // Computed once per build, after the content plugin has loaded the store for it.
  let cached: { items: Item[]; taxonomy: Taxonomy } | null = null;
  const current = (): Taxonomy => {
    const items = store.published;
    if (cached?.items !== items)
      cached = { items, taxonomy: buildTaxonomy(store, pageSize, feedSize) };
    return cached.taxonomy;
  };
  eleventyConfig.addGlobalData("taxonomy", () => current());

  eleventyConfig.addTemplate("taxonomy-pages.njk", "", {
    layout: "topic.njk",
    pagination: {
      data: "taxonomy.pages",
      size: 1,
      alias: "topicPage",
      addAllPagesToCollections: true,
    },
    permalink: (data: { topicPage: TopicPage }) => data.topicPage.list.url,
    eleventyComputed: {
      title: (data: { topicPage: TopicPage }) => data.topicPage.title,
    },
  });
  eleventyConfig.addTemplate("taxonomy-feeds.njk", "", {
    layout: "feeds/atom.njk",
    pagination: { data: "taxonomy.feeds", size: 1, alias: "feed" },
    permalink: (data: { feed: FeedSpec }) => data.feed.feedUrl,
    eleventyExcludeFromCollections: true,
  });
  const indexes = [
    {
      key: "tags",
      url: "/tags/",
      title: "Topics",
      intro: "Every topic on the site, with how many items each holds.",
    },
    {
      key: "categories",
      url: "/categories/",
      title: "Categories",
      intro: "News, statements, calls to action and more, by kind.",
    },
  ] as const;
  for (const index of indexes) {
    eleventyConfig.addTemplate(`taxonomy-${index.key}.njk`, "", {
      layout: "topics.njk",
      title: index.title,
      intro: index.intro,
      permalink: index.url,
      eleventyComputed: { topics: () => current()[index.key] },
    });
  }
}
