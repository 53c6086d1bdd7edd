import ICAL from "ical.js";
import { expect } from "vitest";

export interface ReadEvent {
  uid: string;
  summary: string;
  /** UTC ISO instant for timed events, YYYY-MM-DD for all-day ones. */
  start: string;
  end: string | null;
  allDay: boolean;
  location: string;
  description: string;
  url: string;
  stamp: string;
  categories: string[];
}

// RFC 7986 NAME and Apple's X-WR-CALNAME are TEXT; ical.js leaves unknown properties unescaped unless told.
for (const name of ["name", "x-wr-calname", "x-wr-caldesc"]) {
  ICAL.design.icalendar.property[name] ??= { defaultType: "text" };
}

const instant = (t: ICAL.Time) => (t.isDate ? t.toString() : t.toJSDate().toISOString());

/** Reads an .ics file with ical.js, the parser calendar clients are built on. */
export function readIcs(text: string): {
  name: string;
  events: ReadEvent[];
  calendar: ICAL.Component;
} {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((vevent): ReadEvent => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: instant(event.startDate),
      end: vevent.hasProperty("dtend") ? instant(event.endDate) : null,
      allDay: event.startDate.isDate,
      location: event.location,
      description: event.description,
      url: String(vevent.getFirstPropertyValue("url")),
      stamp: instant(vevent.getFirstPropertyValue("dtstamp") as ICAL.Time),
      categories: vevent.getAllProperties("categories").flatMap((p) => p.getValues().map(String)),
    };
  });
  const name = String(calendar.getFirstPropertyValue("x-wr-calname") ?? "");
  expect(String(calendar.getFirstPropertyValue("name") ?? ""), "NAME and X-WR-CALNAME agree").toBe(
    name,
  );
  return { name, events, calendar };
}

/** RFC 5545 §3.1: CRLF after every line, none longer than 75 octets, folds start with a space. */
export function expectWellFormed(text: string, where = "calendar"): void {
  expect(text.startsWith("BEGIN:VCALENDAR\r\n"), `${where} starts with BEGIN:VCALENDAR`).toBe(true);
  expect(text.endsWith("END:VCALENDAR\r\n"), `${where} ends with END:VCALENDAR and CRLF`).toBe(
    true,
  );
  expect(text.replace(/\r\n/g, ""), `${where} has a bare CR or LF`).not.toMatch(/[\r\n]/);
  const lines = text.slice(0, -2).split("\r\n");
  for (const line of lines) {
    expect(
      Buffer.byteLength(line, "utf8"),
      `${where}: line longer than 75 octets: ${line}`,
    ).toBeLessThanOrEqual(75);
  }
  // A folded line continues with one space; no folding ever splits a UTF-8 character.
  expect(Buffer.from(text, "utf8").toString("utf8")).toBe(text);
}
