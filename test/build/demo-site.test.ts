import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, page, repoRoot } from "../helpers/fixture.ts";
import { validateSite } from "../helpers/html-validate.ts";
import { checkPage } from "../helpers/links.ts";
import { builtFiles, urlOf } from "../helpers/sample-site.ts";

/** The demo site in content/ is what a fresh clone builds: it must be as valid as the fixtures. */
describe("the demo site (content/)", () => {
  let out: string;
  let origin: string;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "demo-site-"));
    const content = path.join(repoRoot, "content");
    const result = await buildFixture(dir, { env: { CONTENT_DIR: content } });
    expect(result.code, result.stderr).toBe(0);
    out = result.out;
    origin = /^url:\s*(\S+)/m.exec(
      readFileSync(path.join(content, "_data", "site.yml"), "utf8"),
    )![1]!;
  });

  it("builds articles, actions and standing pages", () => {
    const urls = builtFiles(out).map(urlOf);
    expect(
      urls.filter((u) => /^\/articles\/[^/]+\/$/.test(u) && !/^\/articles\/\d+\/$/.test(u)).length,
    ).toBeGreaterThan(0);
    expect(
      urls.filter((u) => /^\/actions\/[^/]+\/$/.test(u) && !/^\/actions\/\d+\/$/.test(u)).length,
    ).toBeGreaterThan(0);
  });

  it("publishes the Arabic demo under /ar/: its translations linked both ways and an article only in Arabic", () => {
    const arabic = builtFiles(out)
      .map(urlOf)
      .filter((u) => /^\/ar\/(articles|actions)\/[^/]+\/$/.test(u) && !/\/\d+\/$/.test(u))
      .sort();
    const pairs = {
      "/articles/beirut-egyptian-embassy-protest/":
        "/ar/articles/بيروت-محتجون-يحاصرون-السفارة-المصرية-احتجاجا-على-حصار-غزة/",
      "/actions/free-palestinian-child-prisoners/":
        "/ar/actions/الحرية-للأطفال-الأسرى-الفلسطينيين/",
    };
    const onlyArabic =
      "/ar/articles/نداء-عاجل-من-النقابات-الفلسطينية-أنهوا-التواطؤ-وأوقفوا-تسليح-إسرائيل/";
    expect(arabic).toEqual([...Object.values(pairs), onlyArabic].sort());
    // The December 2026 demonstration is scheduled at the tests' build date, in both languages.
    const built = new Set(builtFiles(out).map(urlOf));
    expect(built.has("/actions/national-demonstration-december-2026/")).toBe(false);
    expect(built.has("/ar/actions/مظاهرة-وطنية-من-أجل-فلسطين-في-لندن/")).toBe(false);
    const alternates = (url: string) => {
      const doc = page(out, url);
      const arabic = url.startsWith("/ar/");
      expect(doc.documentElement.getAttribute("lang"), url).toBe(arabic ? "ar" : "en-GB");
      if (arabic) expect(doc.documentElement.getAttribute("dir"), url).toBe("rtl");
      return Object.fromEntries(
        [...doc.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [
          l.getAttribute("hreflang"),
          decodeURI(new URL(l.getAttribute("href")!).pathname),
        ]),
      );
    };
    for (const [english, translation] of Object.entries(pairs)) {
      const both = { "en-GB": english, ar: translation };
      expect(alternates(english)).toEqual(both);
      expect(alternates(translation)).toEqual(both);
    }
    expect(alternates(onlyArabic)).toEqual({ ar: onlyArabic });
  });

  it("passes html-validate on every page", async () => {
    const errors = await validateSite(out);
    expect(errors, `html-validate errors:\n${errors.join("\n")}`).toEqual([]);
  });

  it("has no broken internal link, image or stylesheet", () => {
    // An email's unsubscribe link is the mailing tool's merge tag (site.yml newsletter.unsubscribe), filled in when sent.
    const mergeTag = (file: string, problem: string) =>
      file.endsWith("/email.html") && problem.includes('a[href]="{{ UnsubscribeURL }}"');
    const problems = builtFiles(out).flatMap((file) =>
      checkPage(out, urlOf(file), readFileSync(path.join(out, file), "utf8"), { origin })
        .filter((p) => !mergeTag(file, p))
        .map((p) => `${file} → ${p}`),
    );
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
