import { pageUrl } from "./paginate.ts";
import { PREVIEW_FOLDER_PREFIX } from "./preview-folder.ts";
import { SECTIONS, type Section } from "./schema.ts";

/**
 * The one map of the site's URLs: every URL the build writes is made here (site-relative, without
 * the path prefix), and an item's URL is checked against it. Plugins, templates (as `routes`), the
 * link checker, the scaffolder and permalink validation all read it.
 */
export const routes = {
  home: "/",
  notFound: "/404.html",
  sitemap: "/sitemap.xml",
  robots: "/robots.txt",
  headers: "/_headers",
  favicon: "/favicon.svg",
  feedAtom: "/feed.xml",
  feedJson: "/feed.json",
  search: "/search/",
  /** The words search.js shows, beside a search page. */
  searchStrings: (searchUrl: string) => `${searchUrl}strings.json`,
  /** Pagefind's bundle (its folder name is the search plugin's bundleDir). */
  pagefind: "/pagefind/",
  /** Encoded pictures. */
  images: "/img/",
  /** Stylesheets and scripts, with content-hashed names. */
  assets: "/assets/",
  tags: "/tags/",
  categories: "/categories/",
  events: "/events/",
  eventsIcs: "/events.ics",
  /** The digest's archive, and its feeds of editions. */
  digest: "/digest/",
  digestFeedAtom: "/digest/feed.xml",
  digestFeedJson: "/digest/feed.json",
  /** The page that passes a share on to a reader's Mastodon server. */
  share: "/share/",
  /** The groups directory, and the communities asking for a partner. */
  groups: "/groups/",
  groupsSeeking: "/groups/seeking/",
  /** The directory narrowed to one kind of group or one status: /groups/kind/school/, /groups/status/active/. */
  groupsBy: (filter: "kind" | "status", value: string) => `/groups/${filter}/${value}/`,
  /** Page `page` (0-based) of a section's list: /articles/, /articles/2/… */
  list: (section: Section, page = 0) => pageUrl(`/${section}/`, page),
  eventsPast: (page = 0) => pageUrl("/events/past/", page),
  /** Page `page` (0-based) of the digest's archive: /digest/, /digest/page/2/… (/digest/2/ is edition 2). */
  digestPage: (page = 0) => (page === 0 ? "/digest/" : `/digest/page/${page + 1}/`),
  /** An edition's page, by its number whatever its file is called. */
  edition: (number: number) => `/digest/${number}/`,
  /** An edition's email, beside its page: email.html or email.txt. */
  editionEmail: (editionUrl: string, kind: "html" | "txt") => `${editionUrl}email.${kind}`,
  /** An item's page when it sets no permalink: /articles/<name>/, standing pages at /<name>/. */
  item: (section: Section, slug: string) =>
    section === "pages" ? `/${slug}/` : `/${section}/${slug}/`,
  tag: (slug: string) => `/tags/${slug}/`,
  category: (slug: string) => `/categories/${slug}/`,
  /** A tag's or category's Atom feed, in its folder. */
  topicFeed: (topicUrl: string) => `${topicUrl}feed.xml`,
  month: (year: number, month: number) => `/events/${year}/${String(month).padStart(2, "0")}/`,
  categoryIcs: (category: string) => `/events/${category}.ics`,
  /** A group's calendar of the events that name it, beside its page. */
  groupIcs: (groupUrl: string) => `${groupUrl}events.ics`,
  /** An event's own calendar file, beside its page. */
  eventIcs: (itemUrl: string) =>
    itemUrl.endsWith("/") ? `${itemUrl}event.ics` : `${itemUrl.replace(/\.[^./]+$/, "")}.event.ics`,
} as const;

/** The site's URL map: `routes`, or a language's under its folder. */
export type Routes = typeof routes;

/**
 * Written once for the whole site, whatever the language: pictures, assets, the search bundle,
 * robots.txt; and a group's calendar (beside its one page).
 */
const SHARED = new Set([
  "pagefind",
  "images",
  "assets",
  "favicon",
  "headers",
  "robots",
  "groupIcs",
]);

/** A language's URL map: every page under `prefix` ("/ar"), the shared files where they are. */
export function routesUnder(prefix: string): Routes {
  if (!prefix) return routes;
  const entries = Object.entries(routes).map(([key, value]) => [
    key,
    SHARED.has(key)
      ? value
      : typeof value === "string"
        ? prefix + value
        : (...args: unknown[]) => {
            const url = (value as (...a: unknown[]) => string)(...args);
            // URLs made from another URL (a topic's feed, an event's file) already carry the prefix.
            return url.startsWith(`${prefix}/`) ? url : prefix + url;
          },
  ]);
  return Object.fromEntries(entries) as Routes;
}

/** Files the build writes at the site root, and what each is. */
const FILES: Record<string, string> = {
  [routes.home]: "the home page",
  [routes.notFound]: "the page-not-found page",
  [routes.sitemap]: "the sitemap",
  [routes.robots]: "robots.txt",
  [routes.headers]: "the security headers",
  [routes.favicon]: "the site's icon",
  [routes.feedAtom]: "the Atom feed",
  [routes.feedJson]: "the JSON feed",
  [routes.eventsIcs]: "the events calendar feed",
  [routes.groupsSeeking]: "the communities seeking a partner",
};

/** Folders whose whole content the build writes, and what each holds. */
const AREAS: Record<string, string> = {
  [routes.search]: "the search page",
  [routes.pagefind]: "the search index",
  [routes.images]: "the site's pictures",
  [routes.assets]: "the stylesheets and scripts",
  [routes.tags]: "the topic pages",
  [routes.categories]: "the category pages",
  [routes.events]: "the events calendar",
  [routes.digest]: "the digest's editions",
  [routes.share]: "the share page",
  "/groups/kind/": "the group directory's filters",
  "/groups/status/": "the group directory's filters",
  [`/${PREVIEW_FOLDER_PREFIX}`]: "pull-request previews",
};

const AREA_ENTRIES = Object.entries(AREAS);
// Sections with a list page of their own, and its URL; made on first use (SECTIONS' module imports this one).
let lists: (readonly [Section, string])[] | undefined;

/**
 * What the build itself writes at `url` or above it, when an item may not publish there; null when
 * the URL is free for an item of `section` (its own section's folder holds its items).
 */
export function reservedBy(url: string, section?: Section): string | null {
  const lower = url.toLowerCase();
  if (FILES[lower]) return FILES[lower];
  if (section === "editions" && /^\/digest\/[1-9]\d*\/$/.test(lower)) return null;
  for (const [area, what] of AREA_ENTRIES) if (lower.startsWith(area)) return what;
  lists ??= SECTIONS.filter((s) => s !== "pages" && s !== "editions").map(
    (s) => [s, routes.list(s)] as const,
  );
  for (const [listed, list] of lists) {
    if (lower === list) return `the list of ${listed}`;
    if (lower.startsWith(list) && /^[0-9]+\/?$/.test(lower.slice(list.length)))
      return `a page of the list of ${listed}`;
    if (lower.startsWith(list) && section !== listed) return `the ${listed} (${list}…)`;
  }
  return null;
}

/** A permalink an item may set: a path of clean names, ending in "/" or in a file name. */
export const PERMALINK =
  /^\/(?:[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}-]*\/)*(?:[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}-]*\.[a-z0-9]+)?$/u;
