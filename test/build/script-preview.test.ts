import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { createItem } from "../../src/lib/scaffold.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import { buildFixture, makeFixture, md, page } from "../helpers/fixture.ts";
import { checkPage } from "../helpers/links.ts";
import { builtFiles, makeJpeg, makeSampleSite, urlOf } from "../helpers/sample-site.ts";
import { BILINGUAL_SETTINGS as TWO_LANGUAGES } from "../helpers/languages-site.ts";

const ORIGIN = "https://fixture.example.org";
const PREFIX = "/pr-7/";

/** The file a static host serves for an absolute URL of this site under the prefix, or null. */
function fileForAbsolute(out: string, url: string): string | null {
  const { pathname } = new URL(url);
  if (!pathname.startsWith(PREFIX)) return null;
  const rest = decodeURIComponent(pathname.slice(PREFIX.length));
  const file = path.join(out, rest, rest === "" || rest.endsWith("/") ? "index.html" : "");
  return existsSync(file) ? file : null;
}

describe("a pull-request preview build under /pr-7/", () => {
  let out: string;
  let pages: string[];
  beforeAll(async () => {
    const dir = await makeSampleSite();
    // A body picture given by its path under content/, as the front matter's image may be.
    mkdirSync(path.join(dir, "content", "images"));
    writeFileSync(path.join(dir, "content", "images", "banner.jpg"), await makeJpeg(640, 320));
    writeFileSync(
      path.join(dir, "content", "articles", "banner-story.md"),
      md(
        "title: Banner story\ndate: 2024-02-05\ncategory: news",
        "![A banner across the street](/images/banner.jpg)",
      ),
    );
    const built = await buildFixture(dir, { preview: true, pathPrefix: PREFIX });
    expect(built.code, built.stderr).toBe(0);
    out = built.out;
    pages = builtFiles(out);
  });

  it("resolves every internal href and src of every page to a file under the prefix", () => {
    expect(pages.length).toBeGreaterThan(15);
    const problems = pages.flatMap((file) =>
      checkPage(out, urlOf(file), readFileSync(path.join(out, file), "utf8"), {
        origin: ORIGIN,
        prefix: PREFIX,
      }).map((p) => `${file}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it("publishes a body picture given by its path under content/", () => {
    const img = page(out, "/articles/banner-story/").querySelector(".prose img")!;
    expect(img.getAttribute("alt")).toBe("A banner across the street");
    expect(img.getAttribute("src")).toMatch(/^\/pr-7\/img\/.+\.jpeg$/);
    expect(fileForAbsolute(out, new URL(img.getAttribute("src")!, ORIGIN).href)).not.toBeNull();
  });

  it("carries the preview banner and noindex on every page", () => {
    expect(pages.length).toBeGreaterThan(15);
    const missing = pages.filter((file) => {
      const doc = page(out, urlOf(file));
      return (
        !doc.querySelector(".preview-banner") ||
        doc.querySelector('meta[name="robots"]')?.getAttribute("content") !== "noindex"
      );
    });
    expect(missing).toEqual([]);
    expect(readFileSync(path.join(out, "robots.txt"), "utf8")).toBe("User-agent: *\nDisallow: /\n");
  });

  it("shows drafts and scheduled items, marked on their pages and on their cards", () => {
    expect(page(out, "/articles/draft-report/").querySelector(".badge--draft")!.textContent).toBe(
      "Draft: not published",
    );
    expect(
      page(out, "/actions/scheduled-appeal/").querySelector(".badge--scheduled")!.textContent,
    ).toContain("Scheduled: publishes on");
    const listPages = pages.filter((f) => /^articles\/(\d+\/)?index\.html$/.test(f)).map(urlOf);
    const draftCards = listPages.flatMap((url) =>
      [...page(out, url).querySelectorAll(".card")].filter((card) =>
        card.textContent!.includes("A report still being written"),
      ),
    );
    expect(draftCards).toHaveLength(1);
    expect(draftCards[0]!.querySelector(".badge--draft")!.textContent).toBe("Draft: not published");
    const published = page(out, "/articles/union-statement/");
    expect(published.querySelector(".badge--draft")).toBeNull();
    expect(published.querySelector(".badge--scheduled")).toBeNull();
  });

  it("links every feed entry, read back with a feed parser, to a page under the prefix", () => {
    const atom = parseFeed(readFileSync(path.join(out, "feed.xml"), "utf8"));
    expect(atom.items.map((i) => i.title)).toContain("A report still being written");
    const json = JSON.parse(readFileSync(path.join(out, "feed.json"), "utf8")) as {
      feed_url: string;
      items: { url: string }[];
    };
    const urls = [
      atom.self!,
      atom.url!,
      ...atom.items.map((i) => i.url!),
      json.feed_url,
      ...json.items.map((i) => i.url),
    ];
    expect(urls.length).toBeGreaterThan(10);
    expect(urls.filter((url) => !fileForAbsolute(out, url))).toEqual([]);
  });

  it("links the calendar's events, read back with ical.js, to pages under the prefix", () => {
    const calendars = builtFiles(out, ".ics");
    expect(calendars.length).toBeGreaterThan(0);
    const urls = calendars.flatMap((file) => {
      const component = new ICAL.Component(ICAL.parse(readFileSync(path.join(out, file), "utf8")));
      return component
        .getAllSubcomponents("vevent")
        .map((event) => String(event.getFirstPropertyValue("url")));
    });
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((url) => !fileForAbsolute(out, url))).toEqual([]);
  });

  it("publishes _headers at the root with the same Content-Security-Policy as the pages", () => {
    const headers = readFileSync(path.join(out, "_headers"), "utf8");
    const header = /^\s+Content-Security-Policy: (.+)$/m.exec(headers)![1];
    const meta = page(out, "/")
      .querySelector('meta[http-equiv="Content-Security-Policy"]')!
      .getAttribute("content");
    expect(header).toBe(`${meta}; frame-ancestors 'none'`);
    expect(headers).toMatch(/^\/\*$/m);
    expect(headers).toContain("X-Content-Type-Options: nosniff");
  });
});

describe("a preview build of a site in two languages", () => {
  let out: string;
  const translation = "/ar/articles/مسيرة-ليدز/";
  const onlyArabic = "/ar/articles/بيان-الشركاء/";
  beforeAll(async () => {
    const dir = makeFixture(
      {
        "articles/leeds.md": md(
          "title: Leeds march\ndate: 2024-02-10\ncategory: news",
          "Thousands marched.",
        ),
        "actions/vigil.md": md(
          "title: Vigil\ndate: 2024-02-11\ncategory: campaign\ncta:\n  label: Join\n  url: https://vigil.example.org/",
        ),
        "articles/بيان-الشركاء.md": md(
          "title: بيان الشركاء\ndate: 2024-03-01\nlang: ar\ncategory: statement",
          "نصّ البيان.",
        ),
      },
      TWO_LANGUAGES,
    );
    const ctx = loadSiteContext({
      CONTENT_DIR: path.join(dir, "content"),
      BUILD_DATE: "2024-02-22",
    });
    expect(
      createItem(ctx, { kind: "article", title: "مسيرة ليدز", translationOf: "articles/leeds.md" })
        .url,
    ).toBe(translation);
    const built = await buildFixture(dir, { preview: true, pathPrefix: PREFIX });
    expect(built.code, built.stderr).toBe(0);
    out = built.out;
  });

  it("shows an Arabic draft and an Arabic scheduled item under /pr-7/ar/, marked in Arabic", () => {
    const draft = page(out, translation);
    expect(draft.documentElement.getAttribute("lang")).toBe("ar");
    expect(draft.querySelector(".preview-banner")).not.toBeNull();
    expect(draft.querySelector(".badge--draft")!.textContent).toBe("مسودة: غير منشورة");
    expect(page(out, onlyArabic).querySelector(".badge--scheduled")!.textContent).toMatch(
      /^مجدولة: تُنشر في /,
    );
  });

  it("links the original and its draft translation both ways under the prefix, and every link resolves", () => {
    const alternate = (url: string, lang: string) =>
      page(out, url)
        .querySelector(`link[rel="alternate"][hreflang="${lang}"]`)
        ?.getAttribute("href");
    expect(decodeURI(alternate("/articles/leeds/", "ar")!)).toBe(
      `${ORIGIN}${PREFIX}ar/articles/مسيرة-ليدز/`,
    );
    expect(alternate(translation, "en-GB")).toBe(`${ORIGIN}${PREFIX}articles/leeds/`);
    const problems = builtFiles(out).flatMap((file) =>
      checkPage(out, urlOf(file), readFileSync(path.join(out, file), "utf8"), {
        origin: ORIGIN,
        prefix: PREFIX,
      }).map((p) => `${file}: ${p}`),
    );
    expect(problems).toEqual([]);
  });
});
