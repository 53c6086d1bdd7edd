import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { findContentFiles, parseYaml, shownPath, splitFrontMatter } from "./content.ts";
import type { Language } from "./languages.ts";
import { PLACEHOLDER, type Section } from "./schema.ts";
import type { SiteContext } from "./site-context.ts";

/** A refusal an editor can act on; the command prints its message and exits 1. */
export class TranslationError extends Error {
  override name = "TranslationError";
}

const SECTION_NAMES: Partial<Record<Section, string>> = {
  articles: "an article",
  actions: "an action",
  pages: "a page",
};
const quote = (value: string) => JSON.stringify(value);

/** The language `code` names in site.yml, or a refusal listing the site's languages. */
export function languageOf(ctx: SiteContext, code: string): Language {
  const found = ctx.languages.get(code);
  if (found) return found;
  const codes = ctx.languages.list.map((l) => l.code);
  // "AR", "en-GB" or "العربية" name a language; a near code ("fr" for "ar") is another language.
  const named = ctx.languages.list.find((l) =>
    [l.code, l.tag, l.name].some((n) => n.toLowerCase() === code.trim().toLowerCase()),
  );
  throw new TranslationError(
    codes.length === 1
      ? `--lang: expected ${codes[0]}, the site's only language (list others under languages: in content/_data/site.yml), got ${quote(code)}`
      : `--lang: expected one of ${codes.join(", ")} (the languages of content/_data/site.yml), got ${quote(code)}${named ? `: did you mean "${named.code}"?` : ""}`,
  );
}

/** A content path as front matter's translationOf writes it: under content/, with "/" ("articles/x.md"). */
export const contentRef = (written: string) =>
  written
    .trim()
    .replaceAll("\\", "/")
    .replace(/^(\.\/)+/, "")
    .replace(/^content\//, "");

/** The front matter of a file, read leniently: a file with an error still says what it can. */
function frontMatterOf(file: string): { data: Record<string, unknown>; body: string } {
  try {
    const { yaml, body } = splitFrontMatter(readFileSync(file, "utf8"));
    const data = yaml === null ? null : parseYaml(yaml);
    return {
      data: data && typeof data === "object" ? (data as Record<string, unknown>) : {},
      body: body ?? "",
    };
  } catch {
    return { data: {}, body: "" };
  }
}

const langOf = (ctx: SiteContext, data: Record<string, unknown>) =>
  typeof data.lang === "string" ? data.lang.trim() : ctx.languages.default.code;

/** The language code a content file says it is in (the default when it says none). */
export const languageOfFile = (ctx: SiteContext, file: string) =>
  langOf(ctx, frontMatterOf(file).data);

export interface Original {
  /** Its path under content/, as the translation's translationOf says it. */
  ref: string;
  file: string;
  lang: string;
  data: Record<string, unknown>;
  body: string;
}

/**
 * The original `--translation-of` names, and the translation's language: refused when the file is
 * missing, in another section, itself a translation, in that language, or already translated into it.
 */
export function findOriginal(
  ctx: SiteContext,
  section: Section,
  written: string,
  lang: string | undefined,
): { original: Original; language: Language } {
  const ref = contentRef(written);
  const file = path.join(ctx.contentDir, ref);
  const wanted = SECTION_NAMES[section]!;
  const inSection = ref.startsWith(`${section}/`) && ref.endsWith(".md");
  const exists = existsSync(file) && statSync(file).isFile();
  const other = Object.entries(SECTION_NAMES).find(([s]) => ref.startsWith(`${s}/`));
  if (!exists || !inSection) {
    throw new TranslationError(
      exists && other
        ? `--translation-of: expected ${wanted} (content/${section}/…) to translate, got ${quote(written)}, ${other[1]} (start its translation with npm run new -- ${other[0].slice(0, -1)})`
        : `--translation-of: expected the path of ${wanted} under content/, such as ${section}/its-name.md, got ${quote(written)}${exists ? "" : " (no such file)"}`,
    );
  }
  const { data, body } = frontMatterOf(file);
  const shown = shownPath(ctx.contentDir, file);
  if (typeof data.translationOf === "string")
    throw new TranslationError(
      `--translation-of: expected an original, got ${shown}, itself a translation of ${contentRef(data.translationOf)} (translate that one)`,
    );
  const original: Original = { ref, file, lang: langOf(ctx, data), data, body };
  const others = ctx.languages.list.filter((l) => l.code !== original.lang).map((l) => l.code);
  if (lang === undefined && others.length !== 1)
    throw new TranslationError(
      `--lang: expected the translation's language (${others.join(" or ") || "another language in content/_data/site.yml"}) with --translation-of, got none`,
    );
  const language = languageOf(ctx, lang ?? others[0]!);
  if (language.code === original.lang)
    throw new TranslationError(
      `--lang: expected a language other than the original's (${original.lang}), got ${quote(language.code)}`,
    );
  const already = findContentFiles(ctx.contentDir).find((f) => {
    if (f.section !== section || f.file === file) return false;
    const other = frontMatterOf(f.file).data;
    return (
      typeof other.translationOf === "string" &&
      contentRef(other.translationOf) === ref &&
      langOf(ctx, other) === language.code
    );
  });
  if (already)
    throw new TranslationError(
      `--translation-of: expected an original with no ${language.code} translation yet, got ${ref}, which ${shownPath(ctx.contentDir, already.file)} already translates (edit that file)`,
    );
  return { original, language };
}

const oneLine = (value: unknown) => String(value).replace(/\s+/g, " ").trim();
// A word or words YAML reads as text as it is (no true, no number, no punctuation); anything else in JSON's quotes.
const plain = (text: string) =>
  /^[\p{L}/][\p{L}\p{M}\p{N} ./_-]*$/u.test(text) &&
  !/^(true|false|yes|no|on|off|null)$/i.test(text) &&
  text.trim() === text;
const scalar = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(scalar).join(", ")}]`
    : typeof value === "string"
      ? plain(value)
        ? value
        : quote(value)
      : JSON.stringify(value);
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** Text the translator writes: the placeholder check refuses, the original's words in a comment above it. */
function toTranslate(indent: string, key: string, original: unknown): string[] {
  return [
    `${indent}# The original's ${key}: ${oneLine(original ?? "")}`,
    `${indent}${key}: ${PLACEHOLDER}`,
  ];
}

/** The original's permalink for its translation: the same path, outside the original's language folder. */
export function translatedPermalink(
  ctx: SiteContext,
  original: Original,
): string | false | undefined {
  const written = original.data.permalink;
  if (typeof written !== "string") return written === false ? false : undefined;
  const folder = ctx.languages.get(original.lang)?.prefix;
  return folder && written.startsWith(`${folder}/`) ? written.slice(folder.length) : written;
}

/** An image path of the original as the translation (in content/<section>/) must write it. */
function imageFrom(ctx: SiteContext, original: Original, newFile: string, src: string): string {
  if (src.startsWith("/")) return src;
  const picture = path.resolve(path.dirname(original.file), src);
  const relative = path.relative(path.dirname(newFile), picture).split(path.sep).join("/");
  return relative.startsWith("../")
    ? `/${path.relative(ctx.contentDir, picture).split(path.sep).join("/")}`
    : `./${relative}`;
}

/**
 * The translation's draft: what stays the same copied from the original (date, category, tags, source,
 * links, times, picture), each text to translate as the placeholder with the original's words above it,
 * and the original's body to translate in place.
 */
export function translationText(
  ctx: SiteContext,
  fields: { title: string; date?: string; language: Language; original: Original; file: string },
): string {
  const { data, ref } = fields.original;
  const lines = [
    "---",
    `title: ${quote(fields.title)}`,
    `date: ${fields.date ?? (data.date === undefined ? ctx.now.toISODate() : oneLine(data.date))}`,
    `lang: ${fields.language.code}`,
    `translationOf: ${ref}`,
  ];
  for (const key of ["category", "tags", "author", "group"])
    if (data[key] !== undefined) lines.push(`${key}: ${scalar(data[key])}`);
  const permalink = translatedPermalink(ctx, fields.original);
  if (permalink !== undefined) lines.push(`permalink: ${scalar(permalink)}`);
  if (data.summary !== undefined)
    lines.push(
      "# The original's summary, to translate (then remove the #):",
      `# summary: ${oneLine(data.summary)}`,
    );
  const source = record(data.source);
  if (data.source !== undefined)
    lines.push("source:", `  name: ${scalar(source.name)}`, `  url: ${scalar(source.url)}`);
  const image = record(data.image);
  if (data.image !== undefined) {
    lines.push(
      "image:",
      `  src: ${quote(imageFrom(ctx, fields.original, fields.file, String(image.src ?? "")))}`,
      ...toTranslate("  ", "alt", image.alt),
    );
    if (image.credit !== undefined) lines.push(`  credit: ${scalar(image.credit)}`);
  }
  const cta = record(data.cta);
  if (data.cta !== undefined) {
    lines.push("cta:", ...toTranslate("  ", "label", cta.label), `  url: ${scalar(cta.url)}`);
    if (cta.deadline !== undefined) lines.push(`  deadline: ${oneLine(cta.deadline)}`);
  }
  const event = record(data.event);
  if (data.event !== undefined) {
    lines.push("event:", `  start: ${oneLine(event.start)}`);
    if (event.end !== undefined) lines.push(`  end: ${oneLine(event.end)}`);
    lines.push(...toTranslate("  ", "location", event.location));
    if (event.url !== undefined) lines.push(`  url: ${scalar(event.url)}`);
  }
  lines.push(
    "# Remove the next line when the translation is ready to publish.",
    "draft: true",
    "---",
  );
  const body = fields.original.body.replace(/^\n+/, "");
  return `${lines.join("\n")}\n${body}${body && !body.endsWith("\n") ? "\n" : ""}`;
}
