import type UserConfig from "@11ty/eleventy/UserConfig";
import { addDirectFilter } from "../lib/direct-filters.ts";
import type { ContentStore } from "../lib/store.ts";
import { pageWindow } from "../lib/paginate.ts";
import { PREVIEW_FOLDER_PREFIX } from "../lib/preview-folder.ts";
import { routes } from "../lib/routes.ts";
import { templateName, languageOfUrl } from "../lib/languages.ts";

export interface PagesOptions {
  store?: ContentStore;
  /** The home page's lists in one language (the content plugin's `digest` data, for another language). */
  digestOf?: (code: string) => unknown;
  /** How many articles the home page lists. */
  homeArticles?: number;
  /** How many open actions the home page lists. */
  homeActions?: number;
}

/** The generated pages: home, paginated section lists, 404, sitemap and robots.txt. */
export default function pages(eleventyConfig: UserConfig, options: PagesOptions = {}) {
  const { store, digestOf, homeArticles = 8, homeActions = 6 } = options;
  if (!store) throw new Error("pages plugin: the `store` option is required");
  if (typeof digestOf !== "function")
    throw new Error("pages plugin: the `digestOf` option is required (lists in one language)");
  for (const [name, value] of Object.entries({ homeArticles, homeActions })) {
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`pages plugin: ${name} must be a whole number, got ${value}`);
  }
  const { settings, preview } = store.ctx;
  // The home page shows each item once: an action that is also a coming event is listed under the event.
  addDirectFilter(eleventyConfig, "without", <T>(list: T[], other: T[] = []) =>
    list.filter((x) => !other.includes(x)),
  );
  addDirectFilter(eleventyConfig, "pageWindow", (current: number, total: number) =>
    pageWindow(current, total),
  );

  for (const language of store.ctx.languages.list) {
    const { routes: at, strings, isDefault, code } = language;
    // Each language's pages are named apart; the default's keep their names.
    const name = (base: string) => templateName(language, base);
    eleventyConfig.addTemplate(name("index.njk"), "", {
      layout: "home.njk",
      permalink: at.home,
      title: language.title,
      homeArticles,
      homeActions,
      ...(isDefault
        ? {}
        : {
            eleventyComputed: {
              digest: () => digestOf(code),
              // The events plugin's calendar in this language, for "Coming up".
              calendar: (data: { calendars?: Record<string, unknown> }) => data.calendars?.[code],
            },
          }),
    });

    const lists = [
      {
        key: "articles" as const,
        title: strings.text("lists.articles"),
        intro: strings.text("lists.articlesIntro"),
      },
      {
        key: "actions" as const,
        title: strings.text("lists.actions"),
        intro: strings.text("lists.actionsIntro"),
        splitClosed: true,
      },
    ];
    for (const list of lists) {
      eleventyConfig.addTemplate(name(`${list.key}-list.njk`), "", {
        layout: "list.njk",
        title: list.title,
        intro: list.intro,
        splitClosed: "splitClosed" in list,
        pagination: {
          data: isDefault ? `digest.${list.key}` : `digests.${code}.${list.key}`,
          size: settings.pageSize,
          alias: "items",
          // A language's lists exist before its first item does: the navigation links to them.
          ...(isDefault ? {} : { generatePageOnEmptyData: true }),
        },
        permalink: (data: { pagination: { pageNumber: number } }) =>
          at.list(list.key, data.pagination.pageNumber),
      });
    }

    eleventyConfig.addTemplate(name("404.njk"), "", {
      layout: "404.njk",
      title: strings.text("notFound.title"),
      permalink: at.notFound,
      eleventyExcludeFromCollections: true,
    });
  }
  eleventyConfig.addTemplate(
    "robots.njk",
    preview
      ? "User-agent: *\nDisallow: /\n"
      : // Pull-request previews are published beside the site under unguessable folders: keep crawlers out of them all.
        `User-agent: *\nAllow: /\nDisallow: {{ '/${PREVIEW_FOLDER_PREFIX}' | url }}\n\n${store.ctx.languages.list.map((l) => `Sitemap: {{ '${l.routes.sitemap}' | absolute }}\n`).join("")}`,
    { permalink: routes.robots, eleventyExcludeFromCollections: true },
  );
  // Sorted by URL: collections.all orders undated pages by file time, which differs between clones.
  eleventyConfig.addFilter(
    "sitemapEntries",
    (all: { url: string | false; data: { noindex?: boolean } }[], code?: string) =>
      all
        .filter(
          (entry) =>
            typeof entry.url === "string" &&
            entry.url.endsWith("/") &&
            !entry.data.noindex &&
            (!code || languageOfUrl(store.ctx.languages, entry.url).code === code),
        )
        .sort((a, b) => ((a.url as string) < (b.url as string) ? -1 : 1)),
  );
  // One sitemap per language, each listing that language's pages.
  for (const language of store.ctx.languages.list)
    eleventyConfig.addTemplate(
      templateName(language, "sitemap.njk"),
      store.ctx.languages.multilingual
        ? SITEMAP.replace("sitemapEntries", `sitemapEntries("${language.code}")`)
        : SITEMAP,
      { permalink: language.routes.sitemap, eleventyExcludeFromCollections: true },
    );
}

const SITEMAP = `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{%- for entry in collections.all | sitemapEntries %}
  <url><loc>{{ entry.url | absolute }}</loc>{% if entry.data.item %}<lastmod>{{ entry.data.item.date | isoDate }}</lastmod>{% endif %}</url>
{%- endfor %}
</urlset>
`;
