import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Taxonomy, TopicPage } from "../lib/taxonomy.ts";
import { templateName, type Languages } from "../lib/languages.ts";

export interface TaxonomyPluginOptions {
  /** The site's languages: each has its own indexes of tags and categories. */
  languages: Languages;
  /** This build's tags and categories (src/lib/taxonomy.ts), shared with the per-topic feeds. */
  taxonomy: () => Taxonomy;
}

/** Tag and category pages (paginated, newest first) and their indexes. */
export default function taxonomy(eleventyConfig: UserConfig, options: TaxonomyPluginOptions) {
  const { taxonomy: current, languages } = options ?? {};
  if (!languages?.list) throw new Error("taxonomy plugin: the `languages` option is required");
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
  for (const language of languages.list) {
    const { strings, code } = language;
    const indexes = [
      {
        key: "tags",
        url: language.routes.tags,
        title: strings.text("topics.tags"),
        intro: strings.text("topics.tagsIntro"),
      },
      {
        key: "categories",
        url: language.routes.categories,
        title: strings.text("topics.categories"),
        intro: strings.text("topics.categoriesIntro"),
      },
    ] as const;
    for (const index of indexes) {
      eleventyConfig.addTemplate(templateName(language, `taxonomy-${index.key}.njk`), "", {
        layout: "topics.njk",
        title: index.title,
        intro: index.intro,
        permalink: index.url,
        eleventyComputed: { topics: () => current().byLanguage[code]![index.key] },
      });
    }
  }
}
