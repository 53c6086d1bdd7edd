import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { escapeHtml, isoDate, jsonForScript, readableDate } from "../../src/lib/format.ts";
import { loadSettings, settingsSchema } from "../../src/lib/settings.ts";
import { makeFixture } from "../helpers/fixture.ts";
import path from "node:path";

describe("format", () => {
  const at = DateTime.fromISO("2021-04-20T20:00", { zone: "Europe/London" });
  it("writes dates for readers and for <time datetime>", () => {
    expect(readableDate({ at, dateOnly: false })).toBe("20 April 2021");
    expect(isoDate({ at, dateOnly: true })).toBe("2021-04-20");
    expect(isoDate({ at, dateOnly: false })).toBe("2021-04-20T20:00:00+01:00");
    expect(isoDate(at)).toBe("2021-04-20T20:00:00+01:00");
  });

  it("keeps JSON-LD from closing its script element", () => {
    expect(jsonForScript({ a: "</script><script>alert(1)</script>" })).toBe(
      '{"a":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}',
    );
  });
});

describe("settings", () => {
  it("fills defaults and strips a trailing slash from the URL", () => {
    const settings = settingsSchema.parse({
      title: "T",
      url: "https://s.example/",
      categories: { news: "News" },
    });
    expect(settings).toMatchObject({
      url: "https://s.example",
      timezone: "Europe/London",
      pageSize: 20,
      allowUnknownKeys: false,
    });
  });

  it("takes a category as a label, or as a label and a short form", () => {
    const settings = settingsSchema.parse({
      title: "T",
      url: "https://s.example/",
      categories: {
        news: "News",
        campaign: { label: "Campaigns and petitions", short: "Campaigns" },
      },
    });
    expect(settings.categories).toEqual({ news: "News", campaign: "Campaigns and petitions" });
    expect(settings.categoryShort).toEqual({ news: "News", campaign: "Campaigns" });
    const dir = makeFixture(
      {},
      "title: T\nurl: https://s.example\ncategories:\n  news: { label: News }\n",
    );
    expect(() => loadSettings(path.join(dir, "content"))).toThrow(
      "content/_data/site.yml:4 → categories.news: expected a label (News), or a label and a short form ({ label: …, short: … }), got a group of fields",
    );
  });

  it("names the settings file and field when a setting is wrong", () => {
    const dir = makeFixture(
      {},
      "title: T\nurl: not a url\ntimezone: Mars/Olympus\ncategories:\n  news: News\n",
    );
    expect(() => loadSettings(path.join(dir, "content"))).toThrow(
      /content\/_data\/site\.yml:2 → url: .*\ncontent\/_data\/site\.yml:3 → timezone: expected an IANA time zone such as Europe\/London, got "Mars\/Olympus"$/,
    );
  });
});

describe("escapeHtml", () => {
  it("escapes the four characters that matter in text and double-quoted attributes, once", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a> &amp;`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry's&lt;/a&gt; &amp;amp;",
    );
  });
});
