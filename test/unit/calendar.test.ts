import ical, {
  foldLines as icalFoldLines,
  ICalCalendarMethod,
  ICalEventStatus,
} from "ical-generator";
import { describe, expect, it } from "vitest";
import {
  CalendarMemo,
  calendarIcs,
  eventDescription,
  eventJsonLd,
  eventUid,
  foldLines,
  googleCalendarUrl,
  outlookCalendarUrl,
  plainExcerpt,
  REFRESH_SECONDS,
  type CalendarContext,
  type CalendarSpec,
} from "../../src/lib/calendar.ts";
import { eventSpan, type EventItem } from "../../src/lib/events.ts";
import { expectWellFormed, readIcs } from "../helpers/ics.ts";
import { event, item, settings } from "../helpers/event-items.ts";

const ctx: CalendarContext = {
  siteTitle: "Fixture Digest",
  absolute: (url) => `https://fixture.example.org/pr-7${url}`,
  categoryLabel: (slug) => settings.categories[slug] ?? slug,
};
const ev = (i: ReturnType<typeof item>) => i as EventItem;

const summer = ev(
  event("comedy", "2021-04-20T20:00", "summary: An evening of stand-up.", "2021-04-20T21:30"),
);
const winter = ev(event("meeting", "2024-02-20T20:00"));
const camp = ev(
  item(
    "camp",
    `title: "Peace camp; tents, songs & a \\\\ backslash"\ndate: 2024-01-05T09:15\ncategory: campaign\nsummary: "Line one, with commas; and semicolons."\ncta:\n  label: Sign up\n  url: https://example.org/sign\nevent:\n  start: 2024-02-20\n  end: 2024-02-22\n  location: Online\n  url: https://example.org/join`,
    "actions",
  ),
);
const oneDay = ev(event("one-day", "2024-03-09"));
const long = ev(
  event(
    "long",
    "2024-03-09T10:00",
    `summary: "${"Ünïcödé solidarity across borders — ".repeat(6)}"`,
    "2024-03-09T12:00",
  ),
);

describe("calendarIcs read back with ical.js", () => {
  const text = calendarIcs(
    {
      name: "Fixture Digest: events, all",
      pageUrl: "/events/",
      items: [winter, camp, summer, oneDay, long],
    },
    ctx,
  );
  const { name, events } = readIcs(text);
  const byUid = new Map(events.map((e) => [e.uid, e]));
  const get = (i: EventItem) => byUid.get(eventUid(i, ctx))!;

  it("is well formed: CRLF, lines of at most 75 octets, ending in CRLF", () => {
    expectWellFormed(text);
    // The long summary really was folded.
    expect(text).toMatch(/\r\n [^\r]/);
  });

  it("escapes text: the name, commas, semicolons, backslashes and new lines survive the round trip", () => {
    expect(name).toBe("Fixture Digest: events, all");
    expect(text).toContain("X-WR-CALNAME:Fixture Digest: events\\, all");
    expect(get(camp).summary).toBe("Peace camp; tents, songs & a \\ backslash");
    expect(get(camp).description).toBe(
      "Line one, with commas; and semicolons.\n\nJoin online: https://example.org/join\n\nDetails: https://fixture.example.org/pr-7/actions/camp/",
    );
    expect(get(long).description.startsWith("Ünïcödé solidarity across borders — Ünïcödé")).toBe(
      true,
    );
    expect(get(camp).categories).toEqual(["Campaigns (petitions, letters, lobbying)"]);
  });

  it("gives 20:00 on 20 April 2021 as 19:00 UTC and 20:00 on 20 February 2024 as 20:00 UTC", () => {
    expect(get(summer)).toMatchObject({
      start: "2021-04-20T19:00:00.000Z",
      end: "2021-04-20T20:30:00.000Z",
      allDay: false,
    });
    expect(text).toContain("DTSTART:20210420T190000Z");
    expect(get(winter)).toMatchObject({ start: "2024-02-20T20:00:00.000Z", end: null });
    expect(text).toContain("DTSTART:20240220T200000Z");
  });

  it("writes all-day events as dates, DTEND the day after the last day", () => {
    expect(get(camp)).toMatchObject({
      start: "2024-02-20",
      end: "2024-02-23",
      allDay: true,
      location: "Online",
    });
    expect(text).toContain("DTSTART;VALUE=DATE:20240220\r\nDTEND;VALUE=DATE:20240223\r\n");
    expect(get(oneDay)).toMatchObject({ start: "2024-03-09", end: "2024-03-10", allDay: true });
  });

  it("derives UID from the item's absolute URL and DTSTAMP from its date, never the clock", () => {
    expect(get(summer).uid).toBe("https://fixture.example.org/pr-7/articles/comedy/");
    expect(get(summer).url).toBe("https://fixture.example.org/pr-7/articles/comedy/");
    // date: 2021-01-01 is midnight in London, which is midnight UTC in winter.
    expect(get(summer).stamp).toBe("2021-01-01T00:00:00.000Z");
    // 09:15 London on 5 January.
    expect(get(camp).stamp).toBe("2024-01-05T09:15:00.000Z");
    const again = calendarIcs(
      {
        name: "Fixture Digest: events, all",
        pageUrl: "/events/",
        items: [long, oneDay, summer, camp, winter],
      },
      ctx,
    );
    expect(again).toBe(text);
  });

  it("lists events soonest first whatever order they came in", () => {
    expect(events.map((e) => e.summary.slice(0, 8))).toEqual([
      "comedy",
      "Peace ca",
      "meeting",
      "one-day",
      "long",
    ]);
  });

  it("keeps the instant of a time written with an offset in the repeated hour", () => {
    const first = ev(event("first", "2024-10-27T01:30+01:00"));
    const second = ev(event("second", "2024-10-27T01:30+00:00"));
    const read = readIcs(
      calendarIcs({ name: "x", pageUrl: "/events/", items: [first, second] }, ctx),
    ).events;
    expect(read.map((e) => e.start)).toEqual([
      "2024-10-27T00:30:00.000Z",
      "2024-10-27T01:30:00.000Z",
    ]);
  });

  it("reads summer-time edges right: the last Sunday of March and of October", () => {
    const items = [
      ev(event("march-before", "2024-03-31T00:30", "", "2024-03-31T03:00")),
      ev(event("october-after", "2024-10-27T02:30", "", "2024-10-27T04:00")),
      ev(event("march-offset", "2024-03-31T01:30+00:00")),
    ];
    const read = readIcs(calendarIcs({ name: "x", pageUrl: "/events/", items }, ctx)).events;
    expect(read.map((e) => [e.summary, e.start, e.end])).toEqual([
      // 00:30 GMT, then 03:00 BST = 02:00 UTC: a 90-minute event.
      ["march-before", "2024-03-31T00:30:00.000Z", "2024-03-31T02:00:00.000Z"],
      ["march-offset", "2024-03-31T01:30:00.000Z", null],
      // 02:30 GMT after the clocks went back.
      ["october-after", "2024-10-27T02:30:00.000Z", "2024-10-27T04:00:00.000Z"],
    ]);
  });
});

describe("eventUid", () => {
  it("keeps RFC 5545 separators out of the UID", () => {
    const odd = ev(event("a,b;c", "2024-03-01"));
    expect(eventUid(odd, ctx)).toBe("https://fixture.example.org/pr-7/articles/a%2Cb%3Bc/");
  });
});

describe("add-to-calendar links", () => {
  it("gives Google the UTC times of a timed event", () => {
    const url = new URL(googleCalendarUrl(summer, ctx));
    expect(url.origin + url.pathname).toBe("https://calendar.google.com/calendar/render");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      action: "TEMPLATE",
      text: "comedy",
      dates: "20210420T190000Z/20210420T203000Z",
      details: eventDescription(summer, ctx),
      location: "Conway Hall, 25 Red Lion Square, London",
    });
  });

  it("gives Google dates for an all-day event, ending the day after", () => {
    expect(new URL(googleCalendarUrl(camp, ctx)).searchParams.get("dates")).toBe(
      "20240220/20240223",
    );
  });

  it("gives Outlook ISO times in UTC, or dates with allday=true", () => {
    const timed = new URL(outlookCalendarUrl(summer, ctx)).searchParams;
    expect([
      timed.get("startdt"),
      timed.get("enddt"),
      timed.get("allday"),
      timed.get("subject"),
    ]).toEqual(["2021-04-20T19:00:00Z", "2021-04-20T20:30:00Z", "false", "comedy"]);
    const allDay = new URL(outlookCalendarUrl(camp, ctx)).searchParams;
    expect([allDay.get("startdt"), allDay.get("enddt"), allDay.get("allday")]).toEqual([
      "2024-02-20",
      "2024-02-23",
      "true",
    ]);
    expect(
      outlookCalendarUrl(camp, ctx).startsWith(
        "https://outlook.live.com/calendar/0/action/compose?",
      ),
    ).toBe(true);
  });
});

describe("eventJsonLd", () => {
  const jsonCtx = {
    ...ctx,
    imageUrl: (i: EventItem) =>
      i.slug === "comedy" ? "https://fixture.example.org/img/x.jpeg" : "",
  };

  it("describes an in-person event as a Place with a PostalAddress, dates with offsets", () => {
    expect(eventJsonLd(summer, jsonCtx)).toEqual({
      "@context": "https://schema.org",
      "@type": "Event",
      name: "comedy",
      startDate: "2021-04-20T20:00:00+01:00",
      endDate: "2021-04-20T21:30:00+01:00",
      eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
      eventStatus: "https://schema.org/EventScheduled",
      location: {
        "@type": "Place",
        name: "Conway Hall",
        address: { "@type": "PostalAddress", streetAddress: "25 Red Lion Square, London" },
      },
      organizer: {
        "@type": "Organization",
        name: "Fixture Digest",
        url: "https://fixture.example.org/pr-7/",
      },
      image: ["https://fixture.example.org/img/x.jpeg"],
      description: "An evening of stand-up.",
      url: "https://fixture.example.org/pr-7/articles/comedy/",
    });
  });

  it("describes an online event as a VirtualLocation with its join URL; all-day dates end on the last day", () => {
    const ld = eventJsonLd(camp, jsonCtx);
    expect(ld).toMatchObject({
      startDate: "2024-02-20",
      endDate: "2024-02-22",
      eventAttendanceMode: "https://schema.org/OnlineEventAttendanceMode",
      location: { "@type": "VirtualLocation", url: "https://example.org/join" },
    });
    expect(ld).not.toHaveProperty("image");
  });

  it("marks a place with a join link as mixed, and falls back to the body for the description", () => {
    const mixed = ev(
      item(
        "hybrid",
        "title: Hybrid\ndate: 2024-01-01\ncategory: event\nevent:\n  start: 2024-03-01T18:00\n  location: Conway Hall\n  url: https://example.org/stream",
        "articles",
        "The **AGM** meets in person and online.\n\nSecond paragraph.",
      ),
    );
    const ld = eventJsonLd(mixed, jsonCtx);
    expect(ld.eventAttendanceMode).toBe("https://schema.org/MixedEventAttendanceMode");
    expect(ld.location).toEqual([
      {
        "@type": "Place",
        name: "Conway Hall",
        address: { "@type": "PostalAddress", streetAddress: "Conway Hall" },
      },
      { "@type": "VirtualLocation", url: "https://example.org/stream" },
    ]);
    expect(ld.description).toBe("The AGM meets in person and online. Second paragraph.");
    expect(ld).not.toHaveProperty("endDate");
  });
});

describe("plainExcerpt", () => {
  it("drops Markdown and cuts long text at a word", () => {
    expect(plainExcerpt("# Head\n\nA [link](https://x.org) and `code`.")).toBe(
      "Head A link and code.",
    );
    expect(plainExcerpt("word ".repeat(100), 20)).toBe("word word word word…");
  });

  it("keeps the space at a soft line break (it used to glue the two lines' words together)", () => {
    expect(plainExcerpt("The march starts\nat noon.")).toBe("The march starts at noon.");
  });
});

/** calendarIcs as first written: ical-generator given the whole calendar, events and all. */
function wholeCalendar(spec: CalendarSpec, context: CalendarContext): string {
  const escapeText = (text: string) =>
    text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, "\\n");
  const calendar = ical({
    prodId: { company: new URL(context.absolute("/")).hostname, product: "events", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    name: escapeText(spec.name),
    description: spec.description ? escapeText(spec.description) : null,
    url: context.absolute(spec.pageUrl),
    ttl: REFRESH_SECONDS,
  });
  const ordered = [...spec.items].sort(
    (a, b) =>
      eventSpan(a).start.toMillis() - eventSpan(b).start.toMillis() || a.file.localeCompare(b.file),
  );
  for (const item of ordered) {
    const span = eventSpan(item);
    calendar.createEvent({
      id: eventUid(item, context),
      stamp: item.date.at,
      allDay: span.allDay,
      start: span.start,
      end: span.allDay || span.hasEnd ? span.end : null,
      summary: item.title,
      location: item.event.location,
      description: eventDescription(item, context),
      url: context.absolute(item.url),
      categories: item.category ? [{ name: context.categoryLabel(item.category) }] : [],
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return `${calendar.toString()}\r\n`;
}

describe("calendarIcs writes what ical-generator writes for the whole calendar", () => {
  const arabic = ev(
    event(
      "arabic",
      "2024-04-01T18:00",
      `summary: "${"وقفة تضامنية مع غزة في ساحة البلدة ".repeat(5)}👩🏽‍🤝‍👩🏿 ✊🏾"`,
    ),
  );
  const noSummary = ev(
    item(
      "no-summary",
      "title: Film night\ndate: 2024-01-02\ncategory: culture\nevent:\n  start: 2024-05-01\n  location: Online",
      "articles",
      `# A film\n\n${"A long *body* with [a link](https://example.org/) and words. ".repeat(12)}`,
    ),
  );
  const items = [winter, camp, summer, oneDay, long, arabic, noSummary];
  const specs: CalendarSpec[] = [
    { name: "Fixture Digest: events, all", pageUrl: "/events/", items },
    {
      name: `A very long calendar name; with, separators \\ and\na new line — ${"ü".repeat(60)}`,
      description: `Every event; in "one" place, ${"ج".repeat(50)}`,
      pageUrl: `/events/${"x".repeat(90)}/`,
      items: [camp, arabic],
    },
    { name: "", pageUrl: "/events/", items: [oneDay] },
    { name: "No events", description: "Nothing yet", pageUrl: "/events/", items: [] },
    ...items.map((i) => ({ name: i.title, pageUrl: i.url, items: [i] })),
  ];

  it("with each event worked out once and kept, or every time", () => {
    const memo = new CalendarMemo();
    for (const spec of specs) {
      const expected = wholeCalendar(spec, ctx);
      expect(calendarIcs(spec, ctx)).toBe(expected);
      expect(calendarIcs(spec, { ...ctx, memo })).toBe(expected);
      expect(calendarIcs(spec, { ...ctx, memo })).toBe(expected);
    }
    expect(memo.events.size).toBe(items.length);
  });

  it("folds lines as ical-generator does: octets, surrogate pairs, lone surrogates", () => {
    let state = 11;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const pieces = ["a", "é", "ج", "—", "€", "👩🏽", "\ud83d", "\udc4d", " ", "\r\n", "\\n"];
    for (let run = 0; run < 300; run++) {
      let text = "";
      const length = Math.floor(random() * 400);
      while (text.length < length) text += pieces[Math.floor(random() * pieces.length)];
      expect(foldLines(text)).toBe(icalFoldLines(text));
    }
  });
});
