import type UserConfig from "@11ty/eleventy/UserConfig";
import type { ContentStore } from "../lib/store.ts";
import { pageWindow } from "../lib/paginate.ts";
import { PREVIEW_FOLDER_PREFIX } from "../lib/preview-folder.ts";
import { routes } from "../lib/routes.ts";

export interface PagesOptions {
  store?: ContentStore;
  /** How many articles the home page lists. */
  homeArticles?: number;
  /** How many open actions the home page lists. */
  homeActions?: number;
}

/** The generated pages: home, paginated section lists, 404, sitemap and robots.txt. */
export default function pages(eleventyConfig: UserConfig, options: PagesOptions = {}) {
  const { store, homeArticles = 8, homeActions = 6 } = options;
  if (!store) throw new Error("pages plugin: the `store` option is required");
  for (const [name, value] of Object.entries({ homeArticles, homeActions })) {
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`pages plugin: ${name} must be a whole number, got ${value}`);
  }
  const { settings, preview } = store.ctx;
  // The home page shows each item once: an action that is also a coming event is listed under the event.
  eleventyConfig.addFilter("without", <T>(list: T[], other: T[] = []) =>
    list.filter((x) => !other.includes(x)),
  );
  eleventyConfig.addFilter("pageWindow", (current: number, total: number) =>
    pageWindow(current, total),
  );

  eleventyConfig.addTemplate("index.njk", "", {
    layout: "home.njk",
    permalink: routes.home,
    title: settings.title,
    homeArticles,
    homeActions,
  });

  const lists = [
    {
      key: "articles" as const,
      title: "Articles",
      intro: "News reports, analysis, statements and interviews.",
    },
    {
      key: "actions" as const,
      title: "Actions",
      intro: "Petitions, letters to MPs, fundraisers and groups to join.",
      splitClosed: true,
    },
  ];
  for (const list of lists) {
    eleventyConfig.addTemplate(`${list.key}-list.njk`, "", {
      layout: "list.njk",
      title: list.title,
      intro: list.intro,
      splitClosed: "splitClosed" in list,
      pagination: { data: `digest.${list.key}`, size: settings.pageSize, alias: "items" },
      permalink: (data: { pagination: { pageNumber: number } }) =>
        routes.list(list.key, data.pagination.pageNumber),
    });
  }

  eleventyConfig.addTemplate("404.njk", "", {
    layout: "404.njk",
    title: "Page not found",
    permalink: routes.notFound,
    eleventyExcludeFromCollections: true,
  });
  eleventyConfig.addTemplate(
    "robots.njk",
    preview
      ? "User-agent: *\nDisallow: /\n"
      : // Pull-request previews are published beside the site under unguessable folders: keep crawlers out of them all.
        `User-agent: *\nAllow: /\nDisallow: {{ '/${PREVIEW_FOLDER_PREFIX}' | url }}\n\nSitemap: {{ '${routes.sitemap}' | absolute }}\n`,
    { permalink: routes.robots, eleventyExcludeFromCollections: true },
  );
  // Sorted by URL: collections.all orders undated pages by file time, which differs between clones.
  eleventyConfig.addFilter(
    "sitemapEntries",
    (all: { url: string | false; data: { noindex?: boolean } }[]) =>
      all
        .filter(
          (entry) =>
            typeof entry.url === "string" && entry.url.endsWith("/") && !entry.data.noindex,
        )
        .sort((a, b) => ((a.url as string) < (b.url as string) ? -1 : 1)),
  );
  eleventyConfig.addTemplate("sitemap.njk", SITEMAP, {
    permalink: routes.sitemap,
    eleventyExcludeFromCollections: true,
  });
}

const SITEMAP = `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{%- for entry in collections.all | sitemapEntries %}
  <url><loc>{{ entry.url | absolute }}</loc>{% if entry.data.item %}<lastmod>{{ entry.data.item.date | isoDate }}</lastmod>{% endif %}</url>
{%- endfor %}
</urlset>
`;
