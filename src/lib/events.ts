import { Info, type DateTime } from "luxon";
import type { Item } from "./content.ts";
import { remember } from "./cache.ts";
import { formatDay, isoDate, localeKey, spell, type DateLocale } from "./format.ts";
import { routes } from "./routes.ts";
import { startOfDay } from "./time.ts";

type EventFields = NonNullable<Item["event"]>;

/** An item that is in the calendar: it has `event:` front matter and a page of its own. */
export type EventItem = Item & { event: EventFields; url: string };

export function isEvent(item: Item): item is EventItem {
  return item.event !== undefined && item.url !== false;
}

/** Where an item's event is, as instants: `end` is exclusive (the day after for all-day events). */
export interface EventSpan {
  allDay: boolean;
  start: DateTime;
  /** Exclusive end; equal to `start` for a timed event without an end. */
  end: DateTime;
  /** The end as written, if there is one. */
  hasEnd: boolean;
}

// Sorting calls this thousands of times on a big site; luxon's date arithmetic is not cheap.
const spans = new WeakMap<EventItem["event"], EventSpan>();

export function eventSpan(item: EventItem): EventSpan {
  const cached = spans.get(item.event);
  if (cached) return cached;
  const { start, end } = item.event;
  const span: EventSpan = start.dateOnly
    ? {
        allDay: true,
        start: startOfDay(start.at),
        end: startOfDay(startOfDay((end ?? start).at).plus({ days: 1 })),
        hasEnd: !!end,
      }
    : { allDay: false, start: start.at, end: end?.at ?? start.at, hasEnd: !!end };
  spans.set(item.event, span);
  return span;
}

/** Every calendar day (site zone, start of day) the event covers, first to last. */
export function daysCovered(item: EventItem): DateTime[] {
  const { start, end } = eventSpan(item);
  const first = startOfDay(start);
  // A timed event ending exactly at midnight does not reach into the next day.
  const last = end > start ? startOfDay(end.minus({ milliseconds: 1 })) : first;
  const days: DateTime[] = [];
  for (let day = first; day <= last; day = startOfDay(day.plus({ days: 1 }))) days.push(day);
  return days;
}

/** Soonest start first; ties by file, so output never depends on disk order. */
export const bySoonest = (a: EventItem, b: EventItem) =>
  eventSpan(a).start.toMillis() - eventSpan(b).start.toMillis() || a.file.localeCompare(b.file);

/** Events still happening on or after the start of the build day (site zone) are upcoming. */
export function isUpcoming(item: EventItem, now: DateTime): boolean {
  const { end, allDay } = eventSpan(item);
  const today = startOfDay(now);
  return allDay ? end > today : end >= today;
}

export interface EventSplit {
  /** Soonest first. */
  upcoming: EventItem[];
  /** Newest first. */
  past: EventItem[];
}

export function splitEvents(items: readonly Item[], now: DateTime): EventSplit {
  const events = items.filter(isEvent).sort(bySoonest);
  return {
    upcoming: events.filter((e) => isUpcoming(e, now)),
    past: events.filter((e) => !isUpcoming(e, now)).reverse(),
  };
}

export interface MonthKey {
  year: number;
  month: number;
  /** "2021-04" */
  key: string;
  /** "/events/2021/04/" */
  url: string;
  /** "April 2021" */
  label: string;
}

export function monthKey(day: DateTime, locale: DateLocale = "en-GB"): MonthKey {
  const mm = String(day.month).padStart(2, "0");
  return {
    year: day.year,
    month: day.month,
    key: `${day.year}-${mm}`,
    url: (typeof locale === "string" ? routes : locale.routes).month(day.year, day.month),
    label: spell(day, "MMMM yyyy", locale),
  };
}

export interface MonthGroup extends MonthKey {
  items: EventItem[];
}

/** Events grouped by the month they start in, keeping the order given. */
export function groupByMonth(
  events: readonly EventItem[],
  locale: DateLocale = "en-GB",
): MonthGroup[] {
  const groups = new Map<string, MonthGroup>();
  for (const event of events) {
    const month = monthKey(eventSpan(event).start, locale);
    const group = groups.get(month.key);
    if (group) group.items.push(event);
    else groups.set(month.key, { ...month, items: [event] });
  }
  return [...groups.values()];
}

export interface CalendarDay {
  /** "2021-04-20" */
  iso: string;
  day: number;
  /** "Tuesday 20 April" */
  label: string;
  /** Every event on this day; a multi-day one says which of its days this is. */
  events: DayEvent[];
}

export interface DayEvent {
  item: EventItem;
  /** 1 for the first day the event covers. */
  dayNumber: number;
  dayCount: number;
}

export interface MonthPage extends MonthKey {
  /** Weeks Monday to Sunday; null for the days of the neighbouring months. */
  weeks: (CalendarDay | null)[][];
  /** Only the days with events, in order: the agenda a phone reads. */
  days: CalendarDay[];
  previous: MonthKey | null;
  next: MonthKey | null;
}

/**
 * One page for every month any event covers, oldest first; a multi-day event is listed on
 * every day it covers, so it also appears on each month it reaches into.
 */
export function monthPages(items: readonly Item[], locale: DateLocale = "en-GB"): MonthPage[] {
  const byDay = new Map<string, { day: DateTime; events: DayEvent[] }>();
  for (const item of items.filter(isEvent).sort(bySoonest)) {
    const covered = daysCovered(item);
    covered.forEach((day, index) => {
      const iso = day.toISODate()!;
      const event = { item, dayNumber: index + 1, dayCount: covered.length };
      const entry = byDay.get(iso);
      if (entry) entry.events.push(event);
      else byDay.set(iso, { day, events: [event] });
    });
  }
  const months = new Map<string, { first: DateTime; days: Map<number, DayEvent[]> }>();
  for (const { day, events } of [...byDay.values()].sort(
    (a, b) => a.day.toMillis() - b.day.toMillis(),
  )) {
    const key = monthKey(day).key;
    const month = months.get(key) ?? { first: day.startOf("month"), days: new Map() };
    month.days.set(day.day, events);
    months.set(key, month);
  }
  const keys = [...months.values()].map((m) => monthKey(m.first, locale));
  return [...months.values()].map(({ first, days }, index): MonthPage => {
    const weeks: (CalendarDay | null)[][] = [];
    let week: (CalendarDay | null)[] = Array.from({ length: first.weekday - 1 }, () => null);
    for (let d = first; d.month === first.month; d = startOfDay(d.plus({ days: 1 }))) {
      week.push({
        iso: d.toISODate()!,
        day: d.day,
        label: spell(d, "cccc d MMMM", locale),
        events: days.get(d.day) ?? [],
      });
      if (week.length === 7) {
        weeks.push(week);
        week = [];
      }
    }
    if (week.length) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
    return {
      ...keys[index]!,
      weeks,
      days: weeks.flat().filter((d): d is CalendarDay => d !== null && d.events.length > 0),
      previous: keys[index - 1] ?? null,
      next: keys[index + 1] ?? null,
    };
  });
}

/** Monday to Sunday, short and long names, for the month grid's column headings. */
export function weekdayNames(locale: DateLocale = "en-GB"): { short: string; long: string }[] {
  if (typeof locale !== "string" && locale.strings.code !== "en") {
    // A language's own names (its table has no short forms: the grid shows each day's first letters).
    const long = locale.strings.list("dates.weekdays", 7);
    const short = locale.strings.list("dates.weekdaysShort", 7);
    return long.map((name, i) => ({ short: short[i]!, long: name }));
  }
  const tag = typeof locale === "string" ? locale : locale.tag;
  const short = Info.weekdays("short", { locale: tag });
  return Info.weekdays("long", { locale: tag }).map((long, i) => ({ short: short[i]!, long }));
}

export interface LocalMoment {
  /** For <time datetime>: a date for all-day events, a date-time with offset otherwise. */
  iso: string;
  /** "Tuesday 20 April 2021" */
  date: string;
  /** "20:00", or null for all-day events. */
  time: string | null;
  /** The zone's abbreviation at that moment ("BST", "GMT"), or null for all-day events. */
  zone: string | null;
  /** Its full name ("British Summer Time"), for <abbr title>. */
  zoneName: string | null;
}

export interface EventWhen {
  allDay: boolean;
  start: LocalMoment;
  /** The last day (all-day) or the end time, when the event has one. */
  end: LocalMoment | null;
  /** Start and end fall on the same calendar day. */
  sameDay: boolean;
  /** The end is in a different zone abbreviation (the clocks changed during the event). */
  zoneChanges: boolean;
  online: boolean;
  location: string;
  joinUrl: string | null;
}

export const isOnline = (location: string) => location.trim().toLowerCase() === "online";

/** When and where, in words, in the site's zone: what every page and card shows. */
export function describeEvent(item: EventItem, locale: DateLocale = "en-GB"): EventWhen {
  // Every card of an event asks again; formatting with Intl is the slow part.
  const byLocale = described.get(item.event) ?? new Map<string, EventWhen>();
  described.set(item.event, byLocale);
  const key = localeKey(locale);
  const cached = byLocale.get(key);
  if (cached) return cached;
  const when = describeUncached(item, locale);
  byLocale.set(key, when);
  return when;
}

const described = new WeakMap<EventItem["event"], Map<string, EventWhen>>();

// A zone's names ("BST", "British Summer Time") come from Intl; they depend only on the offset in force.
const names = new Map<string, { short: string | null; long: string | null }>();
function zoneNames(at: DateTime, given: DateLocale) {
  // Other languages name the zone as English does ("BST"): ICU's names for it differ between versions.
  const locale =
    typeof given === "string" ? given : given.strings.code === "en" ? given.tag : "en-GB";
  return remember(names, `${at.zoneName}|${locale}|${at.offset}`, () => {
    const local = at.setLocale(locale);
    return { short: local.offsetNameShort, long: local.offsetNameLong };
  });
}

function describeUncached(item: EventItem, locale: DateLocale): EventWhen {
  const { start, end } = item.event;
  const allDay = start.dateOnly;
  const moment = (at: DateTime): LocalMoment => {
    const iso = isoDate({ at, dateOnly: allDay });
    const date = formatDay(at, "cccc d MMMM yyyy", locale);
    if (allDay) return { iso, date, time: null, zone: null, zoneName: null };
    const { short, long } = zoneNames(at, locale);
    return { iso, date, time: spell(at, "HH:mm", locale), zone: short, zoneName: long };
  };
  const startMoment = moment(start.at);
  const endMoment = end ? moment(end.at) : null;
  return {
    allDay,
    start: startMoment,
    end: endMoment,
    sameDay: !end || end.at.hasSame(start.at, "day"),
    zoneChanges: !!endMoment && endMoment.zone !== startMoment.zone,
    online: isOnline(item.event.location),
    location: item.event.location,
    joinUrl: item.event.url ?? null,
  };
}

/** Where an event's own .ics file is published: beside its page. */
export function eventIcsUrl(item: EventItem): string {
  return routes.eventIcs(item.url);
}

export function categoryIcsUrl(category: string): string {
  return routes.categoryIcs(category);
}
