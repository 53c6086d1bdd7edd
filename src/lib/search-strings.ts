import type { Language } from "./languages.ts";

/** Every word search.js writes (results counts, filters named in the status, badges), in one language. */
export interface SearchStrings {
  digits: Language["digits"];
  /** "{n} results" by plural category; search.js picks with Intl.PluralRules of the page's lang. */
  count: Record<string, string>;
  query: string;
  scope: string;
  shown: string;
  found: string;
  none: string;
  noneFiltered: string;
  in: string;
  from: string;
  on: string;
  separator: string;
  failed: string;
  title: string;
  option: string;
  draft: string;
  scheduled: string;
}

/** The strings the search page hands search.js (as data-strings), from the language's table. */
export function searchStrings(language: Language): SearchStrings {
  const s = language.strings;
  const text = (key: string) => s.text(`search.${key}`);
  return {
    digits: language.digits,
    // Every form the table gives ("other" always): search.js picks one with Intl.PluralRules.
    count: { ...s.plural("search.count") },
    query: text("status.query"),
    scope: text("status.scope"),
    shown: text("status.shown"),
    found: text("status.found"),
    none: text("status.none"),
    noneFiltered: text("status.noneFiltered"),
    in: text("scope.in"),
    from: text("scope.from"),
    on: text("scope.on"),
    separator: text("scope.separator"),
    failed: text("status.failed"),
    title: text("pageTitle"),
    option: text("option"),
    // The same words as the cards' badges.
    draft: s.text("item.draft"),
    scheduled: s.text("item.scheduled"),
  };
}
