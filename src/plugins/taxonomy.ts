import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Taxonomy, TopicPage } from "../lib/taxonomy.ts";
import { routes } from "../lib/routes.ts";

export interface TaxonomyPluginOptions {
  /** This build's tags and categories (src/lib/taxonomy.ts), shared with the per-topic feeds. */
  taxonomy: () => Taxonomy;
}

/** Tag and category pages (paginated, newest first) and their indexes. */
export default function taxonomy(eleventyConfig: UserConfig, options: TaxonomyPluginOptions) {
  const { taxonomy: current } = options ?? {};
  if (typeof current !== "function")
    throw new Error("taxonomy plugin: the `taxonomy` option is required (see createTaxonomy)");
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
  const indexes = [
    {
      key: "tags",
      url: routes.tags,
      title: "Topics",
      intro: "Every topic on the site, with how many items each holds.",
    },
    {
      key: "categories",
      url: routes.categories,
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
