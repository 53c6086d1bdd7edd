import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Item } from "../lib/content.ts";
import { absoluteUrl, type Deploy } from "../lib/deploy.ts";
import { routes } from "../lib/routes.ts";
import { shareLinks, shareText } from "../lib/share.ts";
import type { SiteSettings } from "../lib/settings.ts";

export interface ShareOptions {
  settings: SiteSettings;
  /** Where the site is published: shared links are absolute. */
  deploy: Deploy;
  /** The page that asks a reader for their Mastodon server. */
  sharePage?: string;
}

/** Share links on every article, action and edition, and the page that passes a share on to a Mastodon server. */
export default function share(eleventyConfig: UserConfig, options: ShareOptions) {
  const { settings, deploy, sharePage = routes.share } = options ?? {};
  if (!settings) throw new Error("share plugin: the `settings` option is required");
  if (!deploy) throw new Error("share plugin: the `deploy` option is required");
  if (!/^\/([a-z0-9-]+\/)*$/.test(sharePage))
    throw new Error(
      `share plugin: sharePage must be a site path such as "/share/", got ${JSON.stringify(sharePage)}`,
    );
  const absolute = (url: string) => absoluteUrl(deploy, url);

  eleventyConfig.addFilter("shareLinks", (item: Item) =>
    shareLinks(item, absolute(item.url as string), {
      targets: settings.share,
      sharePage: absolute(sharePage),
      locale: settings.language,
    }),
  );
  eleventyConfig.addFilter("shareText", (item: Item) => shareText(item, settings.language));
  eleventyConfig.addTemplate("share-page.njk", "", {
    layout: "share.njk",
    title: "Share on Mastodon",
    permalink: sharePage,
    noindex: true,
    eleventyExcludeFromCollections: true,
  });
}
