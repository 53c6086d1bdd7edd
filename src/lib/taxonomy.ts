import type { Item } from "./content.ts";
import type { FeedSpec } from "./feeds.ts";
import { paginate, type ListPage } from "./paginate.ts";
import type { ContentStore } from "./store.ts";
import { categoryUrl, onTopicPages } from "./tags.ts";
import type { Language } from "./languages.ts";

export interface TaxonomyOptions {
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
  /** Each language's own tags and categories (the default's are `tags` and `categories`). */
  byLanguage: Record<string, { tags: Topic[]; categories: Topic[] }>;
}

/** Every tag and category of one build in one language, with their pages and feeds. */
export function buildTaxonomy(
  store: ContentStore,
  pageSize: number,
  feedSize: number,
  language: Language = store.ctx.languages.default,
): Omit<Taxonomy, "byLanguage"> {
  const { settings } = store.ctx;
  const { strings, prefix } = language;
  const published = store.publishedIn(language.code);
  const collator = new Intl.Collator(language.isDefault ? settings.language : language.tag);
  const byTag = new Map<string, Item[]>();
  const byCategory = new Map<string, Item[]>(
    Object.keys(settings.categories).map((slug) => [slug, []]),
  );
  for (const item of published) {
    if (!onTopicPages(item)) continue;
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
    feedUrl: language.routes.topicFeed(url),
    // Filled in store.published order, which is newest first already.
    items,
  });
  const tags = [...byTag]
    .map(([tag, items]) =>
      topic("tag", tag, store.tagLabel(tag), prefix + store.tagUrl(tag), items),
    )
    .sort((a, b) => collator.compare(a.key, b.key) || a.key.localeCompare(b.key));
  const categories = [...byCategory].map(([slug, items]) =>
    topic("category", slug, language.categories[slug] ?? slug, prefix + categoryUrl(slug), items),
  );

  const pages = [...tags, ...categories].flatMap(({ items, ...t }) =>
    paginate(items, pageSize, t.url).map(
      (list): TopicPage => ({
        topic: t,
        title: t.kind === "tag" ? strings.text("topics.tagTitle", { label: t.label }) : t.label,
        intro: strings.text(t.kind === "tag" ? "topics.tagIntro" : "topics.categoryIntro", {
          label: t.label,
        }),
        list,
      }),
    ),
  );
  const feeds = [...tags, ...categories].map(
    (t): FeedSpec => ({
      title: `${language.title}: ${t.label}`,
      language,
      pageUrl: t.url,
      feedUrl: t.feedUrl,
      items: t.items.slice(0, feedSize),
      fullContent: false,
    }),
  );
  return { tags, categories, pages, feeds };
}

/**
 * The taxonomy of whatever the store holds now, worked out once per load of the store (the dev
 * server reloads it on every change); pages, indexes and per-topic feeds all read this one.
 */
export function createTaxonomy(store: ContentStore, options: TaxonomyOptions = {}): () => Taxonomy {
  const { pageSize = store.ctx.settings.pageSize, feedSize = store.ctx.settings.feedSize } =
    options;
  for (const [name, value] of Object.entries({ pageSize, feedSize })) {
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`taxonomy: ${name} must be a whole number of at least 1, got ${value}`);
  }
  let cached: { items: Item[]; taxonomy: Taxonomy } | null = null;
  return () => {
    const items = store.published;
    if (cached?.items !== items) {
      const [main, ...others] = store.ctx.languages.list.map((language) => ({
        language,
        taxonomy: buildTaxonomy(store, pageSize, feedSize, language),
      }));
      const all = [main!, ...others];
      cached = {
        items,
        taxonomy: {
          ...main!.taxonomy,
          pages: all.flatMap((l) => l.taxonomy.pages),
          feeds: all.flatMap((l) => l.taxonomy.feeds),
          byLanguage: Object.fromEntries(
            all.map((l) => [
              l.language.code,
              { tags: l.taxonomy.tags, categories: l.taxonomy.categories },
            ]),
          ),
        },
      };
    }
    return cached.taxonomy;
  };
}
