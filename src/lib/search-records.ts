import type { CustomRecord } from "pagefind";
import type { Item } from "./content.ts";
import { isoDate, readableDate, type DateLocale } from "./format.ts";
import type { Language } from "./languages.ts";

/** What a reader can narrow results to; the `kind` filter of each indexed item (labels: search.kinds.*). */
export const SEARCH_KINDS = ["article", "action", "event", "edition", "group", "page"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export function searchKinds(item: Pick<Item, "section" | "event">): SearchKind[] {
  const kinds = {
    articles: "article",
    actions: "action",
    editions: "edition",
    groups: "group",
  } as const;
  const kind: SearchKind = kinds[item.section as keyof typeof kinds] ?? "page";
  return item.event ? [kind, "event"] : [kind];
}

/**
 * The name of a language's index in the bundle. In the browser, pagefind.js loads the index named as
 * the page's <html lang> in lower case ("en-gb"), else its first part ("en"), else the largest one: so
 * with several languages the names are lower case, or the English page would search the largest index.
 * A one-language site keeps its tag as written, and its bundle as it was.
 */
export function indexLanguage(language: Pick<Language, "tag">, multilingual: boolean): string {
  return multilingual ? language.tag.toLowerCase() : language.tag;
}

export interface RecordContext {
  /** The item's language's index (indexLanguage): Pagefind stems the item's words for that language. */
  language: string;
  /** How the item's language spells its date. */
  dates: DateLocale;
  /** The body, as Markdown: the indexing worker turns the whole record's content into plain text. */
  body: string;
  /** URL of the result's thumbnail, or "" for none. */
  thumb: string;
  /** The editors' spelling of a normalised tag: the topic filter lists what topic pages show. */
  tagLabel: (tag: string) => string;
  /** The group the item is (a group's page) or names with `group:`, by its file name. */
  group?: string;
}

/**
 * One item as Pagefind indexes it, built from data rather than from its HTML: the words a reader
 * searches, the filters and sort key, and what a result shows (title, date, summary, thumbnail).
 */
export function searchRecord(item: Item, ctx: RecordContext): CustomRecord {
  const filters: Record<string, string[]> = { kind: searchKinds(item) };
  if (item.category) filters.category = [item.category];
  if (item.tags.length) filters.tag = item.tags.map(ctx.tagLabel);
  if (ctx.group) filters.group = [ctx.group];
  return {
    url: item.url as string,
    content: [item.title, item.summary, ctx.body, item.event?.location, item.source?.name]
      .filter(Boolean)
      .join("\n\n"),
    language: ctx.language,
    meta: {
      title: item.title,
      date: readableDate(item.date, ctx.dates),
      datetime: isoDate(item.date),
      summary: item.summary ?? "",
      image: ctx.thumb,
      // Only a preview indexes these; the search page spells the badge in its language.
      status: item.draft ? "draft" : item.scheduled ? "scheduled" : "",
    },
    filters,
    sort: { date: item.date.at.toUTC().toISO({ suppressMilliseconds: true })! },
  };
}
