import { describe, expect, it } from "vitest";
import { buildNow, parseSiteTime, wallTimeInstants } from "../../src/lib/time.ts";

const LONDON = "Europe/London";
const utc = (input: string) => {
  const parsed = parseSiteTime(input, LONDON);
  if (!parsed.ok) throw new Error(parsed.expected);
  return parsed.value.toUTC().toISO();
};

describe("parseSiteTime", () => {
  it("reads a time without offset as London wall-clock time, in summer and in winter", () => {
    expect(utc("2021-04-20T20:00")).toBe("2021-04-20T19:00:00.000Z");
    expect(utc("2024-02-20T20:00")).toBe("2024-02-20T20:00:00.000Z");
  });

  it("reads seconds and a space separator the same way (YAML would have read them as UTC)", () => {
    expect(utc("2024-07-06T13:00:00")).toBe("2024-07-06T12:00:00.000Z");
    expect(utc("2024-07-06 13:00")).toBe("2024-07-06T12:00:00.000Z");
  });

  it("keeps the instant of a time with an offset", () => {
    expect(utc("2024-07-06T13:00:00Z")).toBe("2024-07-06T13:00:00.000Z");
    expect(utc("2024-10-27T01:30+01:00")).toBe("2024-10-27T00:30:00.000Z");
    expect(utc("2024-10-27T01:30+00:00")).toBe("2024-10-27T01:30:00.000Z");
  });

  it("treats a date alone as the start of that day in the site zone", () => {
    const parsed = parseSiteTime("2021-04-13", LONDON);
    expect(parsed.ok && parsed.dateOnly).toBe(true);
    expect(utc("2021-04-13")).toBe("2021-04-12T23:00:00.000Z");
  });

  it.each(["2024-02-30", "2023-13-01", "next tuesday", "20/04/2021", "2024-02-20T25:00"])(
    "refuses %s",
    (input) => {
      expect(parseSiteTime(input, LONDON).ok).toBe(false);
    },
  );

  it("refuses the hour skipped when clocks go forward (last Sunday of March)", () => {
    const parsed = parseSiteTime("2024-03-31T01:30", LONDON);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.expected).toMatch(/exists in Europe\/London/);
    expect(utc("2024-03-31T00:59")).toBe("2024-03-31T00:59:00.000Z");
    expect(utc("2024-03-31T02:00")).toBe("2024-03-31T01:00:00.000Z");
  });

  it("refuses the hour repeated when clocks go back (last Sunday of October) unless an offset says which", () => {
    const parsed = parseSiteTime("2024-10-27T01:30", LONDON);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.expected).toMatch(/unambiguous/);
    expect(utc("2024-10-27T00:59")).toBe("2024-10-26T23:59:00.000Z");
    expect(utc("2024-10-27T02:00")).toBe("2024-10-27T02:00:00.000Z");
  });
});

describe("wallTimeInstants", () => {
  it("finds 0, 1 or 2 instants for a wall-clock time", () => {
    const ms = (iso: string) => Date.parse(`${iso}Z`);
    expect(wallTimeInstants(ms("2024-03-31T01:30:00"), LONDON)).toHaveLength(0);
    expect(wallTimeInstants(ms("2024-06-01T12:00:00"), LONDON)).toHaveLength(1);
    expect(wallTimeInstants(ms("2024-10-27T01:30:00"), LONDON)).toHaveLength(2);
    expect(wallTimeInstants(ms("2024-10-27T01:30:00"), "UTC")).toHaveLength(1);
  });
});

describe("buildNow", () => {
  it("reads BUILD_DATE in the site zone", () => {
    expect(buildNow(LONDON, { BUILD_DATE: "2024-02-22" }).toISO()).toBe(
      "2024-02-22T00:00:00.000+00:00",
    );
    expect(buildNow(LONDON, { BUILD_DATE: "2024-07-01T09:30" }).toUTC().toISO()).toBe(
      "2024-07-01T08:30:00.000Z",
    );
  });

  it("names BUILD_DATE when it cannot be read", () => {
    expect(() => buildNow(LONDON, { BUILD_DATE: "soon" })).toThrow(
      /^BUILD_DATE: expected .*, got "soon"$/,
    );
  });
});
