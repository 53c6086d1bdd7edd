import path from "node:path";
import type { DateTime } from "luxon";
import { fieldLine, type ContentError, type Item } from "./content.ts";
import { bySoonest, eventSpan, isEvent, isUpcoming, type EventItem } from "./events.ts";
import type { FeedSpec } from "./feeds.ts";
import type { Language } from "./languages.ts";
import type { EditionEntry } from "./schema.ts";
import { endOfDay, startOfDay } from "./time.ts";

/** How many days after an edition's date its "Coming up" list reaches. */
export const EVENT_WINDOW_DAYS = 21;

export interface EditionLookup {
  contentDir: string;
  /** The site's address (settings.url), so a full URL of the site resolves like its path. */
  siteUrl: string;
  items: readonly Item[];
}

/** Finds what an edition entry names: a content path (from the repository, content/ or the edition), or a URL of the site. */
export class EditionResolver {
  #byPath = new Map<string, Item>();
  #byUrl = new Map<string, Item>();

  constructor(readonly lookup: EditionLookup) {
    for (const item of lookup.items) {
      this.#byPath.set(item.inputPath, item);
      if (item.url !== false) this.#byUrl.set(item.url, item);
    }
  }

  resolve(reference: string, edition: Pick<Item, "inputPath">): Item | undefined {
    const ref = reference.trim();
    const site = this.lookup.siteUrl.replace(/\/+$/, "");
    if (ref.startsWith(`${site}/`)) return this.#byUrl.get(withSlash(ref.slice(site.length)));
    if (ref.startsWith("/")) return this.#byUrl.get(withSlash(ref));
    const { contentDir } = this.lookup;
    const candidates = ref.startsWith(".")
      ? [path.resolve(path.dirname(edition.inputPath), ref)]
      : [
          path.resolve(path.dirname(contentDir), ref),
          path.resolve(contentDir, ref),
          // "content/…" names the content folder whatever it is called (CONTENT_DIR).
          path.resolve(contentDir, ref.replace(/^content\//, "")),
        ];
    for (const file of candidates) {
      const item = this.#byPath.get(file) ?? this.#byPath.get(`${file}.md`);
      if (item) return item;
    }
    return undefined;
  }
}

const withSlash = (url: string) => {
  const bare = url.split(/[?#]/)[0]!;
  return bare.endsWith("/") || /\.[a-z0-9]+$/i.test(bare) ? bare : `${bare}/`;
};

export const entryReference = (entry: EditionEntry) =>
  typeof entry === "string" ? entry : entry.item;
export const entryNote = (entry: EditionEntry) =>
  typeof entry === "string" ? undefined : entry.note;

export interface EditionCheckOptions extends EditionLookup {
  /** Previews show drafts and scheduled items, so an edition may name them there. */
  isVisible: (item: Item) => boolean;
}

/** Every edition's references, numbers and dates, as content errors (empty when all is well). */
export function checkEditions(options: EditionCheckOptions): ContentError[] {
  const editions = options.items.filter((i) => i.section === "editions");
  if (editions.length === 0) return [];
  const resolver = new EditionResolver(options);
  const errors: ContentError[] = [];
  // The file is read again for a line number only when there is an error to place.
  const fail = (edition: Item, keyPath: (string | number)[], message: string) =>
    errors.push({
      file: edition.file,
      line: fieldLine(edition.inputPath, keyPath),
      field: keyPath.join("."),
      message,
    });

  for (const edition of editions) {
    const seen = new Map<Item, string>();
    edition.sections!.forEach((section, s) => {
      section.items.forEach((entry, i) => {
        const field = ["sections", s, "items", i];
        const ref = entryReference(entry);
        const target = resolver.resolve(ref, edition);
        if (!target) {
          fail(
            edition,
            field,
            `expected the path or URL of an article or action, got ${JSON.stringify(ref)} (no such file or page)`,
          );
          return;
        }
        if (target.section !== "articles" && target.section !== "actions") {
          fail(
            edition,
            field,
            `expected an article or action, got ${JSON.stringify(ref)}, which is ${target.section === "pages" ? "a standing page" : "an edition"} (${target.file})`,
          );
          return;
        }
        if (target.lang !== edition.lang) {
          fail(
            edition,
            field,
            `expected an item in the edition's language (${edition.lang}), got ${JSON.stringify(ref)}, which is in ${target.lang} (${target.file}): name its translation or take it out`,
          );
          return;
        }
        if (options.isVisible(edition) && !options.isVisible(target)) {
          const why = target.draft ? "a draft" : `scheduled for ${target.date.at.toISODate()}`;
          fail(
            edition,
            field,
            `expected a published item, got ${JSON.stringify(ref)}, which is ${why} (${target.file}); publish it first or take it out`,
          );
          return;
        }
        const first = seen.get(target);
        if (first) {
          fail(
            edition,
            field,
            `expected each item once per edition, got ${JSON.stringify(ref)} again (already in ${first})`,
          );
          return;
        }
        seen.set(target, field.join("."));
      });
    });
  }

  // Each language numbers its editions from 1.
  const byNumber = [...editions].sort(
    (a, b) => a.lang.localeCompare(b.lang) || a.number! - b.number! || a.file.localeCompare(b.file),
  );
  for (let i = 1; i < byNumber.length; i++) {
    const before = byNumber[i - 1]!;
    const edition = byNumber[i]!;
    if (edition.lang !== before.lang) continue;
    if (edition.number === before.number) {
      fail(
        edition,
        ["number"],
        `expected a number no other edition has, got ${edition.number}, which ${before.file} has too`,
      );
    } else if (edition.date.at < before.date.at) {
      fail(
        edition,
        ["date"],
        `expected a date on or after ${before.date.at.toISODate()} (edition ${before.number}, ${before.file}), got ${edition.date.at.toISODate()}: numbers go up with dates`,
      );
    }
  }
  return errors;
}

export interface EditionEntryView {
  item: Item;
  note?: string;
}

export interface EditionView {
  edition: Item;
  sections: { heading: string; intro?: string; entries: EditionEntryView[] }[];
  /** Actions open at the edition's date that neither its sections nor its events list. */
  openActions: Item[];
  /** Events in the weeks after the edition's date that its sections do not already list. */
  events: EventItem[];
  previous?: Item;
  next?: Item;
}

export interface EditionViewOptions extends EditionLookup {
  /** The published items of this build, newest first. */
  published: readonly Item[];
  /** How many open actions and events an edition lists at most. */
  limit?: number;
}

/** Each published edition as its page and email show it, newest first, one language after another. */
export function editionViews(options: EditionViewOptions): EditionView[] {
  const { published } = options;
  const resolver = new EditionResolver(options);
  const visible = new Set(published);
  const byLanguage = new Map<string, Item[]>();
  for (const item of published) {
    const list = byLanguage.get(item.lang) ?? [];
    byLanguage.set(item.lang, list);
    list.push(item);
  }
  return [...byLanguage.values()].flatMap((inLanguage) =>
    languageViews(inLanguage, resolver, visible, options.limit),
  );
}

/** The editions of one language, with the actions and events of that language. */
function languageViews(
  published: readonly Item[],
  resolver: EditionResolver,
  visible: ReadonlySet<Item>,
  limit = 6,
): EditionView[] {
  const editions = published
    .filter((i) => i.section === "editions")
    .sort((a, b) => b.number! - a.number!);
  // Worked out once for every edition: on a large archive each edition would otherwise walk every item again.
  const actions = published.filter((i) => i.section === "actions");
  const allEvents = sortedEvents(published);
  return editions.map((edition, index) => {
    const sections = edition.sections!.map((section) => ({
      heading: section.heading,
      intro: section.intro,
      entries: section.items.flatMap((entry): EditionEntryView[] => {
        const item = resolver.resolve(entryReference(entry), edition);
        // A draft item in a draft edition is left out of a production build with its edition.
        return item && visible.has(item) ? [{ item, note: entryNote(entry) }] : [];
      }),
    }));
    const listed = new Set(sections.flatMap((s) => s.entries.map((e) => e.item)));
    const at = edition.date.at;
    const events = within(allEvents, at)
      .filter((e) => !listed.has(e))
      .slice(0, limit);
    // An action that is also an event shows once, under "Coming up", with its call to action.
    for (const event of events) listed.add(event);
    return {
      edition,
      sections,
      openActions: actions.filter((i) => !listed.has(i) && openAt(i, at)).slice(0, limit),
      events,
      previous: editions[index + 1],
      next: editions[index - 1],
    };
  });
}

/** An action is open on a day when it was out by then and its deadline (if any) had not passed. */
export function openAt(action: Item, at: DateTime): boolean {
  const when = at.toMillis();
  return (
    action.date.at.toMillis() <= when &&
    (!action.cta?.deadline || endOfDay(action.cta.deadline.at).toMillis() >= when)
  );
}

/** The events among `items`, soonest first. */
function sortedEvents(items: readonly Item[]): EventItem[] {
  return items.filter(isEvent).sort(bySoonest);
}

/** Events still on at `from` and starting within EVENT_WINDOW_DAYS of it, soonest first. */
export function eventsAfter(items: readonly Item[], from: DateTime): EventItem[] {
  return within(sortedEvents(items), from);
}

function within(events: readonly EventItem[], from: DateTime): EventItem[] {
  const until = startOfDay(from).plus({ days: EVENT_WINDOW_DAYS });
  return events.filter((e) => isUpcoming(e, from) && eventSpan(e).start < until);
}

/** One language's editions as Atom and JSON feeds, whole content, so a mailing tool can send each new edition. */
export function editionsFeed(
  views: readonly EditionView[],
  contentHtml: (view: EditionView) => string,
  settings: { feedSize: number },
  language: Language,
): FeedSpec {
  const byEdition = new Map(views.map((view) => [view.edition, view]));
  const at = language.routes;
  return {
    title: language.strings.text("digest.feedTitle", { title: language.title }),
    pageUrl: at.digest,
    feedUrl: at.digestFeedAtom,
    jsonUrl: at.digestFeedJson,
    items: views.slice(0, settings.feedSize).map((view) => view.edition),
    fullContent: true,
    contentHtml: (item) => contentHtml(byEdition.get(item)!),
    ...(language.isDefault ? {} : { language }),
  };
}
