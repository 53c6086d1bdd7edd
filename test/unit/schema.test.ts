import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatError, parseContentFile, type LoadContext } from "../../src/lib/content.ts";
import { settingsSchema } from "../../src/lib/settings.ts";
import { buildNow } from "../../src/lib/time.ts";

const settings = settingsSchema.parse({
  title: "Test",
  url: "https://example.org/",
  categories: { news: "News", campaign: "Campaigns", fundraiser: "Fundraising" },
});
const ctx: LoadContext = {
  contentDir: "/site/content",
  settings,
  now: buildNow("Europe/London", { BUILD_DATE: "2024-02-22" }),
};

function parse(
  section: "articles" | "actions" | "pages",
  frontMatter: string,
  body = "Body",
  settingsOverride = settings,
) {
  const file = path.join("/site/content", section, "sub", "foo.md");
  return parseContentFile(file, section, `---\n${frontMatter.trim()}\n---\n${body}`, {
    ...ctx,
    settings: settingsOverride,
  });
}
const errorsOf = (result: ReturnType<typeof parse>) => result.errors.map(formatError);

const FULL_EXAMPLE = `
title: "Stand up for Palestine: comedy fundraiser"
date: 2021-04-13
category: fundraiser
tags: [palestine, fundraising]
summary: One or two sentences shown on cards, in feeds and in search results.
author: Isabel
source:
  name: Socialist Worker
  url: https://example.org/original-story
image:
  src: ./comedy.jpg
  alt: Comedians on a stage under a Free Palestine banner
  credit: Guy Smallman
cta:
  label: Get tickets
  url: https://example.org/tickets
  deadline: 2021-04-20
event:
  start: 2021-04-20T20:00
  end: 2021-04-20T21:30
  location: Online
  url: https://example.org/join
draft: true
`;

describe("the content model's example", () => {
  it("is accepted as an action, with every field read", () => {
    const { item, errors } = parse("actions", FULL_EXAMPLE);
    expect(errors).toEqual([]);
    expect(item?.url).toBe("/actions/foo/");
    expect(item?.file).toBe("content/actions/sub/foo.md");
    expect(item?.event?.start.at.toUTC().toISO()).toBe("2021-04-20T19:00:00.000Z");
    expect(item?.event?.end?.at.toUTC().toISO()).toBe("2021-04-20T20:30:00.000Z");
    expect(item?.cta?.deadline?.dateOnly).toBe(true);
    expect(item?.closed).toBe(true);
    expect(item?.draft).toBe(true);
    expect(item?.tags).toEqual(["palestine", "fundraising"]);
  });
});

describe("URLs", () => {
  it("ignores sub-folders and honours an explicit permalink", () => {
    expect(parse("articles", "title: A\ndate: 2024-01-01\ncategory: news").item?.url).toBe(
      "/articles/foo/",
    );
    expect(parse("pages", "title: A\ndate: 2024-01-01").item?.url).toBe("/foo/");
    expect(parse("pages", 'title: A\ndate: 2024-01-01\npermalink: "/about-us/"').item?.url).toBe(
      "/about-us/",
    );
  });
});

describe("normalising", () => {
  it("makes Palestine, palestine and ' Palestine ' one tag", () => {
    const { item } = parse(
      "articles",
      'title: A\ndate: 2024-01-01\ncategory: news\ntags: [Palestine, palestine, " Palestine ", "Tower  Hamlets"]',
    );
    expect(item?.tags).toEqual(["palestine", "tower hamlets"]);
  });

  it("reads an unquoted time with seconds as London time, not as YAML's UTC timestamp", () => {
    const { item } = parse(
      "articles",
      "title: A\ndate: 2024-07-06T13:00:00\ncategory: news\nevent:\n  start: 2024-07-06T13:00:00\n  location: Online",
    );
    expect(item?.date.at.toUTC().toISO()).toBe("2024-07-06T12:00:00.000Z");
    expect(item?.event?.start.at.toUTC().toISO()).toBe("2024-07-06T12:00:00.000Z");
  });

  it("marks an item dated after the build date as scheduled", () => {
    expect(parse("articles", "title: A\ndate: 2024-02-23\ncategory: news").item?.scheduled).toBe(
      true,
    );
    expect(parse("articles", "title: A\ndate: 2024-02-22\ncategory: news").item?.scheduled).toBe(
      false,
    );
  });

  it("keeps an action open through its deadline day", () => {
    const action = (deadline: string) =>
      parse(
        "actions",
        `title: A\ndate: 2024-01-01\ncategory: campaign\ncta:\n  label: Go\n  url: https://x.org\n  deadline: ${deadline}`,
      ).item;
    expect(action("2024-02-22")?.closed).toBe(false);
    expect(action("2024-02-21")?.closed).toBe(true);
  });

  it("accepts mailto: and http: calls to action", () => {
    for (const url of ["mailto:someone@example.org", "http://example.org/x"]) {
      expect(
        parse(
          "actions",
          `title: A\ndate: 2024-01-01\ncategory: campaign\ncta:\n  label: Go\n  url: "${url}"`,
        ).errors,
      ).toEqual([]);
    }
  });
});

describe("refusals name file, line, field, what was expected and what was found", () => {
  const cases: [string, "articles" | "actions" | "pages", string, RegExp][] = [
    [
      "front matter that is not valid YAML",
      "articles",
      "title: [unclosed\ndate: 2024-01-01",
      /^content\/articles\/sub\/foo\.md:2 → title: expected a "]" to close the list, got "\[unclosed" \(write it as \[one, two\]\)$/,
    ],
    [
      "a key written twice",
      "articles",
      "title: A\ndate: 2024-01-01\ncategory: news\ntitle: B",
      /^content\/articles\/sub\/foo\.md:5 → title: expected each field once, got "title" a second time \(line 2 has it too: keep one\)$/,
    ],
    [
      "a missing title",
      "articles",
      "date: 2024-01-01\ncategory: news",
      /^content\/articles\/sub\/foo\.md → title: expected a title, got nothing$/,
    ],
    [
      "an empty title",
      "articles",
      'title: ""\ndate: 2024-01-01\ncategory: news',
      /→ title: expected a title, got an empty value$/,
    ],
    [
      "a missing date",
      "articles",
      "title: A\ncategory: news",
      /→ date: expected a date \(YYYY-MM-DD\) or date-time \(YYYY-MM-DDTHH:MM\), got nothing$/,
    ],
    [
      "a missing category on an article",
      "articles",
      "title: A\ndate: 2024-01-01",
      /→ category: expected one of the categories \(news, campaign, fundraiser\), got nothing$/,
    ],
    [
      "a missing category on an action",
      "actions",
      "title: A\ndate: 2024-01-01\ncta:\n  label: Go\n  url: https://x.org",
      /→ category: expected one of the categories/,
    ],
    [
      "a date that is not real",
      "articles",
      "title: A\ndate: 2024-02-30\ncategory: news",
      /:3 → date: expected a real date \(YYYY-MM-DD\), got "2024-02-30"$/,
    ],
    [
      "a date in words",
      "articles",
      "title: A\ndate: next tuesday\ncategory: news",
      /:3 → date: expected a date \(YYYY-MM-DD\) or date-time \(YYYY-MM-DDTHH:MM\), got "next tuesday"$/,
    ],
    [
      "a category not in the settings",
      "articles",
      "title: A\ndate: 2024-01-01\ncategory: gossip",
      /:4 → category: expected one of the categories \(news, campaign, fundraiser\), got "gossip"$/,
    ],
    [
      "an image without alt",
      "articles",
      "title: A\ndate: 2024-01-01\ncategory: news\nimage:\n  src: ./a.jpg",
      /→ image\.alt: expected alt text describing the image, got nothing$/,
    ],
    [
      "a javascript: call to action",
      "actions",
      'title: A\ndate: 2024-01-01\ncategory: campaign\ncta:\n  label: Go\n  url: "javascript:alert(1)"',
      /:7 → cta\.url: expected an https, http or mailto URL, got "javascript:alert\(1\)"$/,
    ],
    [
      "a data: call to action",
      "articles",
      'title: A\ndate: 2024-01-01\ncategory: news\ncta:\n  label: Go\n  url: "data:text/html,hi"',
      /→ cta\.url: expected an https, http or mailto URL, got "data:text\/html,hi"$/,
    ],
    [
      "an action without cta",
      "actions",
      "title: A\ndate: 2024-01-01\ncategory: campaign",
      /→ cta: expected a call to action with label and url, got nothing$/,
    ],
    [
      "an event ending before it starts",
      "articles",
      "title: A\ndate: 2024-01-01\ncategory: news\nevent:\n  start: 2024-05-01T20:00\n  end: 2024-05-01T19:00\n  location: Online",
      /:7 → event\.end: expected a time not before event\.start \(2024-05-01T20:00\), got "2024-05-01T19:00"$/,
    ],
    [
      "an event time in the skipped hour",
      "articles",
      "title: A\ndate: 2024-01-01\ncategory: news\nevent:\n  start: 2024-03-31T01:30\n  location: Online",
      /:6 → event\.start: expected a time that exists in Europe\/London .*got "2024-03-31T01:30"$/,
    ],
    [
      "an ambiguous event time",
      "articles",
      "title: A\ndate: 2024-01-01\ncategory: news\nevent:\n  start: 2024-10-27T00:00\n  end: 2024-10-27T01:15\n  location: Online",
      /:7 → event\.end: expected an unambiguous time .*got "2024-10-27T01:15"$/,
    ],
    [
      "an unknown key",
      "articles",
      "title: A\ndate: 2024-01-01\ncategory: news\ntitel: B",
      /:5 → titel: expected one of the fields title, date, .*, got "titel": did you mean "title"\?$/,
    ],
    [
      "draft written as yes",
      "articles",
      "title: A\ndate: 2024-01-01\ncategory: news\ndraft: yes",
      /→ draft: expected true or false, got "yes"$/,
    ],
  ];
  it.each(cases)("refuses %s", (_name, section, frontMatter, expected) => {
    const messages = errorsOf(parse(section, frontMatter));
    expect(
      messages.some((m) => expected.test(m)),
      messages.join("\n"),
    ).toBe(true);
  });

  it("reports every problem of a file at once, in line order", () => {
    const messages = errorsOf(
      parse(
        "actions",
        'title: ""\ndate: 2024-02-30\ncategory: nope\ncta:\n  label: Go\n  url: "javascript:x"',
      ),
    );
    expect(messages.map((m) => m.split(" → ")[1]!.split(":")[0])).toEqual([
      "title",
      "date",
      "category",
      "cta.url",
    ]);
  });

  it("allows unknown keys the settings list", () => {
    const lenient = { ...settings, allowUnknownKeys: ["layout_hint"] };
    expect(
      parse(
        "articles",
        "title: A\ndate: 2024-01-01\ncategory: news\nlayout_hint: wide",
        "",
        lenient,
      ).errors,
    ).toEqual([]);
    expect(
      parse("articles", "title: A\ndate: 2024-01-01\ncategory: news\nother: x", "", lenient).errors,
    ).toHaveLength(1);
  });
});
