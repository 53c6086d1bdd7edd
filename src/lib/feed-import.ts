import { mkdirSync, readFileSync, statSync, unlinkSync } from "node:fs";
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
import { addMediaRule, addTableRule } from "./feed-markdown.ts";
import { downloadPicture, feedPicture, pictureName } from "./feed-picture.ts";
import { FetchError, fetchLimited } from "./fetch-limited.ts";
import { writeNewFile } from "./scaffold.ts";
import { fileSlug, slugify } from "./slug.ts";
import { PLACEHOLDER } from "./schema.ts";
import type { SiteContext } from "./site-context.ts";
import { normaliseTag } from "./tags.ts";
import { languageOf, TranslationError } from "./translation-draft.ts";
import { withoutTracking } from "./tracking.ts";

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
  /** The language of every draft (a code of site.yml), written as its `lang:`. */
  lang?: string;
  /** Limits for each picture download, the same as for the feed. */
  limits?: FetchLimits;
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

/** Feed HTML as Markdown: active content dropped, links kept only when safe, remote pictures and embedded players as links (the CSP allows only our own), tables as tables. */
export function htmlToMarkdown(html: string, baseUrl: string): string {
  const service = new TurndownService({
    headingStyle: "atx",
    codeBlockStyle: "fenced",
    bulletListMarker: "-",
    emDelimiter: "*",
  });
  service.remove(isUnsafe);
  addTableRule(service);
  addMediaRule(service, (raw) => safeUrl(raw, baseUrl));
  // Markdown decodes entities again, so text reading "&amp;" must stay "&amp;" once rendered.
  const escapeText = service.escape.bind(service);
  service.escape = (text: string) => escapeText(text).replace(/&(?=#?\w+;)/g, "&amp;");
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
    filter: (node) => !isUnsafe(node),
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

/** The key that spots a repeat: the URL as the parser normalises it, without tracking parameters. */
const canonical = (url: string) => withoutTracking(url);

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

/** How long a feed server may take, and how much it may send, before import gives up. */
export interface FetchLimits {
  timeoutSeconds?: number;
  maxBytes?: number;
}
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Reads a feed from a file or an http(s) URL; FeedError says what is wrong with it. */
export async function readFeedText(location: string, limits: FetchLimits = {}): Promise<string> {
  const timeoutSeconds = limits.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const tooBig = `the feed is larger than ${megabytes(maxBytes)}, more than any news feed needs; nothing was read`;
  if (/^https?:\/\//i.test(location)) {
    try {
      const body = await fetchLimited(location, {
        timeoutSeconds,
        maxBytes,
        tooBig,
        what: "the feed",
        accept:
          "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
      });
      return body.toString("utf8");
    } catch (error) {
      if (error instanceof FetchError)
        throw new FeedError(`could not fetch ${location}: ${error.message}`);
      throw error;
    }
  }
  try {
    if (statSync(location).size > maxBytes)
      throw new FeedError(`could not read ${location}: ${tooBig}`);
    return readFileSync(location, "utf8");
  } catch (error) {
    if (error instanceof FeedError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new FeedError(
      `could not read ${location}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder, not a file" : code === "EACCES" ? "permission denied" : (error as Error).message}`,
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

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

type FeedElement = FeedItem["element"];
/** An element's HTML as the feed meant it: XML entities decoded once (the parser's own copy decodes them twice, turning `&lt;script&gt;` into a tag). */
function elementHtml(element: FeedElement | null): string | null {
  if (!element) return null;
  const type = element.getAttribute("type")?.toLowerCase();
  if (type === "xhtml") return null;
  const text = element.textContent.trim();
  if (!text) return null;
  return type === "text" ? escapeHtml(text) : text;
}

const MEDIA_RSS = /^https?:\/\/search\.yahoo\.com\/mrss\/?$/;

/** The item's body and summary HTML, each decoded exactly once. */
export function entryHtml(entry: FeedItem): { content: string | null; description: string | null } {
  const el = entry.element;
  // media:content and media:description describe a picture or video, not the story.
  const own = (name: string) =>
    el.findElementsWithName(name).find((e) => !MEDIA_RSS.test(e.namespaceUri ?? "")) ?? null;
  const encoded = el.findElementWithName("encoded");
  const atomContent = own("content");
  const xhtml = atomContent?.getAttribute("type")?.toLowerCase() === "xhtml";
  const content =
    (encoded?.namespace === "content" ? elementHtml(encoded) : null) ??
    (xhtml ? entry.content : elementHtml(atomContent));
  const summary = own("summary") ?? own("description");
  const description =
    summary?.getAttribute("type")?.toLowerCase() === "xhtml"
      ? entry.description
      : elementHtml(summary);
  return { content, description };
}

function uniqueSlug(base: string, taken: Set<string>): string {
  const stem = fileSlug(base);
  let slug = stem;
  for (let n = 2; taken.has(slug); n++) slug = `${stem}-${n}`;
  taken.add(slug);
  return slug;
}

/**
 * Writes one draft per new feed item into content/articles/, with the item's picture beside it;
 * every file is validated, then written whole or not at all.
 */
export async function importFeed(
  ctx: SiteContext,
  feed: Feed,
  options: ImportOptions = {},
): Promise<ImportOutcome[]> {
  const categories = Object.keys(ctx.settings.categories);
  const category = options.category ?? (categories.includes("news") ? "news" : undefined);
  if (!category || !categories.includes(category)) {
    throw new FeedError(
      `--category: expected one of ${categories.join(", ")}, got ${category ? JSON.stringify(category) : "nothing"}`,
    );
  }
  let lang: string | undefined;
  try {
    lang = options.lang === undefined ? undefined : languageOf(ctx, options.lang).code;
  } catch (error) {
    if (error instanceof TranslationError) throw new FeedError(error.message);
    throw error;
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
  const maxBytes = options.limits?.maxBytes ?? DEFAULT_MAX_BYTES;
  const pictureLimits = {
    timeoutSeconds: options.limits?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    maxBytes,
    megabytes: megabytes(maxBytes),
  };

  for (const [index, entry] of feed.items.entries()) {
    const outcome = await importItem(entry, index);
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;

  async function importItem(entry: FeedItem, index: number): Promise<ImportOutcome> {
    const title = (entry.title ?? "").replace(/\s+/g, " ").trim();
    const label = `item ${index + 1}${title ? ` ("${shorten(title, 60)}")` : entry.url ? ` (${entry.url})` : entry.id ? ` (id ${entry.id})` : ""}`;
    const safe = entry.url && URL.canParse(entry.url) ? safeUrl(entry.url, entry.url) : null;
    const link = safe && withoutTracking(safe);
    if (!title) return { kind: "refused", label, reason: "it has no title" };
    if (!link || !/^https?:/.test(link)) {
      return {
        kind: "refused",
        label,
        reason: entry.url
          ? `its link is not an http or https address (${JSON.stringify(entry.url)})`
          : "it has no link to the original",
      };
    }
    const matches = [
      link,
      entry.id && /^https?:\/\//i.test(entry.id) ? canonical(entry.id) : null,
    ].filter((u): u is string => Boolean(u));
    const already = matches.map((u) => known.get(canonical(u))).find(Boolean);
    if (already) return { kind: "skipped", url: link, reason: `already imported as ${already}` };

    const raw = entryHtml(entry);
    const html = raw.content ?? raw.description ?? "";
    const summaryText = htmlToText(raw.description ?? raw.content ?? "");
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
    const slug = uniqueSlug(slugify(title) || "imported", slugs);
    const file = path.join(dir, `${slug}.md`);
    const picture = feedPicture(entry, htmlToText);
    const download = picture && (await downloadPicture(picture.url, pictureLimits));
    const saved =
      picture && download && "bytes" in download
        ? {
            name: pictureName(dir, slug, download.extension),
            bytes: download.bytes,
            alt: picture.alt,
          }
        : null;
    const notes = published ? [] : ["no date in the feed, so dated today"];
    const frontMatter = {
      title,
      date: date.toISO({ suppressMilliseconds: true }),
      ...(lang ? { lang } : {}),
      category,
      tags,
      ...(summaryText ? { summary: shorten(summaryText) } : {}),
      ...(author ? { author } : {}),
      ...(saved ? { image: { src: `./${saved.name}`, alt: saved.alt ?? PLACEHOLDER } } : {}),
      source: { name: sourceName, url: link },
      draft: true,
    };
    let body = htmlToMarkdown(html, link);
    if (picture && download && "problem" in download) {
      // A picture that could not be kept stays reachable, as pictures in the text do.
      const alt = (picture.alt ?? "").replace(/[[\]]/g, "").trim();
      body = `[Picture${alt ? `: ${alt}` : ""}](${safeUrl(picture.url, link)})${body ? `\n\n${body}` : ""}`;
      notes.push(`picture not downloaded: ${picture.url}: ${download.problem}`);
    }
    const text = `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n${body ? `${body}\n` : ""}`;
    // The alt placeholder is written on purpose, for the editor; anything else check would refuse is refused now.
    const errors = parseContentFile(file, "articles", text, ctx).errors.filter(
      (e) => !e.placeholder,
    );
    if (errors.length)
      return {
        kind: "refused",
        label,
        reason: `its front matter would be invalid: ${errors.map(formatError).join("; ")}`,
      };
    const shown = (name: string) =>
      path.relative(path.dirname(ctx.contentDir), name).split(path.sep).join("/");
    mkdirSync(dir, { recursive: true });
    if (saved) {
      const pictureFile = path.join(dir, saved.name);
      writeNewFile(pictureFile, saved.bytes);
      try {
        writeNewFile(file, text);
      } catch (error) {
        unlinkSync(pictureFile);
        throw error;
      }
      notes.push(
        `picture saved as ${shown(pictureFile)}${saved.alt ? "" : `; write its image.alt, which says ${PLACEHOLDER}`}`,
      );
    } else writeNewFile(file, text);
    known.set(canonical(link), shown(file));
    return {
      kind: "written",
      file: shown(file),
      url: link,
      title,
      ...(notes.length ? { note: notes.join("; ") } : {}),
    };
  }
}
