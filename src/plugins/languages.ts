import type UserConfig from "@11ty/eleventy/UserConfig";
import nunjucks from "nunjucks";
import { remember } from "../lib/cache.ts";
import { addDirectFilter } from "../lib/direct-filters.ts";
import type { Item } from "../lib/content.ts";
import {
  languageOfUrl,
  localDigits,
  pageLanguageOf,
  type FilterThis,
  type Language,
  type Languages,
} from "../lib/languages.ts";
import type { ContentStore } from "../lib/store.ts";

export interface LanguagesOptions {
  store: ContentStore;
}

const { SafeString, markSafe } = nunjucks.runtime;
const escapeHtml = nunjucks.lib.escape;

/** One version of a page in another language, for hreflang links and the language switcher. */
export interface Version {
  language: Language;
  url: string;
  /** False when the page has no version in that language: the switcher goes to that language's home. */
  exact: boolean;
  current: boolean;
}

/**
 * The site's languages in templates: `t` (interface strings in the page's language), `pageLanguage`
 * and `versions` (the same page in each language). A page's language is its URL's: /ar/… is Arabic.
 */
export default function languages(eleventyConfig: UserConfig, options: LanguagesOptions) {
  const { store } = options ?? {};
  if (!store) throw new Error("languages plugin: the `store` option is required");
  const langs: Languages = store.ctx.languages;
  const languageOf = (self: FilterThis) => pageLanguageOf(langs, self);
  const plain = new Map<Language, Map<string, ReturnType<typeof markSafe>>>();
  eleventyConfig.on("eleventy.before", () => plain.clear());

  eleventyConfig.addGlobalData("languages", langs);
  // Names, places and tags written in one script and shown among words of another keep their own
  // direction (https://www.w3.org/International/articles/inline-bidi-markup/); one language needs none.
  addDirectFilter(eleventyConfig, "bidi", (text: unknown) =>
    langs.multilingual && text !== undefined && text !== null && text !== ""
      ? markSafe(
          `<bdi>${text instanceof SafeString ? String(text) : escapeHtml(String(text))}</bdi>`,
        )
      : text,
  );
  // An item listed on a page of another language (a group's page lists every language's): its words marked as its own.
  addDirectFilter(eleventyConfig, "langAttrs", function (this: FilterThis, item: Item | undefined) {
    const own = item?.lang ? langs.get(item.lang) : undefined;
    if (!own || own === languageOf(this)) return "";
    return markSafe(` lang="${own.tag}" dir="${own.dir}"`);
  });
  addDirectFilter(eleventyConfig, "pageLanguage", (url: string | false) =>
    languageOfUrl(langs, url || "/"),
  );
  addDirectFilter(
    eleventyConfig,
    "t",
    function (this: FilterThis, key: string, params?: Record<string, unknown>) {
      const language = languageOf(this);
      // The tables are trusted like the layouts (a string is written as it is, as the layouts' text was);
      // what a page puts into one is escaped unless marked safe.
      if (!params) {
        // Most strings have no values: each is made once per language, not once per page.
        const strings = remember(plain, language, () => new Map());
        return remember(strings, key, () => markSafe(language.strings.text(key)));
      }
      const local = Object.fromEntries(
        Object.entries(params).map(([name, value]) => [
          name,
          value instanceof SafeString
            ? String(value)
            : escapeHtml(
                typeof value === "number"
                  ? localDigits(String(value), language.digits)
                  : String(value),
              ),
        ]),
      );
      const count = typeof params.n === "number" ? params.n : undefined;
      return markSafe(language.strings.text(key, local, count));
    },
  );
  /** A number in the page's digits. */
  addDirectFilter(eleventyConfig, "digits", function (this: FilterThis, value: number | string) {
    return localDigits(String(value), languageOf(this).digits);
  });

  // The URLs every page of this build is written at, so a version is only linked when it exists.
  let built: { all: unknown; urls: Set<string> } | null = null;
  const builtUrls = (all: { url: string | false }[]) => {
    if (built?.all !== all)
      built = { all, urls: new Set(all.map((entry) => entry.url).filter((u) => u !== false)) };
    return built.urls;
  };
  addDirectFilter(
    eleventyConfig,
    "versions",
    function (this: FilterThis, item: Item | undefined, all: { url: string | false }[]): Version[] {
      if (!langs.multilingual) return [];
      const url = this.ctx?.page?.url || this.page?.url || "/";
      const here = languageOfUrl(langs, url);
      const translated = item ? store.translations(item) : [];
      const path = url.slice(here.prefix.length);
      return langs.list.map((language) => {
        if (language === here) return { language, url, exact: true, current: true };
        if (item) {
          const other = translated.find((t) => t.lang === language.code);
          return other
            ? { language, url: other.url as string, exact: true, current: false }
            : {
                language,
                // A group has one page: another language's reader goes to that language's directory.
                url: item.section === "groups" ? language.routes.groups : language.routes.home,
                exact: false,
                current: false,
              };
        }
        const counterpart = language.prefix + path;
        const exact = builtUrls(all ?? []).has(counterpart);
        return {
          language,
          url: exact ? counterpart : language.routes.home,
          exact,
          current: false,
        };
      });
    },
  );
}
