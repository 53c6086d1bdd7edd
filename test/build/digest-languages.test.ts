import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { formatError } from "../../src/lib/content.ts";
import { draftEdition } from "../../src/lib/edition-draft.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import { ContentStore, ContentValidationError } from "../../src/lib/store.ts";
import {
  DIGEST_BUILD_DATE,
  DIGEST_LANGUAGES,
  makeDigestSite,
  SITE,
} from "../helpers/digest-site.ts";
import { buildFixture, md, page, readOut, runScript } from "../helpers/fixture.ts";

const text = (el: Element | null | undefined) =>
  (el?.textContent ?? "").replace(/\s+/g, " ").trim();
const all = (doc: ParentNode, selector: string) => [...doc.querySelectorAll(selector)];
const dom = (html: string) => parseHTML(html).document as unknown as Document;

/** Arabic items and two Arabic editions, numbered 1 and 2 like the English ones. */
const ARABIC: Record<string, string> = {
  "articles/ar-strike.md": md(
    "title: إضراب في المتحف\ndate: 2024-02-20\ncategory: news\nlang: ar\nsummary: اعتصام كل صباح.",
  ),
  "articles/ar-new.md": md(
    "title: خبر جديد\ndate: 2024-03-10\ncategory: news\nlang: ar",
    // The gate knows each language's digest pages and feeds.
    "اقرأ [كل الأعداد](/ar/digest/) أو تابع [الخلاصة](/ar/digest/feed.xml).",
  ),
  "actions/ar-letter.md": md(
    "title: وقّع الرسالة المفتوحة\ndate: 2024-02-01\ncategory: campaign\nlang: ar\ncta:\n  label: وقّع الرسالة\n  url: https://letters.example.org/ar\n  deadline: 2024-04-30",
  ),
  "actions/ar-march.md": md(
    "title: المسيرة الوطنية\ndate: 2024-02-10\ncategory: event\nlang: ar\nevent:\n  start: 2024-03-16T12:00\n  location: لندن\ncta:\n  label: احجز مقعدًا\n  url: https://march.example.org/ar",
  ),
  "editions/ar/2024/001.md": md(
    `title: العدد الأول
date: 2024-03-08
number: 1
lang: ar
summary: إضرابات واعتصامات.
sections:
  - heading: على خط الاعتصام
    items:
      - item: articles/ar-strike.md
        note: اعتصام كل صباح حتى أبريل.`,
    "أهلًا بكم في العدد **الأول**.",
  ),
  "editions/ar/2024/002.md": md(
    `title: العدد الثاني
date: 2024-03-09
number: 2
lang: ar
summary: رسالة للتوقيع.
sections:
  - heading: تحرّك
    items:
      - /ar/actions/ar-letter/`,
  ),
};

describe("the digest in a second language (Arabic, right to left, Arabic digits)", () => {
  let out: string;
  let site: string;

  beforeAll(async () => {
    site = makeDigestSite(ARABIC, DIGEST_LANGUAGES);
    const built = await buildFixture(site, { buildDate: DIGEST_BUILD_DATE });
    expect(built.code, built.stderr).toBe(0);
    out = built.out;
  }, 120_000);

  it("publishes each language's editions under its own folder, numbered from 1", () => {
    const archive = page(out, "/ar/digest/");
    expect(archive.documentElement.getAttribute("lang")).toBe("ar");
    expect(archive.documentElement.getAttribute("dir")).toBe("rtl");
    expect(text(archive.querySelector("main h1"))).toBe("النشرة");
    expect(
      all(archive, "main .card__title a").map((a) => [text(a), a.getAttribute("href")]),
    ).toEqual([
      ["العدد الثاني", "/ar/digest/2/"],
      ["العدد الأول", "/ar/digest/1/"],
    ]);
    expect(all(archive, "main .card__kicker").map(text)).toEqual(["العدد ٢", "العدد ١"]);
    expect(all(archive, "main .card__meta").map(text)).toEqual(["٩ مارس ٢٠٢٤", "٨ مارس ٢٠٢٤"]);
    const subscribe = archive.querySelector("main .subscribe")!;
    expect(text(subscribe.querySelector("h2"))).toBe("احصل على النشرة");
    expect(all(subscribe, "a").map((a) => a.getAttribute("href"))).toEqual([
      "https://lists.example.org/subscribe",
      "/ar/digest/feed.xml",
      "/ar/digest/feed.json",
    ]);
    // The English archive keeps its own two editions, at the URLs it always had.
    expect(
      all(page(out, "/digest/"), "main .card__title a").map((a) => a.getAttribute("href")),
    ).toEqual(["/digest/2/", "/digest/1/"]);
  });

  it("shows an Arabic edition in Arabic: its strings, dates, digits, and only Arabic items", () => {
    const doc = page(out, "/ar/digest/1/");
    expect(doc.documentElement.getAttribute("lang")).toBe("ar");
    expect(doc.documentElement.getAttribute("dir")).toBe("rtl");
    expect(text(doc.querySelector(".item__kicker"))).toBe("النشرة · العدد ١");
    expect(doc.querySelector(".item__kicker a")?.getAttribute("href")).toBe("/ar/digest/");
    expect(text(doc.querySelector(".item__meta time"))).toBe("٨ مارس ٢٠٢٤");
    expect(all(doc, ".edition__section h2").map(text)).toEqual([
      "على خط الاعتصام",
      "ما زال مفتوحًا",
      "قريبًا",
    ]);
    expect(text(doc.querySelector(".edition__note"))).toBe(
      "ملاحظة المحرّر: اعتصام كل صباح حتى أبريل.",
    );
    // The English open letter and march are open too, but in another language.
    const [, open, coming] = all(doc, ".edition__section");
    expect(all(open!, ".card__title").map(text)).toEqual(["وقّع الرسالة المفتوحة"]);
    expect(all(coming!, ".card__title").map(text)).toEqual(["المسيرة الوطنية"]);
    const next = doc.querySelector('a[rel="next"]')!;
    expect([text(next), next.getAttribute("href")]).toEqual([
      "التالي: العدد ٢، العدد الثاني",
      "/ar/digest/2/",
    ]);
    expect(
      doc.querySelector('link[type="application/atom+xml"][href="/ar/digest/feed.xml"]'),
    ).not.toBeNull();
  });

  it("writes an Arabic edition's email in Arabic, right to left, with every link to a built page", () => {
    const html = readOut(out, "ar/digest/1/email.html");
    const doc = dom(html);
    expect(doc.documentElement.getAttribute("lang")).toBe("ar");
    expect(doc.documentElement.getAttribute("dir")).toBe("rtl");
    expect(text(doc.querySelector(".meta"))).toBe("العدد ١ · ٨ مارس ٢٠٢٤ · اقرأه في المتصفح");
    expect(all(doc, "h2").map(text)).toEqual(["على خط الاعتصام", "ما زال مفتوحًا", "قريبًا"]);
    expect(all(doc, ".kicker").map(text)).toEqual([
      "٢٠ فبراير ٢٠٢٤",
      "تحرّك · مفتوح حتى ٣٠ أبريل ٢٠٢٤",
      "تحرّك",
    ]);
    // Cards are marked on the reading side: the right, in Arabic.
    expect(doc.querySelector("table.card")?.getAttribute("style")).toContain("border-right:");
    const footer = all(doc, ".footer a").map((a) => [text(a), a.getAttribute("href")]);
    expect(footer).toEqual([
      ["اشترك", "https://lists.example.org/subscribe"],
      ["إلغاء الاشتراك", "{{ UnsubscribeURL }}"],
      ["الأعداد السابقة", `${SITE}/ar/digest/`],
      ["fixture.example.org", `${SITE}/ar/`],
    ]);
    const hrefs = all(doc, "a").map((a) => a.getAttribute("href")!);
    expect(hrefs).toContain(`${SITE}/ar/digest/1/`);
    for (const href of hrefs.filter((h) => h.startsWith(`${SITE}/`))) {
      const file = path.join(out, new URL(href).pathname, "index.html");
      expect(existsSync(file), href).toBe(true);
    }

    const txt = readOut(out, "ar/digest/1/email.txt").split("\n");
    expect(txt.slice(0, 3)).toEqual([
      "نشرة التضامن: العدد الأول",
      "العدد ١ · ٨ مارس ٢٠٢٤",
      `اقرأه في المتصفح: ${SITE}/ar/digest/1/`,
    ]);
    expect(txt).toContain("  ملاحظة: اعتصام كل صباح حتى أبريل.");
    expect(txt).toContain("  السبت ١٦ مارس ٢٠٢٤، ١٢:٠٠ · لندن");
    expect(txt).toContain(`  ${SITE}/ar/articles/ar-strike/`);
    expect(txt).toContain(`الأعداد السابقة: ${SITE}/ar/digest/`);
    // The English edition 1's email is where it always was, and English.
    expect(dom(readOut(out, "digest/1/email.html")).documentElement.getAttribute("lang")).toBe(
      "en-GB",
    );
  });

  it("npm run digest -- 1 --lang ar checks the Arabic edition 1's email, not the English one's", async () => {
    const options = { buildDate: DIGEST_BUILD_DATE };
    const digest = await runScript(
      site,
      "digest.ts",
      ["1", "--lang", "ar", "--output", out],
      options,
    );
    expect(digest.code, digest.stderr).toBe(0);
    expect(digest.stdout).toContain(`Edition 1: ${SITE}/ar/digest/1/`);
    expect(digest.stdout).toMatch(
      /HTML: _site\/ar\/digest\/1\/email\.html \(\d+\.\d KB of 90 KB\)/,
    );
    expect(digest.stdout).toContain("All checked");
    const wrong = await runScript(
      site,
      "digest.ts",
      ["1", "--lang", "fr", "--output", out],
      options,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.split("\n")[0]).toBe(
      '--lang: expected one of en, ar (the languages of content/_data/site.yml), got "fr"',
    );
  }, 120_000);

  it("publishes the Arabic editions' Atom and JSON feeds, parsed back", () => {
    const atom = parseFeed(readOut(out, "ar/digest/feed.xml"));
    expect(atom.title).toBe("نشرة التضامن: النشرة");
    expect(atom.language).toBe("ar");
    expect(atom.items.map((i) => i.url)).toEqual([`${SITE}/ar/digest/2/`, `${SITE}/ar/digest/1/`]);
    expect(atom.items[1]!.content).toContain("<h2>ما زال مفتوحًا</h2>");
    const json = JSON.parse(readOut(out, "ar/digest/feed.json"));
    expect(json.language).toBe("ar");
    expect(json.feed_url).toBe(`${SITE}/ar/digest/feed.json`);
    expect(json.home_page_url).toBe(`${SITE}/ar/digest/`);
    expect(json.items.map((i: { id: string }) => i.id)).toEqual([
      `${SITE}/ar/digest/2/`,
      `${SITE}/ar/digest/1/`,
    ]);
    expect(json.items[1].content_html).toContain("تحرّك · مفتوح حتى ٣٠ أبريل ٢٠٢٤");
    const english = parseFeed(readOut(out, "digest/feed.xml"));
    expect(english.items.map((i) => i.url)).toEqual([`${SITE}/digest/2/`, `${SITE}/digest/1/`]);
  });

  it("lets an Arabic item link to the Arabic archive and feed", () => {
    const links = all(page(out, "/ar/articles/ar-new/"), ".prose a").map((a) =>
      a.getAttribute("href"),
    );
    expect(links).toEqual(["/ar/digest/", "/ar/digest/feed.xml"]);
  });

  it("leads each home page with its own language's latest edition", () => {
    const home = page(out, "/ar/").querySelector(".home__edition")!;
    expect(text(home.querySelector(".card__title"))).toBe("العدد الثاني");
    expect(text(home.querySelector(".card__kicker"))).toBe("العدد ٢ · ٩ مارس ٢٠٢٤");
    expect(home.querySelector(".card__title a")?.getAttribute("href")).toBe("/ar/digest/2/");
    expect(all(home, "p a")[0]?.getAttribute("href")).toBe("/ar/digest/");
    const english = page(out, "/").querySelector(".home__edition")!;
    expect(text(english.querySelector(".card__title"))).toBe("The second edition");
  });

  it("drafts the next Arabic edition from Arabic items only (npm run new -- edition --lang ar)", () => {
    const ctx = loadSiteContext({
      CONTENT_DIR: path.join(site, "content"),
      BUILD_DATE: DIGEST_BUILD_DATE,
    });
    const draft = draftEdition(ctx, { lang: "ar", date: "2024-03-10" });
    expect(path.relative(site, draft.file)).toBe("content/editions/ar/2024/003.md");
    expect(draft.url).toBe("/ar/digest/3/");
    expect(draft.text.split("\n").slice(0, 7)).toEqual([
      "---",
      'title: "النشرة، ١٠ مارس ٢٠٢٤"',
      "date: 2024-03-10",
      "number: 3",
      "lang: ar",
      "# One line: the email's preview text and the archive's summary.",
      'summary: "هذا الأسبوع: تقارير: ١، دعوات إلى التحرّك: ١، فعاليات: ١."',
    ]);
    expect(draft.text).toContain(
      [
        '  - heading: "أخبار الأسبوع"',
        '    intro: "ما نُشر منذ العدد السابق."',
        "    items:",
        "      - content/articles/ar-new.md",
        '  - heading: "تحرّك الآن"',
        '    intro: "دعوات إلى التحرّك مفتوحة الآن."',
        "    items:",
        "      - content/actions/ar-letter.md",
        '  - heading: "قريبًا"',
        '    intro: "الفعاليات خلال ٣ أسابيع قادمة."',
        "    items:",
        "      - content/actions/ar-march.md",
      ].join("\n"),
    );
    // The English draft, from the same site, takes no Arabic item and numbers on from English 2.
    const english = draftEdition(ctx, { date: "2024-03-10" });
    expect(english.number).toBe(3);
    expect(english.text).not.toContain("ar-");
    expect(english.text).not.toContain("lang:");
  });
});

describe("npm run new -- edition --lang", () => {
  it("writes the next Arabic edition where the site publishes it, and refuses a language the site lacks", async () => {
    const site = makeDigestSite(ARABIC, DIGEST_LANGUAGES);
    const options = { buildDate: DIGEST_BUILD_DATE };
    const wrong = await runScript(site, "new.ts", ["edition", "--lang", "fr"], options);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim()).toBe(
      'Nothing was written: --lang: expected one of en, ar (the languages of content/_data/site.yml), got "fr"',
    );
    const made = await runScript(site, "new.ts", ["edition", "--lang", "ar"], options);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout.split("\n").slice(0, 3)).toEqual([
      "Wrote content/editions/ar/2024/003.md: edition 3",
      "With 1 new article(s), 1 open action(s) and 1 coming event(s): cut it to size and add notes.",
      `URL: /ar/digest/3/ (${SITE}/ar/digest/3/ once published)`,
    ]);
    expect(existsSync(path.join(site, "content/editions/ar/2024/003.md"))).toBe(true);
  }, 120_000);
});

describe("an edition names items in its own language", () => {
  it("refuses an item of another language, naming file, field, expected and found", () => {
    const site = makeDigestSite(
      {
        ...ARABIC,
        "editions/ar/2024/003.md": md(
          "title: ع\ndate: 2024-03-10\nnumber: 3\nlang: ar\nsummary: س\nsections:\n  - heading: ح\n    items:\n      - articles/strike-begins.md",
        ),
        "editions/2024/003.md": md(
          "title: E\ndate: 2024-03-10\nnumber: 3\nsummary: S\nsections:\n  - heading: H\n    items:\n      - /ar/articles/ar-strike/",
        ),
      },
      DIGEST_LANGUAGES,
    );
    const ctx = loadSiteContext({
      CONTENT_DIR: path.join(site, "content"),
      BUILD_DATE: DIGEST_BUILD_DATE,
    });
    let errors: string[] = [];
    try {
      new ContentStore(ctx).load();
    } catch (error) {
      if (!(error instanceof ContentValidationError)) throw error;
      errors = error.errors.map(formatError);
    }
    expect(errors).toEqual([
      `content/editions/2024/003.md:9 → sections.0.items.0: expected an item in the edition's language (en), got "/ar/articles/ar-strike/", which is in ar (content/articles/ar-strike.md): name its translation or take it out`,
      `content/editions/ar/2024/003.md:10 → sections.0.items.0: expected an item in the edition's language (ar), got "articles/strike-begins.md", which is in en (content/articles/strike-begins.md): name its translation or take it out`,
    ]);
    expect(
      readFileSync(path.join(site, "content/editions/ar/2024/003.md"), "utf8").split("\n")[9],
    ).toBe("      - articles/strike-begins.md");
  });
});
