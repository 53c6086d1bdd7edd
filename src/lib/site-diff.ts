import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { markdownCode, markdownHref } from "./markdown-escape.ts";

export interface SiteDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

/** The site URL of a built HTML file: "articles/foo/index.html" is "/articles/foo/", "404.html" is "/404.html". */
export function urlOf(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, "$1")}`;
}

/** Every HTML page of a built site, by its URL (see urlOf). */
export function sitePages(root: string): Map<string, string> {
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory())
    throw new Error(`${root} is not a folder with a built site`);
  const pages = new Map<string, string>();
  const entries = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory() && entry.name.endsWith(".html"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const full of entries) {
    pages.set(urlOf(path.relative(root, full).split(path.sep).join("/")), full);
  }
  return pages;
}

/** Pages added, removed and changed (any byte of the HTML differs) between two builds, each list sorted. */
export function diffSites(oldRoot: string, newRoot: string): SiteDiff {
  const before = sitePages(oldRoot);
  const after = sitePages(newRoot);
  const diff: SiteDiff = { added: [], removed: [], changed: [] };
  for (const [url, file] of after) {
    const old = before.get(url);
    if (!old) diff.added.push(url);
    else if (!readFileSync(old).equals(readFileSync(file))) diff.changed.push(url);
  }
  for (const url of before.keys()) if (!after.has(url)) diff.removed.push(url);
  for (const list of Object.values(diff)) list.sort();
  return diff;
}

/** Shown per group in a pull-request comment; GitHub refuses comments over 65,536 characters. */
const COMMENT_LIMIT = 100;

/** The diff as Markdown for a pull-request comment; with `baseUrl`, added and changed pages link into the preview. */
export function diffMarkdown(diff: SiteDiff, baseUrl?: string): string {
  const total = diff.added.length + diff.removed.length + diff.changed.length;
  if (total === 0) return "No page differs from the main site.";
  const base = baseUrl?.replace(/\/?$/, "/");
  const link = (url: string, linked: boolean) =>
    base && linked
      ? `[${markdownCode(url)}](${markdownHref(base + url.replace(/^\//, ""))})`
      : markdownCode(url);
  const groups: [string, string[], boolean][] = [
    ["Added", diff.added, true],
    ["Changed", diff.changed, true],
    ["Removed", diff.removed, false],
  ];
  const lines = [`${total} ${total === 1 ? "page differs" : "pages differ"} from the main site:`];
  for (const [title, urls, linked] of groups) {
    if (!urls.length) continue;
    lines.push("", `**${title}** (${urls.length})`, "");
    for (const url of urls.slice(0, COMMENT_LIMIT)) lines.push(`- ${link(url, linked)}`);
    if (urls.length > COMMENT_LIMIT) lines.push(`- …and ${urls.length - COMMENT_LIMIT} more`);
  }
  return lines.join("\n");
}

/** The diff as plain text for a terminal. */
export function diffText(diff: SiteDiff): string {
  const lines: string[] = [];
  for (const [sign, urls] of [
    ["+", diff.added],
    ["-", diff.removed],
    ["~", diff.changed],
  ] as const) {
    for (const url of urls) lines.push(`${sign} ${url}`);
  }
  const n = (list: string[]) => list.length;
  lines.push(`${n(diff.added)} added, ${n(diff.removed)} removed, ${n(diff.changed)} changed.`);
  return lines.join("\n");
}
