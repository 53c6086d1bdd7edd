import { linkSync, mkdirSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findContentFiles, formatError, parseContentFile, shownPath } from "./content.ts";
import { reservedBy, routes } from "./routes.ts";
import { PLACEHOLDER, type Section } from "./schema.ts";
import type { SiteContext } from "./site-context.ts";
import { fileSlug } from "./slug.ts";
import { parseSiteTime } from "./time.ts";
import {
  findOriginal,
  languageOf,
  languageOfFile,
  TranslationError,
  translatedPermalink,
  translationText,
} from "./translation-draft.ts";

export const KINDS = {
  article: "articles",
  action: "actions",
  page: "pages",
} as const satisfies Record<string, Section>;
export type Kind = keyof typeof KINDS;

export interface NewItemRequest {
  kind: Kind;
  title: string;
  category?: string;
  /** YYYY-MM-DD; defaults to the build's today in the site zone. */
  date?: string;
  event?: boolean;
  /** The call to action's link: required for actions, optional (adds a `cta`) elsewhere. */
  url?: string;
  label?: string;
  /** A language code of site.yml; default the site's default language. */
  lang?: string;
  /** The original's path, with or without content/: the draft is its translation. */
  translationOf?: string;
}

export interface NewItemResult {
  /** Absolute path of the file written. */
  file: string;
  /** The path shown to editors, e.g. content/articles/foo.md. */
  shownFile: string;
  /** Site-relative URL the item will have. */
  url: string;
  text: string;
}

/** A refusal an editor can act on; the command prints its message and exits 1. */
export class ScaffoldError extends Error {
  override name = "ScaffoldError";
}

const DEFAULT_CATEGORY: Partial<Record<Section, string>> = {
  articles: "news",
  actions: "campaign",
};
/** The button's words for a call to action in each category, when --label is not given. */
export const CATEGORY_LABELS: Record<string, string> = {
  campaign: "Join the campaign",
  fundraiser: "Donate",
  event: "Book a place",
  twinning: "Get in touch",
};
const quote = (value: string) => JSON.stringify(value);

/** The front matter and body of a new draft: every required field filled, optional ones as comments. */
export function skeleton(
  section: Section,
  fields: {
    title: string;
    date: string;
    category?: string;
    event: boolean;
    url?: string;
    label?: string;
    lang?: string;
  },
): string {
  const lines = ["---", `title: ${quote(fields.title)}`, `date: ${fields.date}`];
  if (fields.lang) lines.push(`lang: ${fields.lang}`);
  if (fields.category) lines.push(`category: ${fields.category}`);
  if (section !== "pages") lines.push("tags: []");
  lines.push(
    "# summary: One or two sentences shown on cards, in feeds and in search results.",
    ...(section === "pages" ? [] : ["# author: Your name"]),
    ...(section === "articles"
      ? [
          "# source:",
          "#   name: Where the story first appeared",
          "#   url: https://the-original-story",
        ]
      : []),
    "# image:",
    "#   src: ./picture.jpg",
    "#   alt: Describe what the picture shows",
  );
  if (fields.url) {
    lines.push(
      "cta:",
      `  label: ${quote(fields.label ?? "")}`,
      `  url: ${quote(fields.url)}`,
      "  # deadline: YYYY-MM-DD",
    );
  } else if (section !== "pages") {
    lines.push(
      "# cta:",
      "#   label: Sign the petition",
      "#   url: https://the-petition",
      "#   deadline: YYYY-MM-DD",
    );
  }
  if (fields.event) {
    lines.push(
      "event:",
      `  # The start in the site's time zone, such as ${fields.date}T19:00; check refuses ${PLACEHOLDER} until then.`,
      `  start: ${PLACEHOLDER}`,
      `  # end: ${fields.date}T21:00`,
      "  # A place name, an address, or Online.",
      `  location: ${PLACEHOLDER}`,
      "  # url: https://where-to-join",
    );
  }
  lines.push("# Remove the next line when the item is ready to publish.", "draft: true", "---", "");
  return lines.join("\n");
}

/** Writes a new draft for `npm run new`: validated as `npm run check` would, never over another file. */
/** The file name `text` gives, or a refusal naming what it is (a title, a name). */
export function slugOf(text: string, what: string): string {
  const slug = fileSlug(text);
  if (!slug)
    throw new ScaffoldError(
      `expected a ${what} with letters or digits to make a file name from, got ${quote(text)}`,
    );
  return slug;
}

export function createItem(ctx: SiteContext, request: NewItemRequest): NewItemResult {
  try {
    return newItem(ctx, request);
  } catch (error) {
    if (error instanceof TranslationError) throw new ScaffoldError(error.message);
    throw error;
  }
}

/** Options a translation takes from its original instead. */
const FROM_ORIGINAL = ["category", "event", "url", "label"] as const;

function newItem(ctx: SiteContext, request: NewItemRequest): NewItemResult {
  const section = KINDS[request.kind];
  if (!section)
    throw new ScaffoldError(
      `expected one of ${Object.keys(KINDS).join(", ")}, got ${quote(String(request.kind))}`,
    );
  const title = request.title.trim();
  if (!title) throw new ScaffoldError("expected a title in quotes, got nothing");
  const slug = slugOf(title, "title");
  const given = FROM_ORIGINAL.find((option) => request[option]);
  if (request.translationOf !== undefined && given)
    throw new ScaffoldError(
      `--${given}: expected no --${given} with --translation-of (the translation takes the original's), got --${given}`,
    );
  const translation =
    request.translationOf === undefined
      ? null
      : findOriginal(ctx, section, request.translationOf, request.lang);
  const language =
    translation?.language ?? languageOf(ctx, request.lang ?? ctx.languages.default.code);
  const permalink = translation && translatedPermalink(ctx, translation.original);
  const url =
    typeof permalink === "string"
      ? `${language.prefix}${permalink}`
      : language.routes.item(section, slug);
  const taken = reservedBy(routes.item(section, slug), section);
  if (taken && typeof permalink !== "string") {
    throw new ScaffoldError(
      `a ${section === "pages" ? "page" : "file"} called "${slug}" would take the URL ${url}, where the site publishes ${taken}; choose another title`,
    );
  }
  if (request.date !== undefined) checkDate(ctx, request.date);

  const file = path.join(ctx.contentDir, section, `${slug}.md`);
  // Another file of that name is in the way only at the same path, or at the same URL (same language).
  const same = findContentFiles(ctx.contentDir).find(
    (f) =>
      f.section === section &&
      path.basename(f.file, ".md") === slug &&
      (f.file === file || languageOfFile(ctx, f.file) === language.code),
  );
  if (same) {
    const other = path.relative(path.dirname(ctx.contentDir), same.file).split(path.sep).join("/");
    throw new ScaffoldError(
      `${other} already exists and would publish at ${publishedAt(ctx, same.file, section, slug)}; nothing was written (choose another title or edit that file)`,
    );
  }

  let text: string;
  if (translation) {
    text = translationText(ctx, { title, date: request.date, file, ...translation });
  } else {
    text = skeleton(section, {
      title,
      date: request.date ?? ctx.now.toISODate()!,
      ...callToAction(ctx, section, request),
      event: Boolean(request.event),
      lang: request.lang === undefined ? undefined : language.code,
    });
  }
  // The placeholders are written on purpose; anything else check would refuse is refused now.
  const problems = parseContentFile(file, section, text, ctx).errors.filter((e) => !e.placeholder);
  if (problems.length) throw new ScaffoldError(problems.map(formatError).join("\n"));

  mkdirSync(path.dirname(file), { recursive: true });
  writeNewFile(file, text);
  return { file, shownFile: shownPath(ctx.contentDir, file), url, text };
}

function checkDate(ctx: SiteContext, date: string): void {
  const parsedDate = parseSiteTime(date, ctx.settings.timezone);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !parsedDate.ok) {
    throw new ScaffoldError(`--date: expected a real date (YYYY-MM-DD), got ${quote(date)}`);
  }
}

/** The category, link and button of a new item from its options, or a refusal saying which is missing. */
function callToAction(ctx: SiteContext, section: Section, request: NewItemRequest) {
  const categories = Object.keys(ctx.settings.categories);
  let category = request.category;
  if (!category && section !== "pages") {
    const preferred = DEFAULT_CATEGORY[section];
    category = preferred && categories.includes(preferred) ? preferred : categories[0];
  }
  if (category && !categories.includes(category)) {
    throw new ScaffoldError(
      `--category: expected one of ${categories.join(", ")}, got ${quote(category)}`,
    );
  }
  if (section === "actions" && !request.url) {
    throw new ScaffoldError(
      "an action needs the link people act on: add --url https://… (the petition, the tickets, the letter)",
    );
  }
  if (request.label !== undefined && !request.url) {
    throw new ScaffoldError(
      "--label: expected --url too (the label is the words of the button that links there), got no --url",
    );
  }
  const label = request.url ? (request.label ?? CATEGORY_LABELS[category ?? ""]) : undefined;
  if (request.url && !label?.trim()) {
    throw new ScaffoldError(
      `--label: expected the button's words, such as --label "Sign the petition", got nothing (only ${Object.keys(CATEGORY_LABELS).join(", ")} have a usual label; this is ${category ? quote(category) : "a page without a category"})`,
    );
  }
  return { category, url: request.url, label };
}

/** Where an existing file publishes, in its own language. */
function publishedAt(ctx: SiteContext, file: string, section: Section, slug: string): string {
  const code = languageOfFile(ctx, file);
  return (ctx.languages.get(code)?.routes ?? routes).item(section, slug);
}

/** Writes through a temp file and a hard link, so the file appears whole or not at all, and never replaces one. */
export function writeNewFile(file: string, text: string | Uint8Array): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(temp, text, { flag: "w" });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new ScaffoldError(`${file} already exists; nothing was written`);
    throw error;
  } finally {
    unlinkSync(temp);
  }
}
