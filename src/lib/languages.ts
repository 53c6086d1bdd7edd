import { routesUnder, type Routes } from "./routes.ts";
import type { SiteSettings } from "./settings.ts";
import type { Strings } from "./strings.ts";
import { remember } from "./cache.ts";

/** One language the site publishes in: its pages, strings and conventions. */
export interface Language {
  /** The short code of site.yml and of `lang:` in front matter ("en", "ar"). */
  code: string;
  /** The BCP 47 tag written into lang="" and feeds ("en-GB", "ar"). */
  tag: string;
  /** Its name in its own script, for the language switcher. */
  name: string;
  dir: "ltr" | "rtl";
  /** Which digits numbers are written in: written by this code, never by ICU, so output is stable. */
  digits: "latn" | "arab";
  isDefault: boolean;
  /** "" for the default language, else "/ar": the folder its pages live under. */
  prefix: string;
  routes: Routes;
  /** The site's title and description in this language. */
  title: string;
  description: string;
  strings: Strings;
  /** Each category's label and short label in this language, by slug. */
  categories: Record<string, string>;
  categoryShort: Record<string, string>;
  /** The groups directory's kinds and regions in this language: label by slug, in site.yml's order. */
  groups: { kinds: Record<string, string>; regions: Record<string, string> };
}

export interface Languages {
  default: Language;
  /** The default first, then the others in site.yml's order. */
  list: Language[];
  get(code: string): Language | undefined;
  /** More than one language: pages carry alternates and a language switcher. */
  multilingual: boolean;
}

/** Languages written right to left, for a site.yml entry that does not say. */
const RIGHT_TO_LEFT = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"]);

/** A language's labels of the site's kinds and regions, in site.yml's order (settings checked them complete). */
const inOrder = (
  site: SiteSettings["groups"],
  local: { kinds?: Record<string, string>; regions?: Record<string, string> } | undefined,
) => ({
  kinds: Object.fromEntries(
    Object.keys(site.kinds).map((k) => [k, local?.kinds?.[k] ?? site.kinds[k]!]),
  ),
  regions: Object.fromEntries(
    Object.keys(site.regions).map((r) => [r, local?.regions?.[r] ?? site.regions[r]!]),
  ),
});

/** The code of the default language: the first part of site.yml's `language` ("en-GB" → "en"). */
export const defaultCode = (settings: Pick<SiteSettings, "language">) =>
  settings.language.split("-")[0]!.toLowerCase();

/** Every language code of site.yml, the default's first. */
export const siteLanguageCodes = (settings: Pick<SiteSettings, "language" | "languages">) => [
  ...new Set([defaultCode(settings), ...Object.keys(settings.languages)]),
];

/** The folder of another language `url` is under ("/ar/…" → "ar"), if any of site.yml's. */
export function languageFolder(
  url: string,
  settings: Pick<SiteSettings, "language" | "languages">,
): string | undefined {
  const first = /^\/([a-z]{2,3})\//.exec(url)?.[1];
  return first && first !== defaultCode(settings) && Object.hasOwn(settings.languages, first)
    ? first
    : undefined;
}

/** A template name for a language's copy of a generated page: the default's keeps the name it always had. */
export const templateName = (language: Language, base: string) =>
  language.isDefault ? base : `${language.code}/${base}`;

/** The site's languages from its settings and each language's strings (already checked complete). */
export function makeLanguages(
  settings: SiteSettings,
  strings: (code: string) => Strings,
): Languages {
  const main = defaultCode(settings);
  const entries = Object.entries(settings.languages);
  if (!entries.some(([code]) => code === main))
    entries.unshift([main, { name: "", digits: "latn" }]);
  entries.sort(([a], [b]) => Number(b === main) - Number(a === main));
  const list = entries.map(([code, entry]): Language => {
    const isDefault = code === main;
    const table = strings(code);
    const prefix = isDefault ? "" : `/${code}`;
    return {
      code,
      tag: isDefault ? settings.language : (entry.tag ?? code),
      name: entry.name || table.text("language.name"),
      dir: entry.dir ?? (RIGHT_TO_LEFT.has(code) ? "rtl" : "ltr"),
      digits: entry.digits,
      isDefault,
      prefix,
      routes: routesUnder(prefix),
      title: entry.title ?? settings.title,
      description: entry.description ?? settings.description,
      strings: table,
      groups: isDefault ? settings.groups : inOrder(settings.groups, entry.groups),
      ...(isDefault || !entry.categories
        ? { categories: settings.categories, categoryShort: settings.categoryShort }
        : {
            categories: Object.fromEntries(
              Object.entries(entry.categories).map(([slug, c]) => [
                slug,
                typeof c === "string" ? c : c.label,
              ]),
            ),
            categoryShort: Object.fromEntries(
              Object.entries(entry.categories).map(([slug, c]) => [
                slug,
                typeof c === "string" ? c : c.short,
              ]),
            ),
          }),
    };
  });
  const byCode = new Map(list.map((l) => [l.code, l]));
  return {
    default: list[0]!,
    list,
    get: (code) => byCode.get(code),
    multilingual: list.length > 1,
  };
}

const ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩";

/** `text` with its Western digits written in the language's digits. */
export function localDigits(text: string, digits: Language["digits"]): string {
  return digits === "arab" ? text.replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)]!) : text;
}

// Filters ask for the language of their page on every call: each URL's answer is worked out once.
const byUrl = new WeakMap<Languages, Map<string, Language>>();

/** The language a site URL is in: the one whose folder it is under ("/ar/…"), else the default. */
export function languageOfUrl(languages: Languages, url: string): Language {
  const known = remember(byUrl, languages, () => new Map<string, Language>());
  return remember(known, url, () => {
    const folder = /^\/([a-z]{2,3})(?:\/|$)/.exec(url)?.[1];
    const language = folder ? languages.get(folder) : undefined;
    return language && !language.isDefault ? language : languages.default;
  });
}

/** What a Nunjucks filter's `this` holds: the page being rendered, and its whole context. */
export type FilterThis = {
  page?: { url?: string | false };
  ctx?: { page?: { url?: string | false } };
};

/** The language of the page a filter runs for (a macro imported with context sees the page that called it). */
export const pageLanguageOf = (languages: Languages, self: FilterThis): Language =>
  languageOfUrl(languages, self.ctx?.page?.url || self.page?.url || "/");
