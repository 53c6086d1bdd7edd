import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DateTime } from "luxon";
import { remember } from "./cache.ts";
import { readYaml, type ReadYaml } from "./yaml-problems.ts";

/** The interface strings shipped with the site, one table per language: src/i18n/<code>.yml. */
export const BUILT_IN_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "i18n",
);
/** The language every table is checked against: it has every key templates use. */
export const REFERENCE = "en";

/** A site's own strings for a language, which complete or replace the built-in ones. */
export const siteStringsPath = (contentDir: string, code: string) =>
  path.join(contentDir, "_data", "i18n", `${code}.yml`);

/** A string with one form per plural category of its language (CLDR: zero, one, two, few, many, other). */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
type Value = string | string[] | Plural;

const PLURAL_CATEGORIES = new Set(["zero", "one", "two", "few", "many", "other"]);
const isPlural = (value: unknown): value is Plural =>
  !!value &&
  typeof value === "object" &&
  !Array.isArray(value) &&
  "other" in value &&
  Object.entries(value).every(([k, v]) => PLURAL_CATEGORIES.has(k) && typeof v === "string");

/** Nested YAML maps as dotted keys ("nav: { articles: … }" → "nav.articles"); lists and plurals stay whole. */
function flatten(value: unknown, prefix: string, into: Map<string, Value>, bad: string[]): void {
  if (typeof value === "string" || isPlural(value)) into.set(prefix, value);
  else if (Array.isArray(value) && value.every((v) => typeof v === "string"))
    into.set(prefix, value);
  else if (value && typeof value === "object" && !Array.isArray(value))
    for (const [key, inner] of Object.entries(value))
      flatten(inner, prefix ? `${prefix}.${key}` : key, into, bad);
  else bad.push(prefix);
}

/** One language's strings: `text` throws on a key the table lacks, so no page shows another language silently. */
let tables = 0;

export class Strings {
  /** Tells tables apart in caches (two builds in one process may spell a language differently). */
  readonly id = ++tables;

  constructor(
    readonly code: string,
    readonly table: ReadonlyMap<string, Value>,
  ) {}

  has(key: string): boolean {
    return this.table.has(key);
  }

  #plurals: Intl.PluralRules | null = null;

  /**
   * The string at `key`, with "{name}" replaced from `params`; a string with plural forms takes the one
   * `count` calls for in this language (Arabic has six: ١ فعالية، ٢ فعاليتان، ٣ فعاليات، ١١ فعالية…).
   */
  text(key: string, params?: Record<string, unknown>, count?: number): string {
    let value = this.table.get(key);
    if (isPlural(value)) {
      if (count === undefined)
        throw new Error(`interface string "${key}" in language "${this.code}" needs a number`);
      this.#plurals ??= new Intl.PluralRules(this.code);
      value = value[this.#plurals.select(count)] ?? value.other;
    }
    if (typeof value !== "string")
      throw new Error(
        `interface string "${key}" ${value ? "is a list, not text" : "is missing"} in language "${this.code}"`,
      );
    if (!params) return value;
    return value.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  }

  /** A string's plural forms, by category (for a script that picks with Intl.PluralRules itself). */
  plural(key: string): Plural {
    const value = this.table.get(key);
    if (!isPlural(value))
      throw new Error(
        `interface string "${key}" in language "${this.code}" must have plural forms (one:, other:, …)`,
      );
    return value;
  }

  list(key: string, length: number): string[] {
    const value = this.table.get(key);
    if (!Array.isArray(value) || value.length !== length)
      throw new Error(
        `interface string "${key}" in language "${this.code}" must be a list of ${length}`,
      );
    return value;
  }
}

interface ParsedTable {
  entries: ReadonlyMap<string, Value>;
  problems: ReadYaml["problems"];
  bad: string[];
}

// Tables by their text: a process that builds more than once (the dev server, tests) parses an unchanged file once.
const parsedTables = new Map<string, ParsedTable>();

function parseTable(text: string): ParsedTable {
  const read = readYaml(text);
  const entries = new Map<string, Value>();
  const bad: string[] = [];
  flatten(read.data ?? {}, "", entries, bad);
  // Shared by every build that reads the same text: frozen, so none can change another's strings.
  for (const value of entries.values()) Object.freeze(value);
  return { entries, problems: read.problems, bad };
}

function readTable(file: string, shown: string, problems: string[]): Map<string, Value> {
  if (!existsSync(file)) return new Map();
  const text = readFileSync(file, "utf8");
  const { entries, problems: found, bad } = remember(parsedTables, text, () => parseTable(text));
  for (const p of found) problems.push(`${shown}:${p.line} → ${p.field}: ${p.message}`);
  for (const key of bad)
    problems.push(`${shown} → ${key || "(top)"}: expected text, a list of texts, or keys under it`);
  return new Map(entries);
}

/**
 * Each configured language's strings: the built-in table completed or replaced by the site's
 * `content/_data/i18n/<code>.yml`. Problems name the file, the key and what is missing; a key that
 * the reference (English) table has and a language lacks is one.
 */
export function loadStrings(
  contentDir: string,
  codes: string[],
): { strings: Map<string, Strings>; problems: string[] } {
  const problems: string[] = [];
  const tableOf = (code: string) => {
    const builtIn = readTable(
      path.join(BUILT_IN_DIR, `${code}.yml`),
      `src/i18n/${code}.yml`,
      problems,
    );
    // A part of the site may keep its strings in a file of its own: src/i18n/<code>/<part>.yml.
    const partsDir = path.join(BUILT_IN_DIR, code);
    const parts = existsSync(partsDir)
      ? readdirSync(partsDir).filter((f) => f.endsWith(".yml"))
      : [];
    for (const part of parts.sort())
      for (const [key, value] of readTable(
        path.join(partsDir, part),
        `src/i18n/${code}/${part}`,
        problems,
      ))
        builtIn.set(key, value);
    const shownSite = `content/_data/i18n/${code}.yml`;
    for (const [key, value] of readTable(siteStringsPath(contentDir, code), shownSite, problems))
      builtIn.set(key, value);
    return builtIn;
  };
  const reference = tableOf(REFERENCE);
  const strings = new Map<string, Strings>();
  for (const code of codes) {
    const table = code === REFERENCE ? reference : tableOf(code);
    const missing = [...reference.keys()].filter((key) => !table.has(key));
    if (missing.length === reference.size)
      problems.push(
        `content/_data/i18n/${code}.yml: expected the interface strings of language "${code}" (${reference.size} of them; copy src/i18n/${REFERENCE}.yml and translate it), got none`,
      );
    else
      for (const key of missing)
        problems.push(
          `content/_data/i18n/${code}.yml → ${key}: expected the "${code}" text for ${JSON.stringify(reference.get(key))}, got nothing`,
        );
    strings.set(code, new Strings(code, table));
  }
  return { strings, problems };
}

const TOKENS = /d{1,2}|M{1,4}|L{3,4}|y{4}|c{3,4}|E{3,4}|H{1,2}|h{1,2}|m{2}|a|'[^']*'/g;

/**
 * `at` spelled with luxon's format tokens, in a language's own names of months and days and its own
 * digits, from its table (`dates.months`, `dates.weekdays` from Monday, `dates.am`/`dates.pm`): the
 * same text on every machine, whatever its ICU data.
 */
export function formatWithTable(at: DateTime, format: string, strings: Strings): string {
  const months = strings.list("dates.months", 12);
  const weekdays = strings.list("dates.weekdays", 7);
  const pad = (n: number) => String(n).padStart(2, "0");
  return format.replace(TOKENS, (token) => {
    if (token.startsWith("'")) return token.slice(1, -1);
    switch (token) {
      case "d":
        return String(at.day);
      case "dd":
        return pad(at.day);
      case "M":
        return String(at.month);
      case "MM":
        return pad(at.month);
      case "yyyy":
        return String(at.year);
      case "HH":
        return pad(at.hour);
      case "H":
        return String(at.hour);
      case "hh":
        return pad(at.hour % 12 || 12);
      case "h":
        return String(at.hour % 12 || 12);
      case "mm":
        return pad(at.minute);
      case "a":
        return strings.text(at.hour < 12 ? "dates.am" : "dates.pm");
      default:
        // MMM(M), LLL(L): the month's name; ccc(c), EEE(E): the weekday's.
        return token[0] === "M" || token[0] === "L"
          ? months[at.month - 1]!
          : weekdays[at.weekday - 1]!;
    }
  });
}
