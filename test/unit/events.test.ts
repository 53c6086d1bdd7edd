import { describe, expect, it } from "vitest";
import {
  daysCovered,
  describeEvent,
  eventIcsUrl,
  eventSpan,
  groupByMonth,
  isEvent,
  isUpcoming,
  monthPages,
  splitEvents,
  weekdayNames,
  type EventItem,
} from "../../src/lib/events.ts";
import { at, event, item } from "../helpers/event-items.ts";

const asEvent = (i: ReturnType<typeof event>) => {
  if (!isEvent(i)) throw new Error("not an event");
  return i;
};
const titles = (list: { title: string }[]) => list.map((i) => i.title);

describe("isEvent", () => {
  it("is true for articles and actions with event:, false without or without a page", () => {
    expect(isEvent(event("a", "2024-03-01T19:00"))).toBe(true);
    expect(isEvent(item("plain", "title: Plain\ndate: 2024-01-01\ncategory: news"))).toBe(false);
    const noPage = item(
      "hidden",
      "title: Hidden\ndate: 2024-01-01\ncategory: news\npermalink: false\nevent:\n  start: 2024-03-01\n  location: Online",
    );
    expect(isEvent(noPage)).toBe(false);
  });
});

describe("eventSpan and daysCovered", () => {
  it("gives an all-day event an exclusive end the day after its last day", () => {
    const span = eventSpan(asEvent(event("camp", "2024-02-20", "", "2024-02-22")));
    expect(span.allDay).toBe(true);
    expect(span.start.toISO()).toBe("2024-02-20T00:00:00.000+00:00");
    expect(span.end.toISO()).toBe("2024-02-23T00:00:00.000+00:00");
    expect(eventSpan(asEvent(event("day", "2024-02-20"))).end.toISODate()).toBe("2024-02-21");
  });

  it("lists every day a multi-day event covers, across a month end", () => {
    const days = daysCovered(asEvent(event("camp", "2024-04-29", "", "2024-05-02")));
    expect(days.map((d) => d.toISODate())).toEqual([
      "2024-04-29",
      "2024-04-30",
      "2024-05-01",
      "2024-05-02",
    ]);
  });

  it("counts a timed event crossing midnight on both days, but not one ending at midnight", () => {
    expect(
      daysCovered(asEvent(event("late", "2024-02-20T22:00", "", "2024-02-21T02:00"))).map((d) =>
        d.toISODate(),
      ),
    ).toEqual(["2024-02-20", "2024-02-21"]);
    expect(
      daysCovered(asEvent(event("midnight", "2024-02-20T20:00", "", "2024-02-21T00:00"))).map((d) =>
        d.toISODate(),
      ),
    ).toEqual(["2024-02-20"]);
  });

  it("keeps 23 hours on the day clocks go forward (no day is skipped or doubled)", () => {
    const days = daysCovered(asEvent(event("weekend", "2024-03-30", "", "2024-04-01")));
    expect(days.map((d) => d.toISODate())).toEqual(["2024-03-30", "2024-03-31", "2024-04-01"]);
  });
});

describe("isUpcoming and splitEvents for the build's now", () => {
  const now = at("2024-02-22T15:00");
  it("counts an event earlier today as upcoming (it ends on or after the start of the build day)", () => {
    expect(
      isUpcoming(asEvent(event("morning", "2024-02-22T09:00", "", "2024-02-22T10:00")), now),
    ).toBe(true);
    expect(isUpcoming(asEvent(event("no-end", "2024-02-22T00:00")), now)).toBe(true);
    expect(isUpcoming(asEvent(event("all-day-today", "2024-02-22")), now)).toBe(true);
  });

  it("counts yesterday's events as past, and a multi-day event still running as upcoming", () => {
    expect(
      isUpcoming(asEvent(event("yesterday", "2024-02-21T19:00", "", "2024-02-21T23:59")), now),
    ).toBe(false);
    expect(isUpcoming(asEvent(event("all-day-yesterday", "2024-02-21")), now)).toBe(false);
    expect(isUpcoming(asEvent(event("running", "2024-02-01", "", "2024-02-22")), now)).toBe(true);
    expect(isUpcoming(asEvent(event("ended", "2024-02-01", "", "2024-02-21")), now)).toBe(false);
  });

  it("uses the site zone's day, not UTC's: 23:30 UTC on 21 June is already the 22nd in London", () => {
    const summerNow = at("2024-06-22T08:00");
    // 23:30 BST on 21 June: the 21st in London.
    expect(isUpcoming(asEvent(event("bst-late", "2024-06-21T23:30")), summerNow)).toBe(false);
    // 00:30 BST on 22 June is 23:30 UTC on the 21st, but the 22nd in London.
    expect(isUpcoming(asEvent(event("bst-early", "2024-06-22T00:30")), summerNow)).toBe(true);
  });

  it("orders upcoming soonest first and past newest first, skipping non-events", () => {
    const items = [
      event("c", "2024-03-10T19:00"),
      event("a", "2024-02-22T10:00"),
      event("old", "2023-01-01"),
      item("plain", "title: Plain\ndate: 2024-01-01\ncategory: news"),
      event("older", "2022-06-01T12:00"),
      event("b", "2024-02-28"),
    ];
    const { upcoming, past } = splitEvents(items, now);
    expect(titles(upcoming)).toEqual(["a", "b", "c"]);
    expect(titles(past)).toEqual(["old", "older"]);
  });
});

describe("groupByMonth", () => {
  it("groups in the order given by the month each event starts, with labels and URLs", () => {
    const groups = groupByMonth(
      [
        event("a", "2024-02-25"),
        event("b", "2024-03-01T00:30"),
        event("c", "2024-03-31T23:30"),
      ].map(asEvent),
    );
    expect(groups.map((g) => [g.key, g.label, g.url, titles(g.items)])).toEqual([
      ["2024-02", "February 2024", "/events/2024/02/", ["a"]],
      ["2024-03", "March 2024", "/events/2024/03/", ["b", "c"]],
    ]);
  });
});

describe("monthPages", () => {
  const items = [
    event("camp", "2024-04-29", "", "2024-05-02"),
    event("rally", "2024-04-30T18:00", "", "2024-04-30T20:00"),
    event("film", "2024-07-04T19:30"),
  ];
  const pages = monthPages(items);

  it("makes a page for every month an event covers, linked oldest to newest", () => {
    expect(pages.map((p) => p.url)).toEqual([
      "/events/2024/04/",
      "/events/2024/05/",
      "/events/2024/07/",
    ]);
    expect(pages.map((p) => [p.previous?.key ?? null, p.next?.key ?? null])).toEqual([
      [null, "2024-05"],
      ["2024-04", "2024-07"],
      ["2024-05", null],
    ]);
  });

  it("lays the month out Monday to Sunday, blank days outside it", () => {
    const april = pages[0]!;
    // 1 April 2024 is a Monday, 30 April a Tuesday.
    expect(april.weeks).toHaveLength(5);
    expect(april.weeks[0]![0]!.iso).toBe("2024-04-01");
    expect(april.weeks[4]!.map((d) => d?.day ?? null)).toEqual([
      29,
      30,
      null,
      null,
      null,
      null,
      null,
    ]);
    const may = pages[1]!;
    // 1 May 2024 is a Wednesday.
    expect(may.weeks[0]!.slice(0, 3).map((d) => d?.day ?? null)).toEqual([null, null, 1]);
    expect(weekdayNames().map((d) => d.short)).toEqual([
      "Mon",
      "Tue",
      "Wed",
      "Thu",
      "Fri",
      "Sat",
      "Sun",
    ]);
  });

  it("puts a multi-day event on each day it covers, saying which day it is", () => {
    const onDay = (iso: string) =>
      pages
        .flatMap((p) => p.days)
        .find((d) => d.iso === iso)
        ?.events.map((e) => `${e.item.title} ${e.dayNumber}/${e.dayCount}`);
    expect(onDay("2024-04-29")).toEqual(["camp 1/4"]);
    expect(onDay("2024-04-30")).toEqual(["camp 2/4", "rally 1/1"]);
    expect(onDay("2024-05-01")).toEqual(["camp 3/4"]);
    expect(onDay("2024-05-02")).toEqual(["camp 4/4"]);
    expect(onDay("2024-05-03")).toBeUndefined();
    expect(pages[2]!.days.map((d) => d.label)).toEqual(["Thursday 4 July"]);
  });
});

describe("describeEvent", () => {
  it("gives local times with the zone's abbreviation, BST in summer and GMT in winter", () => {
    const summer = describeEvent(asEvent(event("s", "2021-04-20T20:00", "", "2021-04-20T21:30")));
    expect(summer).toMatchObject({
      allDay: false,
      sameDay: true,
      zoneChanges: false,
      start: {
        iso: "2021-04-20T20:00:00+01:00",
        date: "Tuesday 20 April 2021",
        time: "20:00",
        zone: "BST",
        zoneName: "British Summer Time",
      },
      end: { time: "21:30", zone: "BST" },
      online: false,
      location: "Conway Hall, 25 Red Lion Square, London",
    });
    const winter = describeEvent(asEvent(event("w", "2024-02-20T20:00")));
    expect(winter.start).toMatchObject({
      iso: "2024-02-20T20:00:00Z".replace("Z", "+00:00"),
      time: "20:00",
      zone: "GMT",
    });
    expect(winter.end).toBeNull();
  });

  it("notices the clocks changing during an event", () => {
    const night = describeEvent(asEvent(event("n", "2024-10-27T00:30", "", "2024-10-27T03:00")));
    expect([night.start.zone, night.end?.zone, night.zoneChanges]).toEqual(["BST", "GMT", true]);
  });

  it("describes all-day and online events", () => {
    const camp = item(
      "camp",
      "title: Camp\ndate: 2024-01-01\ncategory: event\nevent:\n  start: 2024-02-20\n  end: 2024-02-22\n  location: online\n  url: https://example.org/join",
    ) as EventItem;
    expect(describeEvent(camp)).toMatchObject({
      allDay: true,
      sameDay: false,
      start: { iso: "2024-02-20", date: "Tuesday 20 February 2024", time: null, zone: null },
      end: { iso: "2024-02-22", date: "Thursday 22 February 2024" },
      online: true,
      joinUrl: "https://example.org/join",
    });
  });
});

describe("eventIcsUrl", () => {
  it("puts the file beside the item's page", () => {
    expect(eventIcsUrl(asEvent(event("foo", "2024-03-01")))).toBe("/articles/foo/event.ics");
    const odd = item(
      "odd",
      "title: Odd\ndate: 2024-01-01\ncategory: news\npermalink: /odd.html\nevent:\n  start: 2024-03-01\n  location: Online",
    );
    expect(eventIcsUrl(odd as EventItem)).toBe("/odd.event.ics");
  });
});
