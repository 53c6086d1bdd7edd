import type { CustomRecord } from "pagefind";
import type { Item } from "./content.ts";
import { isoDate, readableDate } from "./format.ts";

/** What a reader can narrow results to; the `kind` filter of each indexed item. */
export const SEARCH_KINDS = {
  article: "Articles",
  action: "Actions",
  event: "Events",
  edition: "Digest editions",
  group: "Groups",
  page: "About pages",
} as const;
export type SearchKind = keyof typeof SEARCH_KINDS;

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

export interface RecordContext {
  /** The site's language (settings.language), which is also the <html lang> of the search page. */
  language: string;
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
      date: readableDate(item.date, ctx.language),
      datetime: isoDate(item.date),
      summary: item.summary ?? "",
      image: ctx.thumb,
      // Only a preview indexes these: its results say so, as its cards do.
      status: item.draft
        ? "Draft: not published"
        : item.scheduled
          ? `Scheduled: publishes on ${readableDate(item.date, ctx.language)}`
          : "",
    },
    filters,
    sort: { date: item.date.at.toUTC().toISO({ suppressMilliseconds: true })! },
  };
}
