import type UserConfig from "@11ty/eleventy/UserConfig";
import { addDirectFilter } from "../lib/direct-filters.ts";
import type { Item } from "../lib/content.ts";
import { absoluteUrl, type Deploy } from "../lib/deploy.ts";
import { templateName, type Languages } from "../lib/languages.ts";
import { routes } from "../lib/routes.ts";
import { shareLinks, shareText } from "../lib/share.ts";
import type { SiteSettings } from "../lib/settings.ts";

export interface ShareOptions {
  settings: SiteSettings;
  /** An item is shared in its own language's words; each language has its share page. */
  languages: Languages;
  /** Where the site is published: shared links are absolute. */
  deploy: Deploy;
  /** The page that asks a reader for their Mastodon server. */
  sharePage?: string;
}

/** Share links on every article, action and edition, and the page that passes a share on to a Mastodon server. */
export default function share(eleventyConfig: UserConfig, options: ShareOptions) {
  const { settings, languages, deploy, sharePage = routes.share } = options ?? {};
  if (!settings) throw new Error("share plugin: the `settings` option is required");
  if (!languages?.list) throw new Error("share plugin: the `languages` option is required");
  if (!deploy) throw new Error("share plugin: the `deploy` option is required");
  if (!/^\/([a-z0-9-]+\/)*$/.test(sharePage))
    throw new Error(
      `share plugin: sharePage must be a site path such as "/share/", got ${JSON.stringify(sharePage)}`,
    );
  const absolute = (url: string) => absoluteUrl(deploy, url);

  // The default language keeps the words it always had; another language's come from its strings.
  const wordsOf = (item: Item) => {
    const language = languages.get(item.lang) ?? languages.default;
    return language.isDefault
      ? { locale: settings.language, sharePage }
      : { locale: language, words: language.strings, sharePage: language.prefix + sharePage };
  };
  addDirectFilter(eleventyConfig, "shareLinks", (item: Item) => {
    const { locale, words, sharePage: page } = wordsOf(item);
    return shareLinks(item, absolute(item.url as string), {
      targets: settings.share,
      sharePage: absolute(page),
      locale,
      words,
    });
  });
  addDirectFilter(eleventyConfig, "shareText", (item: Item) => {
    const { locale, words } = wordsOf(item);
    return shareText(item, locale, words);
  });
  for (const language of languages.list) {
    eleventyConfig.addTemplate(templateName(language, "share-page.njk"), "", {
      layout: "share.njk",
      title: language.strings.text("share.pageTitle"),
      permalink: language.prefix + sharePage,
      noindex: true,
      eleventyExcludeFromCollections: true,
    });
  }
}
