import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { DateTime } from "luxon";
import TurndownService from "turndown";
import { stringify } from "yaml";
import {
  findContentFiles,
  formatError,
  parseContentFile,
  parseYaml,
  splitFrontMatter,
} from "./content.ts";
import { writeNewFile } from "./scaffold.ts";
import type { SiteContext } from "./site-context.ts";
import { normaliseTag, slugify } from "./tags.ts";

type Feed = ReturnType<typeof parseFeed>;
type FeedItem = Feed["items"][number];

/** The feed as a whole could not be read; nothing was written. */
export class FeedError extends Error {
  override name = "FeedError";
}

export interface ImportOptions {
  /** The source's name; defaults to the feed's title. */
  source?: string;
  /** Category of every draft; defaults to "news". */
  category?: string;
}

export type ImportOutcome =
  | { kind: "written"; file: string; url: string; title: string; note?: string }
  | { kind: "skipped"; url: string; reason: string }
  | { kind: "refused"; label: string; reason: string };

const SAFE_SCHEMES = /^(https?|mailto):$/;
const UNSAFE_ELEMENTS = [
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "noscript",
  "template",
  "form",
  "button",
  "input",
  "select",
  "textarea",
  "svg",
  "canvas",
  "link",
  "meta",
  "head",
  "title",
  "audio",
  "video",
];
const isUnsafe = (node: TurndownService.Node) =>
  UNSAFE_ELEMENTS.includes(node.nodeName.toLowerCase());

/** An http(s) or mailto URL resolved against the page it came from, or null for anything else (javascript:, data:). */
export function safeUrl(raw: string | null, base: string): string | null {
  if (!raw?.trim()) return null;
  try {
    const url = new URL(raw.trim(), base);
    return SAFE_SCHEMES.test(url.protocol)
      ? url.href.replace(/\(/g, "%28").replace(/\)/g, "%29")
      : null;
  } catch {
    return null;
  }
}

/** Feed HTML as Markdown: active content dropped, links kept only when safe, remote pictures as links (the CSP allows only our own). */
export function htmlToMarkdown(html: string, baseUrl: string): string {
  const service = new TurndownService({
    headingStyle: "atx",
    codeBlockStyle: "fenced",
    bulletListMarker: "-",
    emDelimiter: "*",
  });
  service.remove(isUnsafe);
  service.addRule("safeLinks", {
    filter: (node) => node.nodeName === "A",
    replacement: (content, node) => {
      const href = safeUrl((node as HTMLElement).getAttribute("href"), baseUrl);
      return href && content.trim() ? `[${content}](${href})` : content;
    },
  });
  service.addRule("remotePictures", {
    filter: "img",
    replacement: (_content, node) => {
      const src = safeUrl((node as HTMLElement).getAttribute("src"), baseUrl);
      if (!src || src.startsWith("mailto:")) return "";
      const alt = ((node as HTMLElement).getAttribute("alt") ?? "").replace(/[[\]]/g, "").trim();
      return `[Picture${alt ? `: ${alt}` : ""}](${src})`;
    },
  });
  return service
    .turndown(html)
    .replace(/^[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Visible text of a bit of HTML, on one line. */
export function htmlToText(html: string): string {
  const service = new TurndownService();
  service.remove(isUnsafe);
  service.escape = (text: string) => text;
  service.addRule("textOnly", {
    filter: () => true,
    replacement: (content, node) =>
      (node as unknown as { isBlock?: boolean }).isBlock ? ` ${content} ` : content,
  });
  return service.turndown(html).replace(/\s+/g, " ").trim();
}

/** Up to `max` characters, cut at a word. */
function shorten(text: string, max = 280): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).replace(/[\s,;:.-]+$/, "")}…`;
}

const canonical = (url: string) => {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
};

/** Every source URL already in the content, read leniently so a file with an error still counts. */
export function importedSources(contentDir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const { file } of findContentFiles(contentDir)) {
    try {
      const { yaml } = splitFrontMatter(readFileSync(file, "utf8"));
      const data =
        yaml === null ? null : (parseYaml(yaml) as { source?: { url?: unknown } } | null);
      const url = data?.source?.url;
      if (typeof url === "string")
        found.set(
          canonical(url.trim()),
          path.relative(path.dirname(contentDir), file).split(path.sep).join("/"),
        );
    } catch {
      // A file whose YAML does not parse has no source we could match; check reports it.
    }
  }
  return found;
}

/** Reads a feed from a file or an http(s) URL; FeedError says what is wrong with it. */
export async function readFeedText(location: string): Promise<string> {
  if (/^https?:\/\//i.test(location)) {
    let response: Response;
    try {
      response = await fetch(location, {
        headers: {
          accept:
            "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
        },
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new FeedError(`could not fetch ${location}: ${(error as Error).message}`);
    }
    if (!response.ok)
      throw new FeedError(
        `could not fetch ${location}: the server answered ${response.status} ${response.statusText}`,
      );
    return response.text();
  }
  try {
    return readFileSync(location, "utf8");
  } catch (error) {
    throw new FeedError(
      `could not read ${location}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`,
    );
  }
}

/** Parses RSS or Atom; refuses text that is not XML or not a feed. */
export function parseFeedText(text: string, location: string): Feed {
  const start = text.replace(/^\uFEFF/, "").trimStart();
  if (!start.startsWith("<")) {
    throw new FeedError(
      `${location} is not XML (it begins ${JSON.stringify(start.slice(0, 30))}); give the address or file of an RSS or Atom feed`,
    );
  }
  try {
    return parseFeed(text);
  } catch (error) {
    const page = /<html[\s>]/i.test(start.slice(0, 2000))
      ? "; it looks like a web page, so look for its feed link (often ending /feed or .xml)"
      : "";
    throw new FeedError(
      `${location} is not an RSS or Atom feed (${(error as Error).message})${page}`,
    );
  }
}

function uniqueSlug(base: string, taken: Set<string>): string {
  const stem = base.length > 80 ? base.slice(0, 80).replace(/-[^-]*$/, "") : base;
  let slug = stem;
  for (let n = 2; taken.has(slug); n++) slug = `${stem}-${n}`;
  taken.add(slug);
  return slug;
}

/** Writes one draft per new feed item into content/articles/; every file is validated, then written whole or not at all. */
export function importFeed(
  ctx: SiteContext,
  feed: Feed,
  options: ImportOptions = {},
): ImportOutcome[] {
  const categories = Object.keys(ctx.settings.categories);
  const category = options.category ?? (categories.includes("news") ? "news" : undefined);
  if (!category || !categories.includes(category)) {
    throw new FeedError(
      `--category: expected one of ${categories.join(", ")}, got ${category ? JSON.stringify(category) : "nothing"}`,
    );
  }
  const sourceName = (options.source ?? htmlToText(feed.title ?? "")).trim();
  if (!sourceName)
    throw new FeedError('the feed has no title to name the source by; pass --source "Name"');

  const dir = path.join(ctx.contentDir, "articles");
  const known = importedSources(ctx.contentDir);
  const slugs = new Set(
    findContentFiles(ctx.contentDir)
      .filter((f) => f.section === "articles")
      .map((f) => path.basename(f.file, ".md")),
  );
  const outcomes: ImportOutcome[] = [];

  feed.items.forEach((entry: FeedItem, index) => {
    const title = (entry.title ?? "").replace(/\s+/g, " ").trim();
    const label = `item ${index + 1}${title ? ` ("${shorten(title, 60)}")` : entry.url ? ` (${entry.url})` : entry.id ? ` (id ${entry.id})` : ""}`;
    const link = entry.url && URL.canParse(entry.url) ? safeUrl(entry.url, entry.url) : null;
    if (!title) return outcomes.push({ kind: "refused", label, reason: "it has no title" });
    if (!link || !/^https?:/.test(link)) {
      return outcomes.push({
        kind: "refused",
        label,
        reason: entry.url
          ? `its link is not an http or https address (${JSON.stringify(entry.url)})`
          : "it has no link to the original",
      });
    }
    const matches = [
      link,
      entry.id && /^https?:\/\//i.test(entry.id) ? canonical(entry.id) : null,
    ].filter((u): u is string => Boolean(u));
    const already = matches.map((u) => known.get(canonical(u))).find(Boolean);
    if (already)
      return outcomes.push({
        kind: "skipped",
        url: link,
        reason: `already imported as ${already}`,
      });

    const html = entry.content ?? entry.description ?? "";
    const summaryText = htmlToText(entry.description ?? entry.content ?? "");
    const published = entry.published ?? entry.updated;
    const date = published
      ? DateTime.fromJSDate(published, { zone: ctx.settings.timezone })
      : ctx.now;
    const tags = [
      ...new Set(
        entry.categories.map((c) => normaliseTag(c.label ?? c.term ?? "")).filter(Boolean),
      ),
    ];
    const author = entry.authors.map((a) => a.name?.trim()).find(Boolean);
    const frontMatter = {
      title,
      date: date.toISO({ suppressMilliseconds: true }),
      category,
      tags,
      ...(summaryText ? { summary: shorten(summaryText) } : {}),
      ...(author ? { author } : {}),
      source: { name: sourceName, url: link },
      draft: true,
    };
    const body = htmlToMarkdown(html, link);
    const text = `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n${body ? `${body}\n` : ""}`;
    const slug = uniqueSlug(slugify(title) || "imported", slugs);
    const file = path.join(dir, `${slug}.md`);
    const { item, errors } = parseContentFile(file, "articles", text, ctx);
    if (!item)
      return outcomes.push({
        kind: "refused",
        label,
        reason: `its front matter would be invalid: ${errors.map(formatError).join("; ")}`,
      });
    mkdirSync(dir, { recursive: true });
    writeNewFile(file, text);
    known.set(canonical(link), item.file);
    outcomes.push({
      kind: "written",
      file: item.file,
      url: link,
      title,
      ...(published ? {} : { note: "no date in the feed, so dated today" }),
    });
  });
  return outcomes;
}
