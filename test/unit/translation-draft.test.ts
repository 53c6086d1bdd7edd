import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatError } from "../../src/lib/content.ts";
import { createItem, type NewItemRequest, ScaffoldError } from "../../src/lib/scaffold.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import { ContentStore, ContentValidationError } from "../../src/lib/store.ts";
import { DEFAULT_SETTINGS, makeFixture, md } from "../helpers/fixture.ts";
import { makeJpeg } from "../helpers/sample-site.ts";
import { BILINGUAL_SETTINGS as TWO_LANGUAGES } from "../helpers/languages-site.ts";

const ORIGINALS = {
  "articles/2024/leeds-march.md": md(
    "title: Thousands march in Leeds\ndate: 2024-02-10\ncategory: news\ntags: [palestine, Leeds]\nsummary: Thousands marched\n  through the city.\nauthor: Jo Bloggs\nsource:\n  name: Leeds PSC\n  url: https://leeds.example.org/march\nimage:\n  src: ./march.jpg\n  alt: Marchers on the Headrow\n  credit: Sam",
    "Thousands marched through **Leeds** to the [town hall](https://leeds.example.org/).",
  ),
  "actions/vigil.md": md(
    "title: Vigil for Gaza\ndate: 2024-02-12\ncategory: event\ncta:\n  label: Find your nearest vigil\n  url: https://vigil.example.org/\n  deadline: 2024-03-01\nevent:\n  start: 2024-03-01T18:00\n  end: 2024-03-01T19:30\n  location: Millennium Square, Leeds\n  url: https://vigil.example.org/live",
    "Bring a candle.",
  ),
  "pages/about.md": md("title: About us\ndate: 2024-01-01\npermalink: /about-us/", "Who we are."),
  "articles/already-arabic.md": md(
    "title: مسيرة\ndate: 2024-02-11\nlang: ar\ncategory: news\ntranslationOf: articles/old.md",
  ),
  "articles/old.md": md("title: Old\ndate: 2024-01-01\ncategory: news"),
};

let jpeg: Buffer;
beforeAll(async () => {
  jpeg = await makeJpeg(40, 30);
});

const site = (settings = TWO_LANGUAGES) => {
  const dir = makeFixture({ ...ORIGINALS, "articles/2024/march.jpg": jpeg }, settings);
  return loadSiteContext({ CONTENT_DIR: path.join(dir, "content"), BUILD_DATE: "2024-02-22" });
};

const refusal = (make: () => unknown) => {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(ScaffoldError);
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
};

/** What check prints for the site: every refusal, one line each. */
function checked(ctx: ReturnType<typeof site>): string[] {
  try {
    new ContentStore(
      loadSiteContext({ CONTENT_DIR: ctx.contentDir, BUILD_DATE: "2024-02-22" }),
    ).load();
    return [];
  } catch (error) {
    if (!(error instanceof ContentValidationError)) throw error;
    return error.errors.map(formatError);
  }
}

const translate = (ctx: ReturnType<typeof site>, request: Partial<NewItemRequest>) =>
  createItem(ctx, { kind: "article", title: "مسيرة الآلاف في ليدز", ...request });

describe("npm run new -- … --translation-of", () => {
  it("copies what stays the same, leaves each text to translate, and check refuses it until translated", () => {
    const ctx = site();
    const result = translate(ctx, {
      lang: "ar",
      translationOf: "content/articles/2024/leeds-march.md",
    });
    expect(result.shownFile).toBe("content/articles/مسيرة-الآلاف-في-ليدز.md");
    expect(result.url).toBe("/ar/articles/مسيرة-الآلاف-في-ليدز/");
    expect(readFileSync(result.file, "utf8")).toBe(
      [
        "---",
        'title: "مسيرة الآلاف في ليدز"',
        "date: 2024-02-10",
        "lang: ar",
        "translationOf: articles/2024/leeds-march.md",
        "category: news",
        "tags: [palestine, Leeds]",
        "author: Jo Bloggs",
        "# The original's summary, to translate (then remove the #):",
        "# summary: Thousands marched through the city.",
        "source:",
        "  name: Leeds PSC",
        '  url: "https://leeds.example.org/march"',
        "image:",
        '  src: "./2024/march.jpg"',
        "  # The original's alt: Marchers on the Headrow",
        "  alt: TO FILL IN",
        "  credit: Sam",
        "# Remove the next line when the translation is ready to publish.",
        "draft: true",
        "---",
        "Thousands marched through **Leeds** to the [town hall](https://leeds.example.org/).",
        "",
      ].join("\n"),
    );
    expect(checked(ctx)).toEqual([
      'content/articles/مسيرة-الآلاف-في-ليدز.md:17 → image.alt: expected alt text saying what the picture shows, for readers who cannot see it, got the placeholder "TO FILL IN" that npm run import or npm run new wrote (write the real one)',
    ]);
  });

  it("keeps an action's link, deadline and times, and asks for its button and place in the translation's words", () => {
    const ctx = site();
    const { text } = createItem(ctx, {
      kind: "action",
      title: "وقفة من أجل غزة",
      translationOf: "actions/vigil.md",
    });
    expect(text).toBe(
      [
        "---",
        'title: "وقفة من أجل غزة"',
        "date: 2024-02-12",
        "lang: ar",
        "translationOf: actions/vigil.md",
        "category: event",
        "cta:",
        "  # The original's label: Find your nearest vigil",
        "  label: TO FILL IN",
        '  url: "https://vigil.example.org/"',
        "  deadline: 2024-03-01",
        "event:",
        "  start: 2024-03-01T18:00",
        "  end: 2024-03-01T19:30",
        "  # The original's location: Millennium Square, Leeds",
        "  location: TO FILL IN",
        '  url: "https://vigil.example.org/live"',
        "# Remove the next line when the translation is ready to publish.",
        "draft: true",
        "---",
        "Bring a candle.",
        "",
      ].join("\n"),
    );
    const filled = text
      .replace("label: TO FILL IN", "label: ابحثوا عن أقرب وقفة")
      .replace("location: TO FILL IN", "location: Millennium Square، ليدز");
    writeFileSync(path.join(ctx.contentDir, "actions/وقفة-من-أجل-غزة.md"), filled);
    expect(checked(ctx)).toEqual([]);
  });

  it("gives a page's translation the original's permalink under the language's folder", () => {
    const ctx = site();
    const result = createItem(ctx, {
      kind: "page",
      title: "من نحن",
      translationOf: "pages/about.md",
    });
    expect(result.url).toBe("/ar/about-us/");
    expect(result.text).toContain("\npermalink: /about-us/\n");
  });

  it("writes lang: for an item in another language, with its URL under the language's folder", () => {
    const ctx = site();
    const result = createItem(ctx, { kind: "article", title: "بيان", lang: "ar" });
    expect(result.url).toBe("/ar/articles/بيان/");
    expect(result.text).toContain("\ndate: 2024-02-22\nlang: ar\ncategory: news\n");
    expect(createItem(ctx, { kind: "article", title: "Statement" }).text).not.toContain("lang:");
  });

  it("refuses what would make a broken translation, saying what to do instead", () => {
    const ctx = site();
    translate(ctx, { translationOf: "articles/2024/leeds-march.md" });
    expect(
      [
        { lang: "fr", title: "x" },
        { lang: "arabic", title: "y" },
        { lang: "AR", title: "z" },
        { translationOf: "articles/nowhere.md" },
        { translationOf: "actions/vigil.md" },
        { translationOf: "groups/x.md" },
        { translationOf: "articles/already-arabic.md" },
        { translationOf: "articles/old.md", lang: "en" },
        { title: "مسيرة ثانية", translationOf: "articles/2024/leeds-march.md" },
        { title: "ترجمة", translationOf: "articles/old.md", url: "https://x.example.org" },
      ].map((request) => refusal(() => translate(ctx, request))),
    ).toEqual([
      '--lang: expected one of en, ar (the languages of content/_data/site.yml), got "fr"',
      '--lang: expected one of en, ar (the languages of content/_data/site.yml), got "arabic"',
      '--lang: expected one of en, ar (the languages of content/_data/site.yml), got "AR": did you mean "ar"?',
      '--translation-of: expected the path of an article under content/, such as articles/its-name.md, got "articles/nowhere.md" (no such file)',
      '--translation-of: expected an article (content/articles/…) to translate, got "actions/vigil.md", an action (start its translation with npm run new -- action)',
      '--translation-of: expected the path of an article under content/, such as articles/its-name.md, got "groups/x.md" (no such file)',
      "--translation-of: expected an original, got content/articles/already-arabic.md, itself a translation of articles/old.md (translate that one)",
      '--lang: expected a language other than the original\'s (en), got "en"',
      "--translation-of: expected an original with no ar translation yet, got articles/2024/leeds-march.md, which content/articles/مسيرة-الآلاف-في-ليدز.md already translates (edit that file)",
      "--url: expected no --url with --translation-of (the translation takes the original's), got --url",
    ]);
  });

  it("refuses another language on a site with one, naming where to add it", () => {
    expect(refusal(() => translate(site(DEFAULT_SETTINGS), { lang: "ar" }))).toBe(
      '--lang: expected en, the site\'s only language (list others under languages: in content/_data/site.yml), got "ar"',
    );
    expect(
      refusal(() => translate(site(DEFAULT_SETTINGS), { translationOf: "articles/old.md" })),
    ).toBe(
      "--lang: expected the translation's language (another language in content/_data/site.yml) with --translation-of, got none",
    );
  });
});
