import type { DateTime } from "luxon";
import { fieldLine, shownPath, type ContentError, type GroupInfo, type Item } from "./content.ts";
import { splitEvents, type EventItem } from "./events.ts";
import { routes } from "./routes.ts";
import { defaultCode } from "./languages.ts";
import { GROUP_STATUSES } from "./schema.ts";
import { settingsPath, settingsLine, type SiteSettings } from "./settings.ts";

export type GroupStatus = (typeof GROUP_STATUSES)[number];

/** A UK group or link: an item of content/groups/ outside seeking/. */
export type GroupItem = Item & { group: GroupInfo & { seeking: false } };
/** A Palestinian community asking for a partner (content/groups/seeking/). */
export type SeekingItem = Item & { group: GroupInfo & { seeking: true } };

export const isGroup = (item: Item): item is GroupItem =>
  item.section === "groups" && item.group?.seeking === false;
export const isSeeking = (item: Item): item is SeekingItem =>
  item.section === "groups" && item.group?.seeking === true;

/** One region of the directory: its groups by name. */
export interface RegionEntry {
  slug: string;
  label: string;
  groups: GroupItem[];
}

/** A filter link of the directory: one kind or status, how many groups it has, and its page. */
export interface FilterEntry {
  filter: "kind" | "status";
  value: string;
  label: string;
  count: number;
}

const byName = (language: string) => {
  const collator = new Intl.Collator(language);
  return (a: Item, b: Item) => collator.compare(a.title, b.title) || a.file.localeCompare(b.file);
};

/** The kinds' and regions' labels in one language (site.yml's groups, or a language's), and the order names sort in. */
export interface DirectoryLabels {
  /** The language group names are sorted in: the site's, as they are written in it (so numbers agree across languages). */
  language: string;
  groups: { kinds: Record<string, string>; regions: Record<string, string> };
}

/** The groups in site.yml's order of regions, each region's groups by name; regions with none are left out. */
export function directory(groups: GroupItem[], labels: DirectoryLabels): RegionEntry[] {
  const sorted = [...groups].sort(byName(labels.language));
  return Object.entries(labels.groups.regions)
    .map(([slug, label]) => ({
      slug,
      label,
      groups: sorted.filter((g) => g.group.region === slug),
    }))
    .filter((region) => region.groups.length > 0);
}

/** The kinds (in site.yml's order) and statuses that at least one group has, with their counts. */
export function filters(
  groups: GroupItem[],
  labels: DirectoryLabels,
  statusLabel: (status: GroupStatus) => string,
): FilterEntry[] {
  const count = (test: (g: GroupItem) => boolean) => groups.filter(test).length;
  const kinds = Object.entries(labels.groups.kinds).map(([value, label]) => ({
    filter: "kind" as const,
    value,
    label,
    count: count((g) => g.group.kind === value),
  }));
  const statuses = GROUP_STATUSES.map((value) => ({
    filter: "status" as const,
    value,
    label: statusLabel(value),
    count: count((g) => g.group.status === value),
  }));
  return [...kinds, ...statuses].filter((f) => f.count > 0);
}

/** The groups one filter keeps. */
export function filtered(groups: GroupItem[], entry: FilterEntry): GroupItem[] {
  return groups.filter((g) =>
    entry.filter === "kind" ? g.group.kind === entry.value : g.group.status === entry.value,
  );
}

/** The communities asking for a partner, by name. */
export function seekingList(items: Item[], language: string): SeekingItem[] {
  return items.filter(isSeeking).sort(byName(language));
}

/** The file name a `group:` value names: "bristol", "bristol.md", "groups/bristol.md" or "content/groups/bristol.md". */
export function groupSlug(name: string): string {
  return name
    .trim()
    .replace(/^(\.\.\/)*(content\/)?(groups\/)?/, "")
    .replace(/\.md$/, "");
}

/** The group an item belongs to, by file name: its own for a group's page, else the one its `group:` names. */
export function groupOf(item: Item): string | undefined {
  if (isGroup(item)) return item.slug;
  return item.groupName === undefined ? undefined : groupSlug(item.groupName);
}

/** Groups by name, as the search page's group filter lists them. */
export function groupsByName(groups: GroupItem[], language: string): GroupItem[] {
  return [...groups].sort(byName(language));
}

/** Every `group:` that names no group in content/groups/ (communities seeking a partner are not groups). */
export function checkGroupNames(items: Item[]): ContentError[] {
  const slugs = new Set(items.filter(isGroup).map((g) => g.slug));
  // A short list helps with a typo; a long one would bury the message.
  const listed =
    slugs.size > 0 && slugs.size <= 10 ? `; there are ${[...slugs].sort().join(", ")}` : "";
  return items
    .filter((item) => item.groupName !== undefined && !slugs.has(groupSlug(item.groupName)))
    .map((item) => ({
      file: item.file,
      line: fieldLine(item.inputPath, ["group"]),
      field: "group",
      message: `expected the name of a group's file in content/groups/, got ${JSON.stringify(item.groupName)} (no such group${listed})`,
    }));
}

/** The published items whose `group:` names this group. */
const namedBy = (group: GroupItem, published: Item[]) =>
  published.filter(
    (item) => item.groupName !== undefined && groupSlug(item.groupName) === group.slug,
  );

/** What a group's page lists: the events still to come that name it (soonest first), and the news (newest first). */
export function groupActivity(
  group: GroupItem,
  published: Item[],
  now: DateTime,
): { events: EventItem[]; news: Item[] } {
  const named = namedBy(group, published);
  const { upcoming } = splitEvents(named, now);
  return { events: upcoming, news: named.filter((item) => !upcoming.includes(item as EventItem)) };
}

/** A group's calendar feed: every event that names it, past and coming. */
export interface GroupCalendar {
  group: GroupItem;
  name: string;
  description: string;
  pageUrl: string;
  feedUrl: string;
  items: EventItem[];
  /** How many of its events are still to come. */
  upcoming: number;
}

/** One calendar per group that has had or will have an event, in the order given (as category feeds, none for none). */
export function groupCalendars(
  groups: GroupItem[],
  published: Item[],
  now: DateTime,
  siteTitle: string,
): GroupCalendar[] {
  return groups
    .map((group) => {
      const { upcoming, past } = splitEvents(namedBy(group, published), now);
      return {
        group,
        name: `${group.title}: events`,
        description: `Events of ${group.title}, from ${siteTitle}`,
        pageUrl: group.url as string,
        feedUrl: routes.groupIcs(group.url as string),
        items: [...past].reverse().concat(upcoming),
        upcoming: upcoming.length,
      };
    })
    .filter((c) => c.items.length > 0);
}

/**
 * While the site lists a group or a community, every other language needs a label for each kind and
 * region in site.yml (languages.<code>.groups), so no page shows a label in another language.
 */
export function checkGroupLabels(
  contentDir: string,
  settings: SiteSettings,
  items: Item[],
): ContentError[] {
  if (!items.some((item) => item.section === "groups")) return [];
  const main = defaultCode(settings);
  const file = shownPath(contentDir, settingsPath(contentDir));
  const errors: ContentError[] = [];
  for (const [code, entry] of Object.entries(settings.languages)) {
    if (code === main) continue;
    for (const [field, what] of [
      ["kinds", "kind"],
      ["regions", "region"],
    ] as const)
      for (const [slug, label] of Object.entries(settings.groups[field])) {
        if (entry.groups?.[field]?.[slug] !== undefined) continue;
        const keyPath = ["languages", code, "groups", field, slug];
        // The line of the nearest setting that is written: the list it belongs in, or the language.
        let line: number | undefined;
        for (let n = keyPath.length - 1; n > 0 && line === undefined; n--)
          line = settingsLine(contentDir, keyPath.slice(0, n));
        errors.push({
          file,
          line,
          field: keyPath.join("."),
          message: `expected the "${code}" label of the ${what} ${JSON.stringify(label)}, got nothing`,
        });
      }
  }
  return errors;
}
