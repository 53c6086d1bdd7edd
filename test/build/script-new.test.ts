import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseContentFile } from "../../src/lib/content.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import { buildFixture, makeFixture, md, page, runScript } from "../helpers/fixture.ts";
import { BILINGUAL_SETTINGS as TWO_LANGUAGES } from "../helpers/languages-site.ts";

const contentOf = (dir: string, file: string) =>
  readFileSync(path.join(dir, "content", file), "utf8");

describe("npm run new", () => {
  let dir: string;
  const runs: Record<string, Awaited<ReturnType<typeof runScript>>> = {};
  beforeAll(async () => {
    dir = makeFixture({
      "articles/2023/old-news.md": md("title: Old news\ndate: 2023-01-01\ncategory: news"),
    });
    // One at a time: they share the content folder, as an editor's commands would.
    runs.article = await runScript(dir, "new.ts", [
      "article",
      "Pickets: “we won” at Coventry",
      "--category",
      "analysis",
      "--date",
      "2024-03-01",
    ]);
    runs.action = await runScript(dir, "new.ts", [
      "action",
      "Sign the open letter",
      "--url",
      "https://example.org/letter",
      "--label",
      "Sign the letter",
    ]);
    runs.page = await runScript(dir, "new.ts", ["page", "How twinning works"]);
    runs.event = await runScript(dir, "new.ts", [
      "article",
      "Film night",
      "--category",
      "culture",
      "--event",
      "--date",
      "2024-02-25",
    ]);
  });

  it("writes each section's skeleton where its URL says and prints both", () => {
    expect(runs.article!.code, runs.article!.stderr).toBe(0);
    expect(runs.article!.stdout).toContain("Wrote content/articles/pickets-we-won-at-coventry.md");
    expect(runs.article!.stdout).toContain(
      "URL: /articles/pickets-we-won-at-coventry/ (https://fixture.example.org/articles/pickets-we-won-at-coventry/ once published)",
    );
    expect(runs.action!.stdout).toContain("Wrote content/actions/sign-the-open-letter.md");
    expect(runs.action!.stdout).toContain("URL: /actions/sign-the-open-letter/");
    expect(runs.page!.stdout).toContain("Wrote content/pages/how-twinning-works.md");
    expect(runs.page!.stdout).toContain("URL: /how-twinning-works/");
  });

  it("fills the front matter from the options, as a draft, with the title quoted", () => {
    const ctx = loadSiteContext({
      CONTENT_DIR: path.join(dir, "content"),
      BUILD_DATE: "2024-02-22",
    });
    const parse = (section: "articles" | "actions" | "pages", name: string) => {
      const file = path.join(dir, "content", section, name);
      const { item, errors } = parseContentFile(file, section, readFileSync(file, "utf8"), ctx);
      expect(errors).toEqual([]);
      return item!;
    };
    const article = parse("articles", "pickets-we-won-at-coventry.md");
    expect(article).toMatchObject({
      title: "Pickets: “we won” at Coventry",
      category: "analysis",
      draft: true,
      tags: [],
    });
    expect(article.date.at.toISODate()).toBe("2024-03-01");
    const action = parse("actions", "sign-the-open-letter.md");
    expect(action.cta).toMatchObject({
      label: "Sign the letter",
      url: "https://example.org/letter",
    });
    expect(action.category).toBe("campaign");
    expect(action.date.at.toISODate()).toBe("2024-02-22");
    const standing = parse("pages", "how-twinning-works.md");
    expect(standing.category).toBeUndefined();
    expect(standing.event).toBeUndefined();
  });

  it("writes files that npm run check accepts once an event's placeholders are filled", async () => {
    expect(runs.event!.stdout).toContain(
      "Write the event's start and location where it says TO FILL IN: npm run check refuses the file until then.",
    );
    const refused = await runScript(dir, "check.ts");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'content/articles/film-night.md:20 → event.start: expected a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM), got the placeholder "TO FILL IN" that npm run new wrote (write the real one)',
    );
    expect(refused.stderr).toContain("content/articles/film-night.md:23 → event.location:");
    const file = path.join(dir, "content/articles/film-night.md");
    writeFileSync(
      file,
      readFileSync(file, "utf8")
        .replace("start: TO FILL IN", "start: 2024-02-25T19:00")
        .replace("location: TO FILL IN", "location: Online"),
    );
    const check = await runScript(dir, "check.ts");
    expect(check.stderr).toBe("");
    expect(check.stdout).toContain("All 5 content files are valid");
    expect(check.code).toBe(0);
  });

  it("publishes the drafts at the printed URLs in a preview build", async () => {
    const preview = await buildFixture(dir, { preview: true });
    expect(preview.code, preview.stderr).toBe(0);
    const out = preview.out;
    expect(
      page(out, "/articles/pickets-we-won-at-coventry/").querySelector("h1")!.textContent,
    ).toBe("Pickets: “we won” at Coventry");
    expect(
      page(out, "/actions/sign-the-open-letter/").querySelector(".badge--draft")!.textContent,
    ).toBe("Draft: not published");
    expect(existsSync(path.join(out, "how-twinning-works/index.html"))).toBe(true);
  });

  it("refuses to overwrite, even a file in a sub-folder publishing at the same URL", async () => {
    const before = contentOf(dir, "articles/pickets-we-won-at-coventry.md");
    const again = await runScript(dir, "new.ts", ["article", "Pickets: we won at Coventry!"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("content/articles/pickets-we-won-at-coventry.md already exists");
    expect(contentOf(dir, "articles/pickets-we-won-at-coventry.md")).toBe(before);
    const nested = await runScript(dir, "new.ts", ["article", "Old news"]);
    expect(nested.code).toBe(1);
    expect(nested.stderr).toContain(
      "content/articles/2023/old-news.md already exists and would publish at /articles/old-news/",
    );
    expect(existsSync(path.join(dir, "content/articles/old-news.md"))).toBe(false);
  });

  it("refuses what check would refuse, and says how to fix it", async () => {
    const cases: [string[], string][] = [
      [["action", "No link yet"], "an action needs the link people act on: add --url"],
      [
        ["action", "Bad link", "--url", "javascript:alert(1)"],
        "cta.url: expected an https, http or mailto URL",
      ],
      [
        ["article", "Wrong category", "--category", "gossip"],
        '--category: expected one of news, analysis, statement, campaign, fundraiser, event, twinning, culture, got "gossip"',
      ],
      [
        ["article", "Bad date", "--date", "2024-02-30"],
        '--date: expected a real date (YYYY-MM-DD), got "2024-02-30"',
      ],
      [["page", "Articles"], 'a page called "articles" would take the URL /articles/'],
      [["article", "!!!"], "expected a title with letters or digits"],
      [["story", "Whatever"], "Usage: npm run new --"],
      [["article", "Two", "words"], "put the title in quotes"],
      [
        ["article", "Labelled", "--label", "Read more"],
        "--label: expected --url too (the label is the words of the button that links there), got no --url",
      ],
      [
        ["action", "No label", "--category", "news", "--url", "https://example.org/x"],
        '--label: expected the button\'s words, such as --label "Sign the petition", got nothing',
      ],
      [
        ["edition", "--category", "news"],
        "--category: expected only --date and --lang with edition, got --category",
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => runScript(dir, "new.ts", args)));
    cases.forEach(([args, message], n) => {
      expect(results[n]!.code, args.join(" ")).toBe(1);
      expect(results[n]!.stderr, args.join(" ")).toContain(message);
    });
    expect(existsSync(path.join(dir, "content/actions/no-link-yet.md"))).toBe(false);
    expect(existsSync(path.join(dir, "content/actions/bad-link.md"))).toBe(false);
  });
});

describe("npm run new on bad input or a bad environment", () => {
  it("cuts a very long title's file name at a word, keeping the whole title", async () => {
    const dir = makeFixture({});
    const title = `${"Solidarity ".repeat(300)}now`;
    const run = await runScript(dir, "new.ts", ["article", title]);
    expect(run.code, run.stderr).toBe(0);
    const name = `${"solidarity-".repeat(6)}solidarity.md`;
    expect(run.stdout).toContain(`Wrote content/articles/${name}`);
    expect(contentOf(dir, `articles/${name}`)).toContain(`title: "${title}"`);
  });

  it("says what is wrong with site.yml or BUILD_DATE, without a stack trace", async () => {
    const brokenYaml = makeFixture({});
    writeFileSync(path.join(brokenYaml, "content/_data/site.yml"), "title: [unclosed\n");
    const [yaml, date] = await Promise.all([
      runScript(brokenYaml, "new.ts", ["article", "Hello"]),
      runScript(makeFixture({}), "new.ts", ["article", "Hello"], { buildDate: "next tuesday" }),
    ]);
    expect(yaml.code).toBe(1);
    expect(yaml.stderr).toBe(
      'Nothing was written: content/_data/site.yml:1 → title: expected a "]" to close the list, got "[unclosed" (write it as [one, two])\n',
    );
    expect(date.code).toBe(1);
    expect(date.stderr).toMatch(
      /^Nothing was written: BUILD_DATE: expected .*, got "next tuesday"\n$/,
    );
    for (const run of [yaml, date]) expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("npm run new in another language", () => {
  it("drafts an Arabic translation that check accepts once its words are translated, and prints where it goes", async () => {
    const dir = makeFixture(
      {
        "actions/vigil.md": md(
          "title: Vigil for Gaza\ndate: 2024-02-12\ncategory: event\ncta:\n  label: Find your nearest vigil\n  url: https://vigil.example.org/\nevent:\n  start: 2024-03-01T18:00\n  location: Millennium Square, Leeds",
          "Bring a candle.",
        ),
      },
      TWO_LANGUAGES,
    );
    const run = await runScript(dir, "new.ts", [
      "action",
      "وقفة من أجل غزة",
      "--lang",
      "ar",
      "--translation-of",
      "content/actions/vigil.md",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split("\n")).toEqual([
      "Wrote content/actions/وقفة-من-أجل-غزة.md",
      "URL: /ar/actions/وقفة-من-أجل-غزة/ (https://fixture.example.org/ar/actions/%D9%88%D9%82%D9%81%D8%A9-%D9%85%D9%86-%D8%A3%D8%AC%D9%84-%D8%BA%D8%B2%D8%A9/ once published)",
      "Translate the text under the front matter (it is the original's) and write each TO FILL IN (the original's words are in the comment above it): npm run check refuses the file until then.",
      "It is a draft: previews show it; remove `draft: true` to publish it.",
      "",
    ]);
    const refused = await runScript(dir, "check.ts");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'content/actions/وقفة-من-أجل-غزة.md:9 → cta.label: expected a button label, got the placeholder "TO FILL IN" that npm run new wrote (write the real one)',
    );
    const file = path.join(dir, "content/actions/وقفة-من-أجل-غزة.md");
    writeFileSync(
      file,
      readFileSync(file, "utf8")
        .replace("label: TO FILL IN", "label: ابحثوا عن أقرب وقفة")
        .replace("location: TO FILL IN", "location: ساحة الألفية، ليدز")
        .replace("draft: true\n", ""),
    );
    const accepted = await runScript(dir, "check.ts");
    expect(accepted.stderr).toBe("");
    expect(accepted.code).toBe(0);
  });
});
