import path from "node:path";
import { imageSize } from "image-size";
import { shownPath, type ContentError, type Item } from "./content.ts";
import { readableDate, type DateLocale } from "./format.ts";
import type { Strings } from "./strings.ts";
import { settingsLine, settingsPath, type ShareTarget, type SiteSettings } from "./settings.ts";

export interface ShareLink {
  target: ShareTarget;
  /** What the link says, e.g. "WhatsApp". */
  label: string;
  href: string;
}

const LABELS: Record<ShareTarget, string> = {
  whatsapp: "WhatsApp",
  telegram: "Telegram",
  bluesky: "Bluesky",
  mastodon: "Mastodon",
  email: "Email",
};

/** The words a share starts with: an action carries its call to action and deadline. */
export function shareText(item: Item, locale: DateLocale = "en-GB", words?: Strings): string {
  if (item.section === "actions" && item.cta && !item.closed) {
    const date = item.cta.deadline && readableDate(item.cta.deadline, locale);
    const by = date ? (words ? words.text("share.by", { date }) : ` by ${date}`) : "";
    return `${item.cta.label}${by}: ${item.title}`;
  }
  if (item.section === "editions") return `${item.title} (edition ${item.number})`;
  return item.title;
}

/**
 * Links that share `url` without JavaScript and load nothing from the services until the reader
 * follows one. Mastodon has no single site: its link goes to this site's share page (`sharePage`),
 * which asks for the reader's server.
 */
export function shareLinks(
  item: Item,
  url: string,
  options: {
    targets: readonly ShareTarget[];
    sharePage: string;
    locale?: DateLocale;
    /** The interface strings of the item's language (its words for "Email" and "by"). */
    words?: Strings;
  },
): ShareLink[] {
  const text = shareText(item, options.locale, options.words);
  const both = `${text} ${url}`;
  const q = encodeURIComponent;
  const hrefs: Record<ShareTarget, string> = {
    whatsapp: `https://wa.me/?text=${q(both)}`,
    telegram: `https://t.me/share/url?url=${q(url)}&text=${q(text)}`,
    bluesky: `https://bsky.app/intent/compose?text=${q(both)}`,
    mastodon: `${options.sharePage}?text=${q(both)}`,
    email: `mailto:?subject=${q(item.title)}&body=${q(both)}`,
  };
  const label = (target: ShareTarget) =>
    target === "email" && options.words ? options.words.text("share.email") : LABELS[target];
  return options.targets.map((target) => ({ target, label: label(target), href: hrefs[target] }));
}

/** Smaller than this, Facebook and others show a small square instead of the wide card. */
export const SHARE_IMAGE_MIN = { width: 600, height: 315 };

/** The gate's word on site.yml's shareImage: a real picture inside content/, wide enough for a card. */
export function checkShareImage(
  contentDir: string,
  settings: Pick<SiteSettings, "shareImage">,
  picture: (file: string) => string | null,
): ContentError[] {
  const image = settings.shareImage;
  if (!image) return [];
  const refuse = (message: string): ContentError[] => [
    {
      file: shownPath(contentDir, settingsPath(contentDir)),
      line: settingsLine(contentDir, ["shareImage", "src"]),
      field: "shareImage.src",
      message,
    },
  ];
  const file = path.join(contentDir, image.src);
  const problem = picture(file);
  if (problem)
    return refuse(
      `expected a picture under content/, got ${JSON.stringify(image.src)} (${problem})`,
    );
  const { width = 0, height = 0 } = imageSize(file);
  const { width: minWidth, height: minHeight } = SHARE_IMAGE_MIN;
  if (width < minWidth || height < minHeight)
    return refuse(
      `expected a picture at least ${minWidth} × ${minHeight} pixels (1200 × 630 is best), got ${JSON.stringify(image.src)} at ${width} × ${height}`,
    );
  return [];
}
