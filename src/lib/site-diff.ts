import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { markdownCode, markdownHref, markdownText } from "./markdown-escape.ts";

export interface ChangedPage {
  url: string;
  /** The page's heading (its <h1>, else its <title>) in the new build. */
  title: string;
  /** What changed in its own content, in a few words: the title old → new, words added and removed. */
  summary: string;
}

export interface SiteDiff {
  added: string[];
  removed: string[];
  /** Pages whose own content differs: an item's article, a list page's heading. */
  changed: ChangedPage[];
  /** Pages that differ only in their lists, cards, related links or pagination. */
  listsOnly: string[];
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

/** What a page says for itself: the element marked data-own-content (an item, a group, an edition) less its lists, else its headings. */
function ownContent(html: string): { title: string; html: string; words: string[] } {
  const { document } = parseHTML(html);
  const own = document.querySelector("[data-own-content]");
  const main = document.querySelector("main") ?? document;
  const heading = (own ?? main).querySelector("h1")?.textContent ?? document.title;
  let region: string;
  let text: string;
  if (own) {
    for (const listing of own.querySelectorAll("[data-listing]")) listing.remove();
    region = own.outerHTML;
    text = own.textContent ?? "";
  } else {
    // A list page's own content is its title, heading and introduction; the rest is its lists.
    const parts = [
      document.title,
      ...[...main.querySelectorAll("h1, .lede")].map((e) => e.outerHTML),
    ];
    region = parts.join("\n");
    text = [
      document.title,
      ...[...main.querySelectorAll("h1, .lede")].map((e) => e.textContent),
    ].join(" ");
  }
  return {
    title: heading.replace(/\s+/g, " ").trim(),
    html: region,
    words: text.split(/\s+/).filter(Boolean),
  };
}

/** Words in `a` beyond those in `b`, counted. */
function extraWords(a: string[], b: string[]): number {
  const left = new Map<string, number>();
  for (const w of b) left.set(w, (left.get(w) ?? 0) + 1);
  let extra = 0;
  for (const w of a) {
    const n = left.get(w) ?? 0;
    if (n) left.set(w, n - 1);
    else extra++;
  }
  return extra;
}

/** Text with right-to-left letters in a first-strong isolate, so an Arabic title beside English words and arrows keeps its order. */
export const isolated = (text: string) =>
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u.test(text)
    ? `\u2068${text}\u2069`
    : text;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** How a page's own content changed, or null when only its lists did. */
export function ownChange(oldHtml: string, newHtml: string): string | null {
  const before = ownContent(oldHtml);
  const after = ownContent(newHtml);
  if (before.html === after.html) return null;
  const parts: string[] = [];
  if (before.title !== after.title)
    parts.push(`title “${isolated(before.title)}” → “${isolated(after.title)}”`);
  const added = extraWords(after.words, before.words);
  const removed = extraWords(before.words, after.words);
  if (added || removed) parts.push(`${plural(added, "word")} added, ${removed} removed`);
  return parts.length ? parts.join("; ") : "same words, other markup (a link, a picture or a date)";
}

/** Pages added and removed, and those that differ (any byte of the HTML) split into own content and lists only; each list sorted. */
export function diffSites(oldRoot: string, newRoot: string): SiteDiff {
  const before = sitePages(oldRoot);
  const after = sitePages(newRoot);
  const diff: SiteDiff = { added: [], removed: [], changed: [], listsOnly: [] };
  for (const [url, file] of after) {
    const old = before.get(url);
    if (!old) {
      diff.added.push(url);
      continue;
    }
    const [a, b] = [readFileSync(old), readFileSync(file)];
    if (a.equals(b)) continue;
    const newHtml = b.toString("utf8");
    const summary = ownChange(a.toString("utf8"), newHtml);
    if (summary) diff.changed.push({ url, title: ownContent(newHtml).title, summary });
    else diff.listsOnly.push(url);
  }
  for (const url of before.keys()) if (!after.has(url)) diff.removed.push(url);
  for (const list of [diff.added, diff.removed, diff.listsOnly]) list.sort();
  diff.changed.sort((x, y) => (x.url < y.url ? -1 : 1));
  return diff;
}

/** Shown per group in a pull-request comment; GitHub refuses comments over 65,536 characters. */
const COMMENT_LIMIT = 100;

/** The diff as Markdown for a pull-request comment; with `baseUrl`, added and changed pages link into the new build. */
export function diffMarkdown(diff: SiteDiff, baseUrl?: string): string {
  const total =
    diff.added.length + diff.removed.length + diff.changed.length + diff.listsOnly.length;
  if (total === 0) return "No page differs between the two builds.";
  const base = baseUrl?.replace(/\/?$/, "/");
  const link = (url: string, linked = true) =>
    base && linked
      ? `[${markdownCode(url)}](${markdownHref(base + url.replace(/^\//, ""))})`
      : markdownCode(url);
  const capped = (items: string[]) =>
    items.length > COMMENT_LIMIT
      ? [...items.slice(0, COMMENT_LIMIT), `- …and ${items.length - COMMENT_LIMIT} more`]
      : items;
  const lines = [
    `${total} ${total === 1 ? "page differs" : "pages differ"} between the two builds: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} with changed content, ${diff.listsOnly.length} only in lists.`,
  ];
  const group = (title: string, items: string[]) => {
    if (items.length) lines.push("", `**${title}** (${items.length})`, "", ...capped(items));
  };
  group(
    "Added",
    diff.added.map((url) => `- ${link(url)}`),
  );
  group(
    "Removed",
    diff.removed.map((url) => `- ${link(url, false)}`),
  );
  group(
    "Content changed",
    diff.changed.map(
      (p) => `- ${link(p.url)} ${markdownText(isolated(p.title))}: ${markdownText(p.summary)}`,
    ),
  );
  if (diff.listsOnly.length) {
    const n = diff.listsOnly.length;
    lines.push(
      "",
      "<details>",
      `<summary>${plural(n, "page")} changed only in lists, cards or related links</summary>`,
      "",
      ...capped(diff.listsOnly.map((url) => `- ${link(url)}`)),
      "",
      "</details>",
    );
  }
  return lines.join("\n");
}

/** The diff as plain text for a terminal. */
export function diffText(diff: SiteDiff): string {
  const lines: string[] = [];
  for (const url of diff.added) lines.push(`+ ${url}`);
  for (const url of diff.removed) lines.push(`- ${url}`);
  for (const p of diff.changed) lines.push(`~ ${p.url} ${isolated(p.title)}: ${p.summary}`);
  if (diff.listsOnly.length)
    lines.push(
      `  and ${plural(diff.listsOnly.length, "page")} changed only in lists, cards or related links: ${diff.listsOnly.join(" ")}`,
    );
  const n = (list: unknown[]) => list.length;
  lines.push(
    `${n(diff.added)} added, ${n(diff.removed)} removed, ${n(diff.changed)} with changed content, ${n(diff.listsOnly)} changed only in lists.`,
  );
  return lines.join("\n");
}
