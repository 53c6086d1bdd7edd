import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  buildFixture,
  buildFixtureCommand,
  makeFixture,
  md,
  runScript,
  runScriptCli,
} from "../helpers/fixture.ts";

const GOOD = md("title: Fine\ndate: 2024-01-01\ncategory: news");

/** Each "must be refused" example of shared/content-model.md, as the file an editor would commit. */
const REFUSALS: { name: string; files: Record<string, string>; expected: RegExp[] }[] = [
  {
    name: "front matter that is not valid YAML",
    files: { "articles/bad.md": md("title: [unclosed\ndate: 2024-01-01\ncategory: news") },
    expected: [/content\/articles\/bad\.md:2 → title: expected a "]" to close the list/],
  },
  {
    name: "a missing title",
    files: { "articles/bad.md": md("date: 2024-01-01\ncategory: news") },
    expected: [/content\/articles\/bad\.md → title: expected a title, got nothing/],
  },
  {
    name: "a missing date",
    files: { "articles/bad.md": md("title: A\ncategory: news") },
    expected: [/content\/articles\/bad\.md → date: expected a date/],
  },
  {
    name: "a missing category on an article",
    files: { "articles/bad.md": md("title: A\ndate: 2024-01-01") },
    expected: [/content\/articles\/bad\.md → category: expected one of the categories/],
  },
  {
    name: "a missing category on an action",
    files: {
      "actions/bad.md": md("title: A\ndate: 2024-01-01\ncta:\n  label: Go\n  url: https://x.org"),
    },
    expected: [/content\/actions\/bad\.md → category: expected one of the categories/],
  },
  {
    name: "a date that is not a real date",
    files: { "articles/bad.md": md("title: A\ndate: 2024-02-30\ncategory: news") },
    expected: [
      /content\/articles\/bad\.md:3 → date: expected a real date \(YYYY-MM-DD\), got "2024-02-30"/,
    ],
  },
  {
    name: "a date in words",
    files: { "articles/bad.md": md("title: A\ndate: next tuesday\ncategory: news") },
    expected: [/content\/articles\/bad\.md:3 → date: expected .*got "next tuesday"/],
  },
  {
    name: "a category not in the settings, listing the allowed ones",
    files: { "articles/bad.md": md("title: A\ndate: 2024-01-01\ncategory: gossip") },
    expected: [
      /content\/articles\/bad\.md:4 → category: expected one of the categories \(news, analysis, statement, campaign, fundraiser, event, twinning, culture\), got "gossip"/,
    ],
  },
  {
    name: "an image without alt",
    files: {
      "articles/bad.md": md("title: A\ndate: 2024-01-01\ncategory: news\nimage:\n  src: ./a.jpg"),
    },
    expected: [/content\/articles\/bad\.md:\d+ → image\.alt: expected alt text/],
  },
  {
    name: "a javascript: cta.url",
    files: {
      "actions/bad.md": md(
        'title: A\ndate: 2024-01-01\ncategory: campaign\ncta:\n  label: Go\n  url: "javascript:alert(1)"',
      ),
    },
    expected: [
      /content\/actions\/bad\.md:7 → cta\.url: expected an https, http or mailto URL, got "javascript:alert\(1\)"/,
    ],
  },
  {
    name: "an ftp: cta.url",
    files: {
      "actions/bad.md": md(
        "title: A\ndate: 2024-01-01\ncategory: campaign\ncta:\n  label: Go\n  url: ftp://x.org/file",
      ),
    },
    expected: [
      /content\/actions\/bad\.md:7 → cta\.url: expected an https, http or mailto URL, got "ftp:\/\/x\.org\/file"/,
    ],
  },
  {
    name: "an action without cta",
    files: { "actions/bad.md": md("title: A\ndate: 2024-01-01\ncategory: campaign") },
    expected: [
      /content\/actions\/bad\.md → cta: expected a call to action with label and url, got nothing/,
    ],
  },
  {
    name: "an event.end before event.start",
    files: {
      "articles/bad.md": md(
        "title: A\ndate: 2024-01-01\ncategory: news\nevent:\n  start: 2024-05-01T20:00\n  end: 2024-05-01T19:00\n  location: Online",
      ),
    },
    expected: [
      /content\/articles\/bad\.md:7 → event\.end: expected a time not before event\.start/,
    ],
  },
  {
    name: "an event time that does not exist",
    files: {
      "articles/bad.md": md(
        "title: A\ndate: 2024-01-01\ncategory: news\nevent:\n  start: 2024-03-31T01:30\n  location: Online",
      ),
    },
    expected: [
      /content\/articles\/bad\.md:6 → event\.start: expected a time that exists in Europe\/London/,
    ],
  },
  {
    name: "an ambiguous event time",
    files: {
      "articles/bad.md": md(
        "title: A\ndate: 2024-01-01\ncategory: news\nevent:\n  start: 2024-10-27T01:30:00\n  location: Online",
      ),
    },
    expected: [/content\/articles\/bad\.md:6 → event\.start: expected an unambiguous time/],
  },
  {
    name: "an unknown front-matter key",
    files: { "articles/bad.md": md("title: A\ndate: 2024-01-01\ncategory: news\nsumary: typo") },
    expected: [
      /content\/articles\/bad\.md:5 → sumary: expected one of the fields .*: did you mean "summary"\?/,
    ],
  },
  {
    name: "an image file that does not exist",
    files: {
      "articles/bad.md": md(
        "title: A\ndate: 2024-01-01\ncategory: news\nimage:\n  src: ./missing.jpg\n  alt: A picture",
      ),
    },
    expected: [
      /content\/articles\/bad\.md:6 → image\.src: expected an image file .*got "\.\/missing\.jpg" \(no such file\)/,
    ],
  },
  {
    name: "two files publishing at the same URL, naming both",
    files: {
      "articles/2023/same.md": md("title: A\ndate: 2023-01-01\ncategory: news"),
      "articles/2024/same.md": md("title: B\ndate: 2024-01-01\ncategory: news"),
    },
    expected: [
      /content\/articles\/2024\/same\.md → URL: expected a URL of its own, got \/articles\/same\/, which content\/articles\/2023\/same\.md also publishes at/,
    ],
  },
  {
    name: "a permalink taken by another file",
    files: {
      "pages/about.md": md("title: About\ndate: 2024-01-01"),
      "pages/about-us.md": md('title: About us\ndate: 2024-01-01\npermalink: "/about/"'),
    },
    expected: [
      /content\/pages\/about\.md → URL: expected a URL of its own, got \/about\/, which content\/pages\/about-us\.md also publishes at/,
    ],
  },
];

describe.each(REFUSALS)("refuses $name", ({ files, expected }) => {
  const dir = makeFixture({ "articles/good.md": GOOD, ...files });

  it("in npm run check", async () => {
    const result = await runScript(dir, "check.ts");
    expect(result.code).not.toBe(0);
    for (const pattern of expected) expect(result.stderr).toMatch(pattern);
  });

  it("in npm run build, publishing nothing", async () => {
    const result = await buildFixture(dir);
    expect(result.code).not.toBe(0);
    for (const pattern of expected) expect(result.stderr + result.stdout).toMatch(pattern);
    expect(existsSync(result.out)).toBe(false);
  });
});

describe("every invalid file at once", () => {
  it("lists each problem on its own line and says nothing was published", async () => {
    const dir = makeFixture({
      "articles/one.md": md("title: A\ndate: 2024-02-30\ncategory: news"),
      "actions/two.md": md("title: B\ndate: 2024-01-01\ncategory: campaign"),
      "pages/three.md": md('title: ""\ndate: 2024-01-01'),
    });
    // As npm runs it, in a child process: exit code and streams.
    const check = await runScriptCli(dir, "check.ts");
    expect(check.code).toBe(1);
    const lines = check.stderr.split("\n").filter((line) => line.includes(" → "));
    expect(lines).toEqual([
      "content/actions/two.md → cta: expected a call to action with label and url, got nothing",
      'content/articles/one.md:3 → date: expected a real date (YYYY-MM-DD), got "2024-02-30"',
      "content/pages/three.md:2 → title: expected a title, got an empty value",
    ]);
    // As npm run build prints it: the list alone, no stack trace, exit code 1.
    const build = await buildFixtureCommand(dir);
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/^3 errors were found; nothing was published/);
    expect(build.stderr).not.toMatch(/^\s+at /m);
    expect(build.stderr.split("\n").filter((line) => line.includes(" → "))).toEqual(lines);
    expect(existsSync(build.out)).toBe(false);
  });

  it("accepts a valid site in check with exit code 0", async () => {
    const result = await runScript(makeFixture({ "articles/good.md": GOOD }), "check.ts");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/All 1 content files are valid/);
  });
});
