import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import type { DateTime } from "luxon";
import jsYaml from "js-yaml";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import {
  fieldsAt,
  makeSchemas,
  PLACEHOLDER,
  SECTIONS,
  shown,
  type EditionFrontMatter,
  type GroupFrontMatter,
  type ParsedFrontMatter,
  type SeekingFrontMatter,
  type Section,
  type Schemas,
} from "./schema.ts";
import { reservedBy, routes } from "./routes.ts";
import { normaliseTag } from "./tags.ts";
import { didYouMean } from "./suggest.ts";
import { readYaml, type ReadYaml } from "./yaml-problems.ts";
import type { SiteSettings } from "./settings.ts";
import { endOfDay } from "./time.ts";
import { remember } from "./cache.ts";
import { defaultCode, languageFolder } from "./languages.ts";

export interface ContentError {
  file: string;
  line?: number;
  field: string;
  message: string;
  /** A placeholder `npm run new` wrote on purpose: refused by check, accepted by new itself. */
  placeholder?: true;
}

/** Why a file could not be read, in an editor's words. */
export const FILE_PROBLEMS: Record<string, string> = {
  ELOOP: "it is a symbolic link that leads back to itself",
  ENOENT: "it is missing: a broken symbolic link?",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a folder, not a file",
  ENOTDIR: "a part of its path is a file, not a folder",
  ENAMETOOLONG: "its name is too long",
  EMFILE: "too many files are open",
};

/** The path shown to editors for a file under the content folder, e.g. content/articles/foo.md. */
export function shownPath(contentDir: string, file: string): string {
  return path.relative(path.dirname(contentDir), file).split(path.sep).join("/");
}

/** How the editor wrote each of `tags` in the raw front matter list (the first spelling when repeated). */
function tagSpellings(tags: string[], raw: unknown): string[] {
  const spelled = new Map<string, string>();
  for (const tag of Array.isArray(raw) ? raw : []) {
    const shown = String(tag).normalize("NFC").trim().replace(/\s+/g, " ");
    const key = normaliseTag(shown);
    if (!spelled.has(key)) spelled.set(key, shown);
  }
  return tags.map((tag) => spelled.get(tag) ?? tag);
}

export function formatError(e: ContentError): string {
  return `${e.file}${e.line ? `:${e.line}` : ""} → ${e.field}: ${e.message}`;
}

/** A validated content file, as pages, feeds, search and the calendar see it. */
export type Item = ParsedFrontMatter & {
  /** Absolute path of the Markdown file. */
  inputPath: string;
  /** The path shown to editors, e.g. content/articles/foo.md. */
  file: string;
  section: Section;
  /** File name without .md. */
  slug: string;
  /** Site-relative URL without path prefix, or false when the file publishes no page. */
  url: string | false;
  /** Held back in production because its date is after the build date. */
  scheduled: boolean;
  /** The deadline has passed at build time. */
  closed: boolean;
  body: string;
  /** The line of the file the body starts on (1-based), so messages point at the editor's line. */
  bodyLine: number;
  /** Each tag as the editor spelled it ("Palestine"), in the order of `tags` (which are normalised). */
  tagSpellings: string[];
  /** An edition's number and sections (content/editions/ only). */
  number?: number;
  sections?: EditionFrontMatter["sections"];
  /** A group's fields (content/groups/), or a community's seeking a partner (content/groups/seeking/). */
  group?: GroupInfo;
  /** The group an article or action names with `group:`, as written (checked against content/groups/). */
  groupName?: string;
  /** The language's code ("en", "ar"): `lang:`, else the site's default. */
  lang: string;
};

/** What the groups directory reads from a group's file: a UK group, or a Palestinian community seeking a partner. */
export type GroupInfo =
  | ({ seeking: false } & GroupFrontMatter)
  | ({ seeking: true } & SeekingFrontMatter);

/** content/groups/seeking/ holds the communities asking for a partner; they are listed on /groups/seeking/. */
export function isSeekingFile(contentDir: string, filePath: string): boolean {
  const relative = path.relative(path.join(contentDir, "groups"), filePath).split(path.sep);
  return relative.length > 1 && relative[0] === "seeking";
}

export interface LoadContext {
  contentDir: string;
  settings: SiteSettings;
  now: DateTime;
}

/**
 * Why a symbolic link under content/ is refused, or null (not a link, or a broken one, which reading
 * reports): a link to a folder (it could lead back into itself) or to a file outside content/.
 */
export function linkProblem(full: string, contentDir: string): string | null {
  try {
    if (!lstatSync(full).isSymbolicLink()) return null;
    const real = realpathSync(full);
    if (statSync(real).isDirectory()) return "a symbolic link to a folder";
    const root = realpathSync(contentDir);
    return real.startsWith(root + path.sep) ? null : "a symbolic link to a file outside content/";
  } catch {
    return null;
  }
}

export interface FolderEntry {
  name: string;
  full: string;
  /** Why a symbolic link is refused (linkProblem), or null. */
  link: string | null;
  /** A folder, or a symbolic link to one; false for a broken or looping link. */
  isDirectory: boolean;
}

/**
 * A folder's entries but hidden ones (".DS_Store": never read or published), sorted by name so that
 * output never depends on disk order; [] when it cannot be read. Only symbolic links cost a stat:
 * the folder listing says what every other entry is.
 */
export function readFolder(dir: string, contentDir: string): FolderEntry[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => !entry.name.startsWith("."))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((entry) => {
      const full = path.join(dir, entry.name);
      if (!entry.isSymbolicLink())
        return { name: entry.name, full, link: null, isDirectory: entry.isDirectory() };
      const link = linkProblem(full, contentDir);
      let isDirectory = false;
      try {
        isDirectory = !link && statSync(full).isDirectory();
      } catch {
        // A broken or looping symbolic link: listed, so that reading it reports why.
      }
      return { name: entry.name, full, link, isDirectory };
    });
}

/** Every Markdown file of every section, sorted so that output never depends on disk order. */
export function findContentFiles(contentDir: string): { file: string; section: Section }[] {
  const found: { file: string; section: Section }[] = [];
  const walk = (dir: string, section: Section) => {
    // "_x.md" is read, and refused for its name; a refused symbolic link (checkContentTree) is never read.
    for (const { name, full, link, isDirectory } of readFolder(dir, contentDir)) {
      if (link) continue;
      if (isDirectory) walk(full, section);
      else if (name.endsWith(".md")) found.push({ file: full, section });
    }
  };
  for (const section of SECTIONS) walk(path.join(contentDir, section), section);
  return found;
}

/**
 * Splits `---` front matter from the body: it ends only at a line of just `---` (so a title ending in
 * "---" or an indented `---` in a block scalar is read whole). The one splitter every reader uses.
 */
export function splitFrontMatter(raw: string): {
  yaml: string | null;
  body: string;
  firstLine: number;
} {
  const text = raw.replace(/^\uFEFF/, "");
  const match = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return { yaml: null, body: text, firstLine: 1 };
  return { yaml: match[1] ?? "", body: text.slice(match[0].length), firstLine: 2 };
}

/** Parses YAML without YAML 1.1 timestamps, so a time is read in the site zone, not as UTC. */
export function parseYaml(source: string): unknown {
  return jsYaml.load(source, { schema: jsYaml.CORE_SCHEMA });
}

export { bodyImageFile, resolveImagePath } from "./site-paths.ts";

/** The line of a front-matter field in a file (read again: only called to place an error). */
export function fieldLine(filePath: string, keyPath: (string | number)[]): number | undefined {
  try {
    const { yaml, firstLine } = splitFrontMatter(readFileSync(filePath, "utf8"));
    if (yaml === null) return undefined;
    const lineCounter = new LineCounter();
    const doc = parseDocument(yaml, { schema: "core", lineCounter });
    const node = doc.getIn(keyPath, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lineCounter.linePos(node.range[0]).line + firstLine - 1 : undefined;
  } catch {
    return undefined;
  }
}

export function defaultUrl(section: Section, slug: string): string {
  return routes.item(section, slug);
}

/** An item's URL in its language's folder: "/articles/x/" in Arabic is "/ar/articles/x/" (a permalink may say /ar/ itself). */
export function inLanguage(url: string, lang: string, settings: SiteSettings): string {
  if (lang === defaultCode(settings) || url.startsWith(`/${lang}/`)) return url;
  return `/${lang}${url}`;
}

function knownKeys(schema: z.ZodObject): Set<string> {
  return new Set(Object.keys(schema.shape));
}

// Compiling the schemas takes tens of milliseconds: once per settings, not once per file the dev server reads.
const schemasBySettings = new WeakMap<SiteSettings, Schemas>();
const schemasFor = (settings: SiteSettings): Schemas =>
  remember(schemasBySettings, settings, () => makeSchemas(settings));

export function parseContentFile(
  filePath: string,
  section: Section,
  raw: string,
  ctx: LoadContext,
  schemas: Schemas = schemasFor(ctx.settings),
): { item?: Item; errors: ContentError[]; frontMatter?: Record<string, unknown> } {
  const file = shownPath(ctx.contentDir, filePath);
  const { yaml, body, firstLine } = splitFrontMatter(raw);
  if (yaml === null) {
    return {
      errors: [
        {
          file,
          line: 1,
          field: "front matter",
          message: 'expected a block starting and ending with "---", got none',
        },
      ],
    };
  }
  // js-yaml reads valid files fast; `yaml` reads them again only when there is an error to place on a line.
  let data: unknown;
  let document: ReadYaml | null = null;
  const detailed = () => (document ??= readYaml(yaml, firstLine));
  try {
    data = jsYaml.load(yaml, { schema: jsYaml.CORE_SCHEMA, filename: file }) ?? {};
  } catch {
    const { data: read, problems } = detailed();
    if (problems.length) return { errors: problems.map((p) => ({ ...p, file })) };
    data = read ?? {};
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return {
      errors: [
        {
          file,
          line: firstLine,
          field: "front matter",
          message: `expected fields (key: value), got ${shown(data)}`,
        },
      ],
    };
  }
  const lineOf = (keyPath: PropertyKey[]): number | undefined => {
    const { doc, lineCounter } = detailed();
    for (let n = keyPath.length; n > 0; n--) {
      const node = doc.getIn(keyPath.slice(0, n) as (string | number)[], true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node && typeof node === "object" && node.range)
        return lineCounter.linePos(node.range[0]).line + firstLine - 1;
    }
    return undefined;
  };

  const seeking = section === "groups" && isSeekingFile(ctx.contentDir, filePath);
  const schema: z.ZodObject = seeking ? schemas.seeking : schemas[section];
  const allowed = ctx.settings.allowUnknownKeys;
  const known = knownKeys(schema);
  const input: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (known.has(key) || allowed === false || (Array.isArray(allowed) && !allowed.includes(key)))
      input[key] = value;
    else extra[key] = value;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const errors = result.error.issues.flatMap((issue): ContentError[] => {
      if (issue.code === "unrecognized_keys") {
        const fields = fieldsAt(schema, issue.path);
        return issue.keys.map((key) => ({
          file,
          line: lineOf([...issue.path, key]),
          field: [...issue.path, key].join("."),
          message: `expected one of the fields ${fields.join(", ")}, got ${shown(key)}${didYouMean(key, fields) || " (check the spelling)"}`,
        }));
      }
      const field = issue.path.join(".");
      const written = issue.path.reduce<unknown>(
        (v, key) =>
          v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[key] : undefined,
        data,
      );
      const placeholder =
        (issue.code === "custom" && issue.params?.placeholder === true) ||
        (typeof written === "string" && written.trim() === PLACEHOLDER)
          ? { placeholder: true as const }
          : {};
      return [
        {
          file,
          line: lineOf(issue.path),
          field: field || "front matter",
          message: issue.message,
          ...placeholder,
        },
      ];
    });
    return { errors: errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  }
  const slug = path.basename(filePath, ".md");
  const bodyLine = raw
    .replace(/^\uFEFF/, "")
    .slice(0, -body.length || undefined)
    .split("\n").length;
  if (section === "groups") {
    const g = result.data as GroupFrontMatter | SeekingFrontMatter;
    const group = { seeking, ...g } as GroupInfo;
    const item: Item = {
      ...extra,
      title: g.name,
      date: g.date,
      tags: g.tags,
      tagSpellings: tagSpellings(g.tags, (data as { tags?: unknown }).tags),
      summary: g.summary,
      draft: g.draft,
      group,
      lang: defaultCode(ctx.settings),
      inputPath: path.resolve(filePath),
      file,
      section,
      slug,
      // A community seeking a partner has no page of its own: /groups/seeking/ lists it.
      url: seeking ? false : routes.item(section, slug),
      scheduled: g.date.at > ctx.now,
      closed: false,
      body,
      bodyLine,
    };
    return { item, errors: [], frontMatter: data as Record<string, unknown> };
  }
  const { group: groupName, ...fm } = result.data as ParsedFrontMatter &
    Partial<EditionFrontMatter> & { group?: string };
  const lang = fm.lang ?? defaultCode(ctx.settings);
  const url =
    fm.number !== undefined
      ? inLanguage(routes.edition(fm.number), lang, ctx.settings)
      : fm.permalink === false
        ? false
        : inLanguage(fm.permalink ?? defaultUrl(section, slug), lang, ctx.settings);
  const item: Item = {
    ...extra,
    ...fm,
    tags: fm.tags ?? [],
    tagSpellings: tagSpellings(fm.tags ?? [], (data as { tags?: unknown }).tags),
    ...(groupName !== undefined ? { groupName } : {}),
    lang,
    inputPath: path.resolve(filePath),
    file,
    section,
    slug,
    url,
    scheduled: fm.date.at > ctx.now,
    closed: fm.cta?.deadline ? endOfDay(fm.cta.deadline.at) < ctx.now : false,
    body,
    bodyLine,
  };
  return { item, errors: [], frontMatter: data as Record<string, unknown> };
}

export interface LoadResult {
  items: Item[];
  /** Every Markdown file of the sections, valid or not. */
  files: { file: string; section: Section }[];
  errors: ContentError[];
  /** Each valid file's front matter as parsed, by absolute path, so Eleventy need not read it again. */
  frontMatter: Map<string, Record<string, unknown>>;
}

/** Two URLs apart only in case or Unicode form are one address to readers (and one file on some disks). */
export const urlKey = (url: string) => url.normalize("NFC").toLowerCase();

/** Reads and validates every content file; collects every error, including two files at one URL. */
export function loadContent(ctx: LoadContext): LoadResult {
  const schemas = schemasFor(ctx.settings);
  const items: Item[] = [];
  const errors: ContentError[] = [];
  const frontMatter = new Map<string, Record<string, unknown>>();
  const files = findContentFiles(ctx.contentDir);
  for (const { file, section } of files) {
    let raw: string;
    try {
      raw = readFileSync(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (!(code in FILE_PROBLEMS)) throw error;
      errors.push({
        file: shownPath(ctx.contentDir, file),
        field: "file",
        message: `expected a Markdown file it can read, got one it cannot (${FILE_PROBLEMS[code]})`,
      });
      continue;
    }
    const result = parseContentFile(file, section, raw, ctx, schemas);
    errors.push(...result.errors);
    if (result.item) items.push(result.item);
    if (result.frontMatter) frontMatter.set(path.resolve(file), result.frontMatter);
  }
  const byUrl = new Map<string, Item>();
  for (const item of items) {
    if (item.url === false) continue;
    // Nothing may overwrite, or hide under, a page or file the site writes itself (src/lib/routes.ts),
    // and only an item in a language publishes under its folder (/ar/…).
    const folder = languageFolder(item.url, ctx.settings);
    const taken =
      folder === item.lang
        ? reservedBy(item.url.slice(folder.length + 1), item.section)
        : folder
          ? `the pages in "${folder}", for items with lang: ${folder}`
          : reservedBy(item.url, item.section);
    if (taken) {
      const own = item.permalink !== undefined;
      errors.push({
        file: item.file,
        line: own ? fieldLine(item.inputPath, ["permalink"]) : undefined,
        field: own ? "permalink" : "URL",
        message: `expected a URL of its own, got ${item.url}, where the site publishes ${taken} (${own ? "choose another permalink" : "rename the file or set permalink:"})`,
      });
      continue;
    }
    const key = urlKey(item.url);
    const other = byUrl.get(key);
    // Two editions with one number are reported by number (src/lib/editions.ts).
    if (other && other.section === "editions" && item.section === "editions") continue;
    if (other) {
      errors.push({
        file: item.file,
        field: "URL",
        message: `expected a URL of its own, got ${item.url}, which ${other.file} also publishes at (rename one file or set permalink:)`,
      });
    } else byUrl.set(key, item);
  }
  return { items, files, errors, frontMatter };
}
