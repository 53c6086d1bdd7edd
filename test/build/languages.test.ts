import { readdirSync } from "node:fs";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "../helpers/files.ts";
import { buildFixture, makeFixture, md, page, readOut } from "../helpers/fixture.ts";
import { readIcs } from "../helpers/ics.ts";
import { BILINGUAL_FILES, BILINGUAL_SETTINGS } from "../helpers/languages-site.ts";

const ORIGIN = "https://fixture.example.org";
const hreflangs = (doc: Document) =>
  [...doc.querySelectorAll('link[rel="alternate"][hreflang]')].map(
    (l) => `${l.getAttribute("hreflang")} ${l.getAttribute("href")}`,
  );
const switcher = (doc: Document) =>
  [...doc.querySelectorAll(".language-switch a")].map(
    (a) =>
      `${a.textContent} ${a.getAttribute("href")}${a.hasAttribute("aria-current") ? " (here)" : ""}`,
  );

describe("a site in English and Arabic", () => {
  let out: string;
  beforeAll(async () => {
    const built = await buildFixture(makeFixture(BILINGUAL_FILES, BILINGUAL_SETTINGS));
    expect(built.stderr).toBe("");
    out = built.out;
  }, 120_000);

  it("gives every page its language and direction", () => {
    const pages = listFiles(out).filter((f) => f.endsWith(".html"));
    expect(pages.filter((f) => f.startsWith("ar/")).length).toBeGreaterThan(10);
    for (const file of pages) {
      const html = page(out, `/${file}`).documentElement;
      const arabic = file.startsWith("ar/");
      expect([file, html.getAttribute("lang"), html.getAttribute("dir")]).toEqual([
        file,
        arabic ? "ar" : "en-GB",
        arabic ? "rtl" : null,
      ]);
    }
  });

  it("links an item and its translation both ways, and the switcher goes to it", () => {
    const en = page(out, "/articles/march-for-gaza/");
    const ar = page(out, "/ar/articles/مسيرة-غزة/");
    const both = [
      `en-GB ${ORIGIN}/articles/march-for-gaza/`,
      `ar ${ORIGIN}/ar/articles/%D9%85%D8%B3%D9%8A%D8%B1%D8%A9-%D8%BA%D8%B2%D8%A9/`,
    ];
    expect(hreflangs(en)).toEqual(both);
    expect(hreflangs(ar)).toEqual(both);
    expect(switcher(en)).toEqual([
      "English /articles/march-for-gaza/ (here)",
      "العربية /ar/articles/مسيرة-غزة/",
    ]);
    expect(switcher(ar)).toEqual([
      "English /articles/march-for-gaza/",
      "العربية /ar/articles/مسيرة-غزة/ (here)",
    ]);
  });

  it("sends the switcher to the other language's home when an item has no translation", () => {
    const action = page(out, "/ar/actions/بيان-الشركاء/");
    expect(hreflangs(action)).toEqual([
      `ar ${ORIGIN}/ar/actions/%D8%A8%D9%8A%D8%A7%D9%86-%D8%A7%D9%84%D8%B4%D8%B1%D9%83%D8%A7%D8%A1/`,
    ]);
    expect(switcher(action)[0]).toBe("English /");
    expect(switcher(page(out, "/about/"))[1]).toBe("العربية /ar/");
    // A generated page has its counterpart in the other language.
    expect(switcher(page(out, "/events/"))[1]).toBe("العربية /ar/events/");
  });

  it("writes Arabic pages in Arabic: strings, labels, dates and digits", () => {
    const ar = page(out, "/ar/articles/مسيرة-غزة/");
    expect(ar.querySelector("title")!.textContent).toBe("مسيرة من أجل غزة في ليدز · نشرة التضامن");
    expect(ar.querySelector(".site-nav a")!.textContent).toBe("مقالات");
    expect(ar.querySelector(".item__kicker a")!.textContent).toBe("أخبار");
    expect(ar.querySelector(".item__kicker a")!.getAttribute("href")).toBe("/ar/categories/news/");
    expect(ar.querySelector(".item__meta time")!.textContent).toBe("٥ فبراير ٢٠٢٤");
    expect(ar.querySelector(".event-details__when")!.textContent).toContain(
      "السبت ٢ مارس ٢٠٢٤، ١٢:٠٠",
    );
    expect(ar.querySelector(".tags a")!.getAttribute("href")).toBe("/ar/tags/gaza/");
    const action = page(out, "/ar/actions/");
    expect(action.querySelector("h1")!.textContent).toBe("تحرّكات");
    expect(action.querySelector(".cta__deadline")!.textContent).toBe("مفتوح حتى ١٥ مارس ٢٠٢٤");
    // The English pages list no Arabic item, and the Arabic ones no English item.
    expect(page(out, "/articles/").querySelectorAll(".card").length).toBe(1);
    expect(
      [...page(out, "/ar/").querySelectorAll(".card__title a")].map((a) => a.textContent),
    ).toEqual(["وقّعوا بيان الشركاء الفلسطينيين", "مسيرة من أجل غزة في ليدز"]);
  });

  it("has a calendar per language, read back with ical.js", () => {
    const en = readIcs(readOut(out, "events.ics"));
    const ar = readIcs(readOut(out, "ar/events.ics"));
    expect(en.events.map((e) => e.summary)).toEqual(["March for Gaza in Leeds"]);
    expect(ar.name).toBe("نشرة التضامن: الفعاليات");
    expect(ar.events.map((e) => [e.summary, e.url])).toEqual([
      [
        "مسيرة من أجل غزة في ليدز",
        `${ORIGIN}/ar/articles/%D9%85%D8%B3%D9%8A%D8%B1%D8%A9-%D8%BA%D8%B2%D8%A9/`,
      ],
    ]);
    expect(readdirSync(path.join(out, "ar", "articles", "مسيرة-غزة"))).toContain("event.ics");
    expect(ar.events[0]!.description).toContain(
      `التفاصيل: ${ORIGIN}/ar/articles/%D9%85%D8%B3%D9%8A%D8%B1%D8%A9-%D8%BA%D8%B2%D8%A9/`,
    );
    expect(ar.events[0]!.categories).toEqual(["أخبار"]);
    expect(en.events[0]!.categories).toEqual(["News"]);
  });

  it("has feeds per language, read back with a feed parser", () => {
    const en = parseFeed(readOut(out, "feed.xml"));
    const ar = parseFeed(readOut(out, "ar/feed.xml"));
    expect(en.language).toBe("en-GB");
    expect(ar.language).toBe("ar");
    expect(ar.title).toBe("نشرة التضامن");
    expect(en.items.map((i) => i.title)).toEqual(["March for Gaza in Leeds"]);
    expect(ar.items.map((i) => i.title)).toEqual([
      "وقّعوا بيان الشركاء الفلسطينيين",
      "مسيرة من أجل غزة في ليدز",
    ]);
    const json = JSON.parse(readOut(out, "ar/feed.json"));
    expect([json.language, json.items.length]).toEqual(["ar", 2]);
    expect(parseFeed(readOut(out, "ar/tags/gaza/feed.xml")).items.map((i) => i.title)).toEqual([
      "مسيرة من أجل غزة في ليدز",
    ]);
  });

  it("has a sitemap per language, both named in robots.txt", () => {
    const urls = (file: string) =>
      [...readOut(out, file).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(urls("ar/sitemap.xml").every((u) => u.startsWith(`${ORIGIN}/ar/`))).toBe(true);
    expect(urls("sitemap.xml").some((u) => u.startsWith(`${ORIGIN}/ar/`))).toBe(false);
    expect(urls("ar/sitemap.xml")).toContain(`${ORIGIN}/ar/events/`);
    expect(readOut(out, "robots.txt")).toContain(
      `Sitemap: ${ORIGIN}/sitemap.xml\nSitemap: ${ORIGIN}/ar/sitemap.xml\n`,
    );
  });
});

describe("a site in one language", () => {
  it("writes no trace of languages: no alternates, switcher, isolation or direction", async () => {
    const english = Object.fromEntries(
      Object.entries(BILINGUAL_FILES).filter(([, text]) => !text.includes("\nlang: ")),
    );
    const built = await buildFixture(makeFixture(english));
    expect(built.stderr).toBe("");
    const pages = listFiles(built.out).filter((f) => f.endsWith(".html"));
    expect(pages.some((f) => f.startsWith("ar/"))).toBe(false);
    for (const file of pages) {
      const html = readOut(built.out, file);
      expect([file, /hreflang|language-switch|<bdi>|<html[^>]* dir=/.test(html)]).toEqual([
        file,
        false,
      ]);
    }
  }, 120_000);
});

describe("a site's own strings", () => {
  it("completes or replaces the built-in ones from content/_data/i18n/, and refuses a stray file there", async () => {
    const files = {
      ...BILINGUAL_FILES,
      "_data/i18n/ar.yml": "nav:\n  actions: أفعال\n",
    };
    const built = await buildFixture(makeFixture(files, BILINGUAL_SETTINGS));
    expect(built.stderr).toBe("");
    expect(
      [...page(built.out, "/ar/").querySelectorAll(".site-nav a")].map((a) => a.textContent),
    ).toEqual(["مقالات", "أفعال", "فعاليات", "مواضيع"]);
    const stray = await buildFixture(
      makeFixture(
        { ...files, "_data/i18n/fr.yml": "nav:\n  actions: Actions\n" },
        BILINGUAL_SETTINGS,
      ),
    );
    expect(stray.code).toBe(1);
    expect(stray.stderr).toContain(
      "content/_data/i18n/fr.yml → file: expected the interface strings of one of the site's languages in content/_data/i18n/ (en.yml, ar.yml), got a file the site does not read (rename or remove it)",
    );
  }, 120_000);
});

describe("refusals", () => {
  it("fails on a missing interface string, naming the key and the language", async () => {
    const settings = `${BILINGUAL_SETTINGS.replace("languages:\n", "languages:\n  cy:\n    name: Cymraeg\n    categories: { news: Newyddion, analysis: Dadansoddi, statement: Datganiadau, campaign: Ymgyrchoedd, fundraiser: Codi arian, event: Digwyddiadau, twinning: Gefeillio, culture: Diwylliant }\n")}`;
    const dir = makeFixture(
      {
        ...BILINGUAL_FILES,
        "_data/i18n/cy.yml": "language:\n  name: Cymraeg\nnav:\n  articles: Erthyglau\n",
      },
      settings,
    );
    const built = await buildFixture(dir);
    expect(built.code).toBe(1);
    expect(built.stderr).toContain(
      'content/_data/i18n/cy.yml → nav.actions: expected the "cy" text for "Actions", got nothing',
    );
    expect(built.stderr).not.toContain("nav.articles");
  }, 120_000);

  it("refuses an unknown language, a broken translation link and an English page under /ar/", async () => {
    const dir = makeFixture(
      {
        ...BILINGUAL_FILES,
        "articles/fr.md": md("title: Marche\ndate: 2024-02-01\ncategory: news\nlang: fr"),
        "articles/twin.md": md(
          "title: توأم\ndate: 2024-02-01\ncategory: news\nlang: ar\ntranslationOf: articles/march-for-gaza.md",
        ),
        "pages/sneaky.md": md("title: Sneaky\ndate: 2024-01-01\npermalink: /ar/sneaky/"),
      },
      BILINGUAL_SETTINGS,
    );
    const built = await buildFixture(dir);
    expect(built.code).toBe(1);
    expect(built.stderr).toContain(
      'content/articles/fr.md:5 → lang: expected one of the site\'s languages in site.yml (en, ar), got "fr": did you mean "ar"?',
    );
    expect(built.stderr).toContain(
      'content/articles/مسيرة-غزة.md:5 → translationOf: expected one "ar" translation of "articles/march-for-gaza.md", got two: content/articles/twin.md and this file (remove one, or set another lang:)',
    );
    expect(built.stderr).toContain(
      'content/pages/sneaky.md:4 → permalink: expected a URL of its own, got /ar/sneaky/, where the site publishes the pages in "ar", for items with lang: ar (choose another permalink)',
    );
  }, 120_000);
});
