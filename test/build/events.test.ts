import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, makeFixture, md, page, readOut, runScript } from "../helpers/fixture.ts";
import { listFiles } from "../helpers/files.ts";
import { validator } from "../helpers/html-validate.ts";
import { expectWellFormed, readIcs } from "../helpers/ics.ts";
import {
  BUILD_DATE,
  EVENTS,
  eventsSiteFiles,
  makeEventsSite,
  SETTINGS,
} from "../helpers/events-site.ts";
import { sharedBuild } from "../helpers/shared-build.ts";

const SITE = "https://fixture.example.org";
const text = (el: Element | null | undefined) =>
  (el?.textContent ?? "").replace(/\s+/g, " ").trim();
const all = (doc: ParentNode, selector: string) => [...doc.querySelectorAll(selector)];
const hrefs = (doc: ParentNode, selector = "main a") =>
  all(doc, selector).map((a) => a.getAttribute("href")!);
const icsFiles = (out: string) => listFiles(out).filter((f) => f.endsWith(".ics"));
const eventPages = (out: string) =>
  listFiles(out).filter((f) => f.startsWith("events/") && f.endsWith(".html"));

describe("events calendar in a fixture build", () => {
  let out: string;
  let again: string;
  let prefixed: string;

  beforeAll(async () => {
    const [first, second, third] = await Promise.all([
      makeEventsSite().then((dir) => buildFixture(dir, { buildDate: BUILD_DATE })),
      makeEventsSite().then((dir) => buildFixture(dir, { buildDate: BUILD_DATE })),
      // Shared with the browser layer's events tests (nothing here writes into it).
      eventsSiteFiles().then((files) =>
        sharedBuild(files, SETTINGS, { buildDate: BUILD_DATE, pathPrefix: "/pr-7/" }),
      ),
    ]);
    for (const build of [first, second, third]) expect(build.code, build.stderr).toBe(0);
    out = first.out;
    again = second.out;
    prefixed = third.out;
  });

  describe("/events/", () => {
    it("lists upcoming events soonest first, grouped by month, including one earlier today", () => {
      const doc = page(out, "/events/");
      expect(all(doc, "main .event-month h2").map(text)).toEqual([
        "February 2024",
        "March 2024",
        "July 2024",
        "October 2024",
      ]);
      expect(all(doc, "main .event-entry__title").map(text)).toEqual([
        "Picket-line breakfast this morning",
        "Peace camp over the leap day",
        "Overnight vigil as the clocks go forward",
        "National march for a ceasefire",
        "Summer rally",
        "Night shift solidarity as the clocks go back",
      ]);
      const body = text(doc.querySelector("main"));
      for (const gone of [
        "Candlelit vigil yesterday",
        "Branch meeting",
        "Draft event",
        "Scheduled event",
      ])
        expect(body).not.toContain(gone);
    });

    it("gives each its local date, start and end time with the zone's abbreviation, and place or Online", () => {
      const doc = page(out, "/events/");
      const entries = all(doc, "main .event-entry").map((e) => [
        text(e.querySelector(".event-entry__when")),
        text(e.querySelector(".event-entry__where")),
      ]);
      expect(entries).toEqual([
        ["Thursday 22 February 2024, 09:00 to 10:00 GMT", "Royal Mail Mount Pleasant, London"],
        ["Wednesday 28 February 2024 to Saturday 2 March 2024, all day", "Online"],
        ["Sunday 31 March 2024, 00:30 GMT to 03:00 BST", "Parliament Square, London"],
        ["Sunday 31 March 2024, 13:00 to 16:00 BST", "Hyde Park Corner, London"],
        ["Saturday 6 July 2024, 13:00 BST", "Parliament Square, London"],
        ["Sunday 27 October 2024, 01:30 BST to 02:30 GMT", "Online"],
      ]);
      const march = all(doc, "main .event-entry").find((e) => text(e).includes("National march"))!;
      expect(march.querySelector("time")!.getAttribute("datetime")).toBe(
        "2024-03-31T13:00:00+01:00",
      );
      expect(march.querySelector("abbr")!.getAttribute("title")).toBe("British Summer Time");
    });

    it("offers each event's call to action", () => {
      const doc = page(out, "/events/");
      const cta = all(doc, "main .event-entry .cta a").map((a) => [
        text(a),
        a.getAttribute("href"),
      ]);
      expect(cta).toEqual([
        ["Register your coach seat: National march for a ceasefire", "https://example.org/coach"],
      ]);
    });

    it("links past events, the month pages, and subscriptions by webcal:// and https://, with the refresh note", () => {
      const doc = page(out, "/events/");
      const links = hrefs(doc);
      expect(links).toContain("/events/past/");
      expect(links).toContain("webcal://fixture.example.org/events.ics");
      expect(links).toContain("/events.ics");
      expect(text(doc.querySelector(".event-subscribe"))).toMatch(
        /refresh subscriptions only every few hours/,
      );
      expect(text(doc.querySelector(".event-subscribe code"))).toBe(`${SITE}/events.ics`);
      expect(hrefs(doc, ".event-months a")).toEqual([
        "/events/2024/10/",
        "/events/2024/07/",
        "/events/2024/03/",
        "/events/2024/02/",
        "/events/2023/06/",
        "/events/2021/04/",
      ]);
    });

    it("lists a calendar feed for each category that has events, and only those", () => {
      const doc = page(out, "/events/");
      const feeds = hrefs(doc, ".event-subscribe a").filter(
        (h) => h.startsWith("/events/") && h.endsWith(".ics"),
      );
      expect(feeds).toEqual([
        "/events/news.ics",
        "/events/campaign.ics",
        "/events/fundraiser.ics",
        "/events/event.ics",
        "/events/twinning.ics",
      ]);
      expect(hrefs(doc, ".event-subscribe a")).toContain(
        "webcal://fixture.example.org/events/campaign.ics",
      );
      expect(icsFiles(out).filter((f) => f.startsWith("events/"))).toEqual(
        feeds.map((f) => f.slice(1)).sort(),
      );
    });

    it("announces the site-wide calendar on every page", () => {
      for (const url of [
        "/",
        "/events/",
        "/articles/meeting/",
        "/articles/no-event/",
        "/events/past/",
      ]) {
        const link = page(out, url).querySelector('link[rel="alternate"][type="text/calendar"]');
        expect(link?.getAttribute("href"), url).toBe("/events.ics");
      }
    });
  });

  describe("home page", () => {
    it("shows the next three events, soonest first, with their time and place on the card", () => {
      const doc = page(out, "/");
      const section = doc.querySelector('[aria-labelledby="events-heading"]')!;
      expect(all(section, ".card__title").map(text)).toEqual([
        "Picket-line breakfast this morning",
        "Peace camp over the leap day",
        "Overnight vigil as the clocks go forward",
      ]);
      expect(text(section.querySelector(".card__event"))).toBe(
        "Thursday 22 February 2024, 09:00 to 10:00 GMT · Royal Mail Mount Pleasant, London",
      );
    });
  });

  describe("month pages", () => {
    it("exist for every month with events, including each month a multi-day event reaches", () => {
      const months = listFiles(out).filter((f) => /^events\/\d{4}\/\d{2}\/index\.html$/.test(f));
      expect(months).toEqual([
        "events/2021/04/index.html",
        "events/2023/06/index.html",
        "events/2024/02/index.html",
        "events/2024/03/index.html",
        "events/2024/07/index.html",
        "events/2024/10/index.html",
      ]);
    });

    it("link the previous and next months that have events", () => {
      const doc = page(out, "/events/2024/03/");
      expect(text(doc.querySelector("h1"))).toBe("Events in March 2024");
      expect(doc.querySelector('.month-nav a[rel="prev"]')!.getAttribute("href")).toBe(
        "/events/2024/02/",
      );
      expect(doc.querySelector('.month-nav a[rel="next"]')!.getAttribute("href")).toBe(
        "/events/2024/07/",
      );
      expect(page(out, "/events/2021/04/").querySelector('.month-nav a[rel="prev"]')).toBeNull();
      expect(page(out, "/events/2024/10/").querySelector('.month-nav a[rel="next"]')).toBeNull();
    });

    it("lay the month out Monday to Sunday in a table, days with events linking to their list", () => {
      const doc = page(out, "/events/2024/03/");
      expect(all(doc, ".month-grid thead th").map(text)).toEqual([
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
      ]);
      const firstWeek = all(doc, ".month-grid tbody tr")[0]!;
      // 1 March 2024 is a Friday.
      expect(all(firstWeek, "td").map((td) => text(td).split(":")[0])).toEqual([
        "",
        "",
        "",
        "",
        "1",
        "2",
        "3",
      ]);
      expect(hrefs(doc, ".month-grid a")).toEqual([
        "#day-2024-03-01",
        "#day-2024-03-02",
        "#day-2024-03-31",
      ]);
      for (const target of hrefs(doc, ".month-grid a"))
        expect(doc.getElementById(target.slice(1)), target).not.toBeNull();
      // Works without JavaScript: the page loads no script at all.
      expect(all(doc, "script[src]")).toEqual([]);
    });

    it("put a multi-day event on each day it covers, in each month it reaches", () => {
      const day = (url: string, iso: string) =>
        text(page(out, url).querySelector(`section[aria-labelledby="day-${iso}"]`));
      expect(day("/events/2024/02/", "2024-02-28")).toContain("Peace camp over the leap day");
      expect(day("/events/2024/02/", "2024-02-29")).toMatch(
        /Peace camp over the leap day.*day 2 of 4/,
      );
      expect(day("/events/2024/03/", "2024-03-01")).toMatch(
        /Peace camp over the leap day.*day 3 of 4/,
      );
      expect(day("/events/2024/03/", "2024-03-02")).toMatch(
        /Peace camp over the leap day.*day 4 of 4/,
      );
      expect(
        page(out, "/events/2024/03/").querySelector('section[aria-labelledby="day-2024-03-03"]'),
      ).toBeNull();
      // Both the overnight vigil and the march are on the 31st, overnight first.
      expect(
        all(
          page(out, "/events/2024/03/"),
          'section[aria-labelledby="day-2024-03-31"] .event-entry__title',
        ).map(text),
      ).toEqual(["Overnight vigil as the clocks go forward", "National march for a ceasefire"]);
    });

    it("include past months, and every built month is reachable from /events/", () => {
      expect(text(page(out, "/events/2024/02/").querySelector("main"))).toContain(
        "Candlelit vigil yesterday",
      );
    });
  });

  describe("/events/past/", () => {
    it("lists past events newest first, two a page, with the shared pagination", () => {
      const first = page(out, "/events/past/");
      const second = page(out, "/events/past/2/");
      expect(all(first, "main .event-entry__title").map(text)).toEqual([
        "Candlelit vigil yesterday",
        "Branch meeting on the ceasefire vote",
      ]);
      expect(all(second, "main .event-entry__title").map(text)).toEqual([
        "Twinning picnic",
        "Stand up for Palestine: online comedy fundraiser",
      ]);
      expect(existsSync(path.join(out, "events/past/3/index.html"))).toBe(false);
      expect(first.querySelector('.pagination a[rel="next"]')!.getAttribute("href")).toBe(
        "/events/past/2/",
      );
      expect(second.querySelector('.pagination a[rel="prev"]')!.getAttribute("href")).toBe(
        "/events/past/",
      );
      expect(text(second.querySelector("h1"))).toBe("Past events page 2 of 2");
    });
  });

  describe("an event's own page", () => {
    it("gives date, time and place in the site's zone, the join link, and Add to calendar links", () => {
      const doc = page(out, "/actions/comedy/");
      const details = doc.querySelector(".event-details")!;
      expect(text(details.querySelector(".event-details__when"))).toBe(
        "Tuesday 20 April 2021, 20:00 to 21:30 BST",
      );
      expect(text(details.querySelector(".event-details__where"))).toBe("Online · Join online");
      expect(details.querySelector(".event-details__where a")!.getAttribute("href")).toBe(
        "https://example.org/join",
      );
      const add = all(details, ".add-to-calendar a").map((a) => a.getAttribute("href")!);
      expect(add[0]).toBe("/actions/comedy/event.ics");
      expect(new URL(add[1]!).searchParams.get("dates")).toBe("20210420T190000Z/20210420T203000Z");
      expect(new URL(add[2]!).searchParams.get("startdt")).toBe("2021-04-20T19:00:00Z");
      expect(add[2]!.startsWith("https://outlook.live.com/")).toBe(true);
    });

    it("carries JSON-LD Event with offsets, place or virtual location, attendance mode, status, organizer and image", () => {
      const ld = (url: string) =>
        all(page(out, url), 'script[type="application/ld+json"]')
          .map((s) => JSON.parse(s.textContent!) as Record<string, unknown>)
          .find((d) => d["@type"] === "Event");
      const meeting = ld("/articles/meeting/")!;
      expect(meeting).toMatchObject({
        "@context": "https://schema.org",
        name: "Branch meeting on the ceasefire vote",
        startDate: "2024-02-20T20:00:00+00:00",
        eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
        eventStatus: "https://schema.org/EventScheduled",
        location: {
          "@type": "Place",
          name: "Conway Hall",
          address: {
            "@type": "PostalAddress",
            streetAddress: "25 Red Lion Square, London WC1R 4RL",
          },
        },
        organizer: { "@type": "Organization", name: "Fixture Digest", url: `${SITE}/` },
        description: "Members discuss the vote; everyone is welcome, bring a friend.",
        url: `${SITE}/articles/meeting/`,
      });
      const image = (meeting.image as string[])[0]!;
      expect(image).toMatch(new RegExp(`^${SITE}/img/.+\\.jpe?g$`));
      expect(existsSync(path.join(out, new URL(image).pathname))).toBe(true);
      expect(ld("/actions/comedy/")).toMatchObject({
        startDate: "2021-04-20T20:00:00+01:00",
        endDate: "2021-04-20T21:30:00+01:00",
        eventAttendanceMode: "https://schema.org/OnlineEventAttendanceMode",
        location: { "@type": "VirtualLocation", url: "https://example.org/join" },
      });
      expect(ld("/articles/camp/")).toMatchObject({
        startDate: "2024-02-28",
        endDate: "2024-03-02",
      });
      expect(ld("/articles/no-event/")).toBeUndefined();
    });
  });

  describe("iCalendar feeds", () => {
    it("are well formed, every one: CRLF, at most 75 octets a line", () => {
      const files = icsFiles(out);
      expect(files.length).toBe(1 + 5 + Object.keys(EVENTS).length);
      for (const file of files) expectWellFormed(readOut(out, file), file);
    });

    it("site-wide: every visible event at the instant its front matter says, UID from its URL, DTSTAMP from its date", () => {
      const { events, name } = readIcs(readOut(out, "events.ics"));
      expect(name).toBe("Fixture Digest: events");
      const read = Object.fromEntries(events.map((e) => [e.uid, { start: e.start, end: e.end }]));
      const expected = Object.fromEntries(
        Object.values(EVENTS).map((e) => [`${SITE}${e.url}`, { start: e.start, end: e.end }]),
      );
      expect(read).toEqual(expected);
      const meeting = events.find((e) => e.uid === `${SITE}/articles/meeting/`)!;
      expect(meeting.stamp).toBe("2024-02-10T09:30:00.000Z");
      expect(meeting.summary).toBe("Branch meeting on the ceasefire vote");
      expect(meeting.location).toBe("Conway Hall, 25 Red Lion Square, London WC1R 4RL");
    });

    it("per category: only that category's events", () => {
      const campaign = readIcs(readOut(out, "events/campaign.ics"));
      expect(campaign.name).toBe("Fixture Digest: Campaigns (petitions, letters, lobbying)");
      expect(campaign.events.map((e) => e.uid)).toEqual([
        `${SITE}/articles/camp/`,
        `${SITE}/actions/march/`,
      ]);
      expect(existsSync(path.join(out, "events/analysis.ics"))).toBe(false);
    });

    it("per event: one event beside its page, the same as in the site-wide feed", () => {
      const site = readIcs(readOut(out, "events.ics")).events;
      for (const [slug, expected] of Object.entries(EVENTS)) {
        const { events } = readIcs(readOut(out, `${expected.url}event.ics`));
        expect(events, slug).toHaveLength(1);
        expect(events[0]).toEqual(site.find((e) => e.uid === `${SITE}${expected.url}`));
      }
    });

    it("are byte-identical across two builds, and so are the events pages", () => {
      expect(icsFiles(again)).toEqual(icsFiles(out));
      for (const file of [...icsFiles(out), ...eventPages(out)]) {
        expect(readFileSync(path.join(again, file)), file).toEqual(
          readFileSync(path.join(out, file)),
        );
      }
    });
  });

  describe("under --pathprefix=/pr-7/", () => {
    const internal = (href: string) =>
      !/^(https?:|webcal:|mailto:)/.test(href) ||
      new URL(href.replace(/^webcal:/, "https:")).hostname === "fixture.example.org";

    it("starts every internal event link with /pr-7/", () => {
      const urls = [
        "/events/",
        "/events/2024/03/",
        "/events/past/",
        "/events/past/2/",
        "/actions/comedy/",
        "/articles/camp/",
        "/",
      ];
      for (const url of urls) {
        const doc = page(prefixed, url);
        const links = [
          ...hrefs(doc, "a"),
          ...all(doc, "link").map((l) => l.getAttribute("href")!),
        ].filter((h) => !h.startsWith("#"));
        const own = links.filter(internal);
        expect(own.length, url).toBeGreaterThan(3);
        for (const href of own) {
          const pathname = href.startsWith("/")
            ? href
            : new URL(href.replace(/^webcal:/, "https:")).pathname;
          expect(pathname.startsWith("/pr-7/"), `${url}: ${href}`).toBe(true);
        }
      }
      expect(hrefs(page(prefixed, "/events/"))).toContain(
        "webcal://fixture.example.org/pr-7/events.ics",
      );
      expect(hrefs(page(prefixed, "/actions/comedy/"), ".add-to-calendar a")[0]).toBe(
        "/pr-7/actions/comedy/event.ics",
      );
    });

    it("writes the feeds at the same paths with UIDs and links under the prefix", () => {
      expect(icsFiles(prefixed)).toEqual(icsFiles(out));
      const { events } = readIcs(readOut(prefixed, "events.ics"));
      expect(events.map((e) => e.uid).sort()).toEqual(
        Object.values(EVENTS)
          .map((e) => `${SITE}/pr-7${e.url}`)
          .sort(),
      );
      expect(events.map((e) => e.uid).every((uid) => uid.startsWith(`${SITE}/pr-7/`))).toBe(true);
      expect(events.map((e) => e.url).every((u) => u.startsWith(`${SITE}/pr-7/`))).toBe(true);
    });
  });

  it("writes valid HTML on the events pages and an event page", async () => {
    for (const file of [
      ...eventPages(out),
      "actions/comedy/index.html",
      "articles/camp/index.html",
    ]) {
      const report = await validator.validateString(readOut(out, file), file);
      const messages = report.results.flatMap((r) =>
        r.messages.map((m) => `${file}:${m.line} ${m.ruleId}: ${m.message}`),
      );
      expect(messages).toEqual([]);
    }
  });
});

describe("events with no upcoming or past ones", () => {
  it("still builds /events/ and /events/past/, saying there is nothing", async () => {
    const dir = makeFixture({
      "articles/plain.md": md("title: Plain\ndate: 2024-01-01\ncategory: news"),
    });
    const build = await buildFixture(dir, { buildDate: BUILD_DATE });
    expect(build.code, build.stderr).toBe(0);
    expect(text(page(build.out, "/events/").querySelector("main"))).toContain(
      "No events are coming up at the moment.",
    );
    expect(text(page(build.out, "/events/past/").querySelector("main"))).toContain(
      "No past events yet.",
    );
    const { events } = readIcs(readOut(build.out, "events.ics"));
    expect(events).toEqual([]);
  });
});

describe("times that do not exist or are ambiguous in the site zone", () => {
  let dir: string;
  beforeAll(() => {
    dir = makeFixture(
      {
        "articles/skipped.md": md(`title: Skipped
date: 2024-02-01
category: event
event:
  start: 2024-03-31T01:30
  location: Online`),
        "articles/skipped-seconds.md": md(`title: Skipped, unquoted with seconds
date: 2024-02-01
category: event
event:
  start: 2024-03-31T01:15:00
  location: Online`),
        "articles/ambiguous.md": md(`title: Ambiguous
date: 2024-02-01
category: event
event:
  start: 2024-10-27T00:30
  end: "2024-10-27T01:30"
  location: Online`),
        "articles/fine.md": md(`title: Fine with offsets
date: 2024-02-01
category: event
event:
  start: 2024-10-27T01:30+01:00
  end: 2024-10-27T01:30+00:00
  location: Online`),
      },
      SETTINGS,
    );
  });

  const expectRefusals = (output: string) => {
    expect(output).toMatch(
      /content\/articles\/skipped\.md:\d+ → event\.start: expected a time that exists in Europe\/London/,
    );
    expect(output).toMatch(
      /content\/articles\/skipped-seconds\.md:\d+ → event\.start: expected a time that exists in Europe\/London/,
    );
    expect(output).toMatch(
      /content\/articles\/ambiguous\.md:\d+ → event\.end: expected an unambiguous time/,
    );
    expect(output).not.toContain("fine.md");
  };

  it("refuses them in the build, naming file and field", async () => {
    const build = await buildFixture(dir, { buildDate: BUILD_DATE });
    expect(build.code).not.toBe(0);
    expectRefusals(build.stdout + build.stderr);
  });

  it("refuses them in npm run check, naming file and field", async () => {
    const check = await runScript(dir, "check.ts", [], { buildDate: BUILD_DATE });
    expect(check.code).toBe(1);
    expectRefusals(check.stderr);
  });
});
