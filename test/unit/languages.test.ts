import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Item } from "../../src/lib/content.ts";
import { readableDate, spell } from "../../src/lib/format.ts";
import { languageOfUrl, localDigits, makeLanguages } from "../../src/lib/languages.ts";
import { routes, routesUnder } from "../../src/lib/routes.ts";
import { settingsSchema } from "../../src/lib/settings.ts";
import { loadStrings, Strings } from "../../src/lib/strings.ts";
import { linkTranslations } from "../../src/lib/translations.ts";

const settings = settingsSchema.parse({
  title: "Digest",
  url: "https://d.example.org",
  categories: { news: "News" },
  languages: { ar: { name: "العربية", digits: "arab", categories: { news: "أخبار" } } },
});
const strings = loadStrings(mkdtempSync(path.join(tmpdir(), "strings-")), ["en", "ar"]);
const languages = makeLanguages(settings, (code) => strings.strings.get(code)!);
const arabic = languages.get("ar")!;

describe("site languages", () => {
  it("puts the default first, keeps its URLs, and gives another its folder, direction and labels", () => {
    expect(strings.problems).toEqual([]);
    expect(languages.list.map((l) => [l.code, l.tag, l.dir, l.prefix])).toEqual([
      ["en", "en-GB", "ltr", ""],
      ["ar", "ar", "rtl", "/ar"],
    ]);
    expect(languages.default.name).toBe("English");
    expect(arabic.categories).toEqual({ news: "أخبار" });
    expect(languages.multilingual).toBe(true);
  });

  it("finds a page's language from its URL", () => {
    expect(languageOfUrl(languages, "/ar/articles/x/").code).toBe("ar");
    expect(languageOfUrl(languages, "/ar/").code).toBe("ar");
    expect(languageOfUrl(languages, "/articles/ar/").code).toBe("en");
    expect(languageOfUrl(languages, "/arabic/").code).toBe("en");
    expect(languageOfUrl(languages, "/fr/").code).toBe("en");
  });

  it("prefixes every page's route, but not the files the site shares", () => {
    const ar = routesUnder("/ar");
    expect(ar.home).toBe("/ar/");
    expect(ar.list("articles", 1)).toBe("/ar/articles/2/");
    expect(ar.tag("غزة")).toBe("/ar/tags/غزة/");
    expect(ar.topicFeed("/ar/tags/x/")).toBe("/ar/tags/x/feed.xml");
    expect(ar.eventIcs("/ar/articles/march/")).toBe("/ar/articles/march/event.ics");
    expect([ar.pagefind, ar.images, ar.assets, ar.robots]).toEqual([
      routes.pagefind,
      routes.images,
      routes.assets,
      routes.robots,
    ]);
    expect(routesUnder("")).toBe(routes);
  });
});

describe("dates and digits", () => {
  const at = DateTime.fromISO("2026-03-05T19:30", { zone: "Europe/London" });

  it("spells Arabic dates from the table, in the digits site.yml names", () => {
    expect(readableDate(at, arabic)).toBe("٥ مارس ٢٠٢٦");
    expect(spell(at, "cccc d MMMM yyyy، HH:mm", arabic)).toBe("الخميس ٥ مارس ٢٠٢٦، ١٩:٣٠");
    const latin = { ...arabic, digits: "latn" as const };
    expect(readableDate(at, latin)).toBe("5 مارس 2026");
  });

  it("spells English dates as luxon always did", () => {
    expect(readableDate(at, languages.default)).toBe("5 March 2026");
    expect(readableDate(at, "en-GB")).toBe("5 March 2026");
  });

  it("writes Arabic-Indic digits only when asked", () => {
    expect(localDigits("2026-03", "arab")).toBe("٢٠٢٦-٠٣");
    expect(localDigits("2026-03", "latn")).toBe("2026-03");
  });
});

describe("interface strings", () => {
  it("fills in values and refuses a key the table lacks, naming key and language", () => {
    const table = new Strings("ar", new Map([["a.b", "الصفحة {n} من {total}"]]));
    expect(table.text("a.b", { n: "٢", total: "٥" })).toBe("الصفحة ٢ من ٥");
    expect(() => table.text("nav.articles")).toThrow(
      'interface string "nav.articles" is missing in language "ar"',
    );
  });

  it("takes the plural form the number calls for in the language", () => {
    const ar = strings.strings.get("ar")!;
    const forms = [0, 1, 2, 3, 10, 11, 99, 100].map((n) =>
      ar.text("events.count", { n: localDigits(String(n), "arab") }, n),
    );
    expect(forms).toEqual([
      "لا فعاليات",
      "فعالية واحدة",
      "فعاليتان",
      "٣ فعاليات",
      "١٠ فعاليات",
      "١١ فعالية",
      "٩٩ فعالية",
      "١٠٠ فعالية",
    ]);
    const en = strings.strings.get("en")!;
    expect([1, 2].map((n) => en.text("events.count", { n }, n))).toEqual(["1 event", "2 events"]);
    expect(() => en.text("events.count")).toThrow(
      'interface string "events.count" in language "en" needs a number',
    );
  });

  it("names every string a language's table lacks, with the English it stands for", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "strings-"));
    mkdirSync(path.join(dir, "_data", "i18n"), { recursive: true });
    writeFileSync(path.join(dir, "_data", "i18n", "cy.yml"), "nav:\n  articles: Erthyglau\n");
    const { problems } = loadStrings(dir, ["en", "cy"]);
    expect(problems).toContain(
      'content/_data/i18n/cy.yml → nav.actions: expected the "cy" text for "Actions", got nothing',
    );
    expect(problems.some((p) => p.includes("nav.articles"))).toBe(false);
  });

  it("says so once when a language has no strings at all", () => {
    const { problems } = loadStrings(mkdtempSync(path.join(tmpdir(), "strings-")), ["en", "fr"]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^content\/_data\/i18n\/fr\.yml: expected the interface strings of language "fr" \(\d+ of them; copy src\/i18n\/en\.yml and translate it\), got none$/,
    );
  });

  it("lets a site replace a built-in string", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "strings-"));
    mkdirSync(path.join(dir, "_data", "i18n"), { recursive: true });
    writeFileSync(path.join(dir, "_data", "i18n", "ar.yml"), "nav:\n  actions: أفعال\n");
    const { strings: loaded, problems } = loadStrings(dir, ["en", "ar"]);
    expect(problems).toEqual([]);
    expect(loaded.get("ar")!.text("nav.actions")).toBe("أفعال");
    expect(loaded.get("ar")!.text("nav.articles")).toBe("مقالات");
  });

  it("gives Arabic every string English has", () => {
    const en = strings.strings.get("en")!;
    const ar = strings.strings.get("ar")!;
    expect([...en.table.keys()].filter((key) => !ar.has(key))).toEqual([]);
  });
});

describe("translation links", () => {
  const item = (file: string, lang: string, translationOf?: string, section = "articles") =>
    ({
      file: `content/${file}`,
      inputPath: `/nowhere/content/${file}`,
      section,
      lang,
      ...(translationOf ? { translationOf } : {}),
    }) as unknown as Item;
  const messages = (items: Item[]) =>
    linkTranslations(items).errors.map((e) => `${e.file} → ${e.field}: ${e.message}`);

  it("links an original and its translations both ways", () => {
    const en = item("articles/march.md", "en");
    const ar = item("articles/مسيرة.md", "ar", "content/articles/march.md");
    const { errors, versions } = linkTranslations([en, ar]);
    expect(errors).toEqual([]);
    expect(versions.get(en)).toEqual([ar]);
    expect(versions.get(ar)).toEqual([en]);
  });

  it("refuses a missing original, naming the nearest file", () => {
    expect(
      messages([item("articles/march.md", "en"), item("articles/x.md", "ar", "articles/mrach.md")]),
    ).toEqual([
      'content/articles/x.md → translationOf: expected the path of the original under content/, such as articles/x.md, got "articles/mrach.md" (no such file): did you mean "articles/march.md"?',
    ]);
  });

  it("refuses an original in another section", () => {
    expect(
      messages([
        item("actions/sign.md", "en", undefined, "actions"),
        item("articles/x.md", "ar", "actions/sign.md"),
      ]),
    ).toEqual([
      'content/articles/x.md → translationOf: expected an original in content/articles/ (a translation stays in its original\'s section), got "actions/sign.md" in content/actions/',
    ]);
  });

  it("refuses an original in the same language", () => {
    expect(
      messages([item("articles/a.md", "en"), item("articles/b.md", "en", "articles/a.md")]),
    ).toEqual([
      'content/articles/b.md → translationOf: expected an original in another language, got "articles/a.md", which is also in "en" (set lang: on the translation)',
    ]);
  });

  it("refuses a translation of a translation, and two pointing at each other", () => {
    expect(
      messages([
        item("articles/a.md", "en"),
        item("articles/b.md", "ar", "articles/a.md"),
        item("articles/c.md", "fr", "articles/b.md"),
      ]),
    ).toEqual([
      'content/articles/c.md → translationOf: expected the original, got "articles/b.md", which is itself a translation (of "articles/a.md"): name that one',
    ]);
    expect(
      messages([
        item("articles/a.md", "en", "articles/b.md"),
        item("articles/b.md", "ar", "articles/a.md"),
      ]),
    ).toHaveLength(2);
  });

  it("refuses two translations in one language, and a file naming itself", () => {
    expect(
      messages([
        item("articles/a.md", "en"),
        item("articles/b.md", "ar", "articles/a.md"),
        item("articles/c.md", "ar", "articles/a.md"),
        item("articles/d.md", "ar", "articles/d.md"),
      ]),
    ).toEqual([
      'content/articles/c.md → translationOf: expected one "ar" translation of "articles/a.md", got two: content/articles/b.md and this file (remove one, or set another lang:)',
      'content/articles/d.md → translationOf: expected the path of another file (the original), got "articles/d.md", this file itself',
    ]);
  });
});
