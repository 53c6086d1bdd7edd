import type { Strings } from "./strings.ts";
import ical, { ICalCalendarMethod, ICalEvent, ICalEventStatus } from "ical-generator";
import type { DateTime } from "luxon";
import { isoDate } from "./format.ts";
import { MarkdownIt, markdownText } from "./markdown.ts";
import { eventSpan, isOnline, type EventItem } from "./events.ts";
import { remember } from "./cache.ts";

export interface CalendarContext {
  siteTitle: string;
  /** Absolute URL of a site-relative one, path prefix included. */
  absolute: (url: string) => string;
  categoryLabel: (slug: string) => string;
  /** An item's words when it is not in the default language: its category label, "Join online", "Details". */
  wordsOf?: (
    item: EventItem,
  ) => { strings: Strings; categories: Record<string, string> } | undefined;
  /** Each event's text, kept for the build: an event is in its own file and several calendars. */
  memo?: CalendarMemo;
}

/** What is worked out once per event and build, whichever calendars and links show it. */
export class CalendarMemo {
  events = new Map<EventItem, string>();
  descriptions = new Map<EventItem, string>();
  excerpts = new Map<EventItem, string>();

  /** Forget every event (a new build may have changed any of them). */
  clear(): void {
    this.events.clear();
    this.descriptions.clear();
    this.excerpts.clear();
  }
}

export interface CalendarSpec {
  /** Shown as the calendar's name in calendar apps. */
  name: string;
  description?: string;
  /** Site-relative URL of the page the calendar follows. */
  pageUrl: string;
  items: EventItem[];
}

/** How often subscribers' apps are asked to look again (most refresh less often whatever it says). */
export const REFRESH_SECONDS = 3 * 3600;

/** RFC 5545 TEXT escaping, for the calendar-level fields ical-generator writes as given. */
const escapeText = (text: string) =>
  text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, "\\n");

/** The event's UID: its page's absolute URL, so it is the same in every build and every feed. */
export function eventUid(item: EventItem, ctx: CalendarContext): string {
  return ctx
    .absolute(item.url)
    .replace(/[,;\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const plainMarkdown = new MarkdownIt();

/** The body as plain text, shortened at a word: for descriptions when there is no summary. */
export function plainExcerpt(markdown: string, max = 300): string {
  const text = markdownText(plainMarkdown, markdown).replace(/\s+/g, " ");
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : max)}…`;
}

/** `make()` for `item`, kept in `kept` (a CalendarMemo's) when there is one. */
const once = <T>(kept: Map<EventItem, T> | undefined, item: EventItem, make: () => T): T =>
  kept ? remember(kept, item, make) : make();

/** The summary, or the start of the body when there is none. */
function summaryOf(item: EventItem, ctx: CalendarContext): string {
  return item.summary ?? once(ctx.memo?.excerpts, item, () => plainExcerpt(item.body));
}

/** What a calendar entry says besides its title: summary, where to join, and the page. */
export function eventDescription(item: EventItem, ctx: CalendarContext): string {
  return once(ctx.memo?.descriptions, item, () => describe(item, ctx));
}

function describe(item: EventItem, ctx: CalendarContext): string {
  const lines = [summaryOf(item, ctx)];
  const words = ctx.wordsOf?.(item)?.strings;
  const url = item.event.url;
  if (url) lines.push(words ? words.text("event.icsJoin", { url }) : `Join online: ${url}`);
  const page = ctx.absolute(item.url);
  lines.push(words ? words.text("event.icsDetails", { url: page }) : `Details: ${page}`);
  return lines.filter(Boolean).join("\n\n");
}

const encoder = new TextEncoder();

/**
 * ical-generator's foldLines (RFC 5545 §3.1: a line longer than 75 octets goes on after CRLF and a
 * space) giving the same text, without a TextEncoder call for every character, which made its
 * folding most of the time a calendar took.
 */
export function foldLines(text: string): string {
  return text.split("\r\n").map(foldLine).join("\r\n");
}

function foldLine(line: string): string {
  let folded = "";
  let from = 0;
  let octets = 0;
  for (let at = 0; at < line.length; ) {
    const code = line.charCodeAt(at);
    // A high surrogate is taken with the character after it, whatever that is, as ical-generator does.
    const surrogate = code >= 0xd800 && code <= 0xdbff;
    const size =
      code < 0x80
        ? 1
        : code < 0x800
          ? 2
          : surrogate
            ? encoder.encode(line.slice(at, at + 2)).length
            : 3;
    octets += size;
    if (octets > 74) {
      folded += `${line.slice(from, at)}\r\n `;
      from = at;
      octets = size;
    }
    at += surrogate ? 2 : 1;
  }
  return folded + line.slice(from);
}

/** Events are written alone against this calendar: they read nothing of it but its time zone (none). */
const unzoned = ical();

/** One event's VEVENT text, folded, as ical-generator writes it inside a calendar. */
function eventText(item: EventItem, ctx: CalendarContext): string {
  const span = eventSpan(item);
  const event = new ICalEvent(
    {
      id: eventUid(item, ctx),
      stamp: item.date.at,
      allDay: span.allDay,
      start: span.start,
      end: span.allDay || span.hasEnd ? span.end : null,
      summary: item.title,
      location: item.event.location,
      description: eventDescription(item, ctx),
      url: ctx.absolute(item.url),
      categories: item.category
        ? [
            {
              name:
                ctx.wordsOf?.(item)?.categories[item.category] ?? ctx.categoryLabel(item.category),
            },
          ]
        : [],
      status: ICalEventStatus.CONFIRMED,
    },
    unzoned,
  );
  return foldLines(event.toString());
}

/** Stand-ins for a calendar's own values, short enough that ical-generator folds none of its lines. */
const FIELDS = { name: "\uE000N", description: "\uE000D", url: "\uE000U" } as const;
const END = "END:VCALENDAR";
const frames = new Map<string, string>();

/**
 * A calendar's lines up to its events, unfolded, as ical-generator writes them with stand-ins for the
 * values: kept per host and the lines present, since writing them folds a character at a time.
 */
function frameOf(host: string, name: boolean, description: boolean): string {
  return remember(frames, `${host}\n${name}\n${description}`, () => {
    const text = ical({
      prodId: { company: host, product: "events", language: "EN" },
      method: ICalCalendarMethod.PUBLISH,
      name: name ? FIELDS.name : null,
      description: description ? FIELDS.description : null,
      url: FIELDS.url,
      ttl: REFRESH_SECONDS,
    }).toString();
    if (text.includes("\r\n ") || !text.endsWith(`\r\n${END}`))
      throw new Error(`calendarIcs: unexpected calendar text for ${host}`);
    return text.slice(0, -END.length);
  });
}

/** An iCalendar file (RFC 5545): times in UTC, all-day events as dates ending the day after. */
export function calendarIcs(spec: CalendarSpec, ctx: CalendarContext): string {
  const host = new URL(ctx.absolute("/")).hostname;
  const values: Record<string, string> = {
    [FIELDS.name]: escapeText(spec.name),
    [FIELDS.description]: spec.description ? escapeText(spec.description) : "",
    [FIELDS.url]: ctx.absolute(spec.pageUrl),
  };
  const frame = frameOf(host, !!values[FIELDS.name], !!values[FIELDS.description]);
  const ordered = [...spec.items].sort(
    (a, b) =>
      eventSpan(a).start.toMillis() - eventSpan(b).start.toMillis() || a.file.localeCompare(b.file),
  );
  const events = ordered.map((item) => once(ctx.memo?.events, item, () => eventText(item, ctx)));
  // What ical-generator writes for the whole calendar: folding works line by line, so the frame and
  // each event (kept for the build) are folded apart. Every line ends in CRLF, the last one too (§3.1).
  const head = foldLines(frame.replace(/\uE000[NDU]/g, (field) => values[field]!));
  return `${head}${events.join("")}${END}\r\n`;
}

const utcStamp = (at: DateTime) => at.toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'");
const dateStamp = (at: DateTime) => at.toFormat("yyyyLLdd");

/** "Add to Google Calendar": the event template URL Google documents for links. */
export function googleCalendarUrl(item: EventItem, ctx: CalendarContext): string {
  const span = eventSpan(item);
  const dates = span.allDay
    ? `${dateStamp(span.start)}/${dateStamp(span.end)}`
    : `${utcStamp(span.start)}/${utcStamp(span.end)}`;
  const params = new URLSearchParams({
    action: "TEMPLATE",
    text: item.title,
    dates,
    details: eventDescription(item, ctx),
    location: item.event.location,
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}

/** "Add to Outlook": Outlook on the web's compose-event deep link. */
export function outlookCalendarUrl(item: EventItem, ctx: CalendarContext): string {
  const span = eventSpan(item);
  const stamp = (at: DateTime) =>
    span.allDay ? at.toISODate()! : at.toUTC().toISO({ suppressMilliseconds: true })!;
  const params = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: item.title,
    startdt: stamp(span.start),
    enddt: stamp(span.end),
    allday: String(span.allDay),
    body: eventDescription(item, ctx),
    location: item.event.location,
  });
  return `https://outlook.live.com/calendar/0/action/compose?${params}`;
}

export interface EventJsonLdContext extends CalendarContext {
  /** Absolute URL of the item's image, "" when it has none. */
  imageUrl: (item: EventItem) => string;
}

/** A written location as a schema.org Place: the first part names it, the rest is the address. */
function place(location: string): Record<string, unknown> {
  const parts = location
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const name = parts[0] ?? location;
  const street = parts.length > 1 ? parts.slice(1).join(", ") : location;
  return { "@type": "Place", name, address: { "@type": "PostalAddress", streetAddress: street } };
}

/** schema.org Event: https://developers.google.com/search/docs/appearance/structured-data/event */
export function eventJsonLd(item: EventItem, ctx: EventJsonLdContext): Record<string, unknown> {
  const span = eventSpan(item);
  const online = isOnline(item.event.location);
  const joinUrl = item.event.url;
  const virtual = { "@type": "VirtualLocation", url: joinUrl ?? ctx.absolute(item.url) };
  const location = online
    ? virtual
    : joinUrl
      ? [place(item.event.location), virtual]
      : place(item.event.location);
  const mode = online
    ? "OnlineEventAttendanceMode"
    : joinUrl
      ? "MixedEventAttendanceMode"
      : "OfflineEventAttendanceMode";
  const image = ctx.imageUrl(item);
  const end = span.allDay ? span.end.minus({ days: 1 }) : span.hasEnd ? span.end : null;
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: item.title,
    startDate: isoDate({ at: span.start, dateOnly: span.allDay }),
    ...(end ? { endDate: isoDate({ at: end, dateOnly: span.allDay }) } : {}),
    eventAttendanceMode: `https://schema.org/${mode}`,
    eventStatus: "https://schema.org/EventScheduled",
    location,
    organizer: { "@type": "Organization", name: ctx.siteTitle, url: ctx.absolute("/") },
    ...(image ? { image: [image] } : {}),
    description: summaryOf(item, ctx),
    url: ctx.absolute(item.url),
  };
}
