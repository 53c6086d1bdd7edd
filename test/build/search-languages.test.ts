import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, makeFixture, md, page, readOut } from "../helpers/fixture.ts";
import { fragments, searchBundle, type Fragment } from "../helpers/pagefind.ts";
import { makeJpeg } from "../helpers/sample-site.ts";
import {
  ARABIC_GROUP_LABELS,
  BILINGUAL_SETTINGS as ARABIC_SETTINGS,
} from "../helpers/languages-site.ts";
import { searchFiles, searchLanguageFiles } from "../helpers/search-site.ts";
import { sharedBuild } from "../helpers/shared-build.ts";

const entry = (out: string) =>
  JSON.parse(readFileSync(path.join(out, "pagefind", "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { page_count: number }>;
  };
const group = (fields: string) =>
  md(`date: 2024-01-01\ncontact: mailto:group@example.org\n${fields}`, "What the group does.");
/** Two English groups, one named by an Arabic article. */
const GROUPS = {
  "groups/bristol.md": group(
    "name: Bristol link\nkind: town-link\nplace: Bristol\nregion: south-west\nlat: 51.45\nlon: -2.59\nstatus: active",
  ),
  "groups/norwich.md": group(
    "name: Norwich twinning\nkind: town-link\nplace: Norwich\nregion: east\nlat: 52.63\nlon: 1.30\nstatus: dormant",
  ),
  "articles/bristol-visit-ar.md": md(
    "title: زوار بريستول يعودون\ndate: 2024-02-01\ncategory: twinning\nlang: ar\ngroup: bristol",
    "عاد وفد بريستول من بيت ساحور.",
  ),
};
const byUrl = (list: Fragment[], url: string) => list.find((f) => f.url === url);

let out: string;
let prefixed: string;
let english: string;
let noArabic: string;
let preview: string;
let withGroups: string;
beforeAll(async () => {
  const picture = await makeJpeg(960, 640);
  const files = { ...searchLanguageFiles(), "articles/banner.jpg": picture };
  const englishFiles = { ...searchFiles(), "articles/banner.jpg": picture };
  // Sites other files build too are built once per run (nothing here writes into them).
  const [a, b, c, d, e, f] = await Promise.all([
    sharedBuild(files, ARABIC_SETTINGS),
    sharedBuild(files, ARABIC_SETTINGS, { pathPrefix: "/pr-7/" }),
    sharedBuild(englishFiles),
    buildFixture(makeFixture(englishFiles, ARABIC_SETTINGS)),
    sharedBuild(files, ARABIC_SETTINGS, { preview: true }),
    buildFixture(
      makeFixture({ ...englishFiles, ...GROUPS }, ARABIC_SETTINGS + ARABIC_GROUP_LABELS),
    ),
  ]);
  for (const r of [a, b, c, d, e, f]) expect(r.code, r.stderr).toBe(0);
  out = a.out;
  prefixed = b.out;
  english = c.out;
  noArabic = d.out;
  preview = e.out;
  withGroups = f.out;
}, 300_000);

describe("the Pagefind bundle of a site in two languages", () => {
  it("holds one index per language, named as pagefind.js looks for each page's lang", () => {
    // 19 English items of the search fixture and the school letter; 3 Arabic items.
    expect(entry(out).languages).toEqual({
      ar: expect.objectContaining({ page_count: 3 }),
      "en-gb": expect.objectContaining({ page_count: 20 }),
    });
  });

  it("keeps a one-language site's index under its tag as written", () => {
    expect(Object.keys(entry(english).languages)).toEqual(["en-GB"]);
  });

  it("finds an Arabic word from the Arabic page in the Arabic item only, stemmed", async () => {
    // "مدرسة" is written "المدرسة" in the Arabic article: Arabic stemming finds it. The English
    // article holding "مدرسة" as it is lives in the English index, which the Arabic page never loads.
    expect(await searchBundle(out, "ar", "مدرسة")).toEqual(["/ar/articles/gaza-schools/"]);
    expect(await searchBundle(out, "en-gb", "مدرسة")).toEqual(["/articles/school-letter/"]);
  });

  it("finds English words from the English page only", async () => {
    expect(await searchBundle(out, "en-gb", "checkpoint")).toEqual(["/articles/rafah-report/"]);
    expect(await searchBundle(out, "ar", "checkpoint")).toEqual([]);
    expect((await searchBundle(out, "ar", "غزة")).sort()).toEqual([
      "/ar/actions/gaza-vigil-ar/",
      "/ar/articles/gaza-schools/",
      "/ar/articles/rafah-report-ar/",
    ]);
  });

  it("gives Arabic results their date in Arabic and their filters", () => {
    const item = byUrl(fragments(out), "/ar/articles/gaza-schools/")!;
    expect(item.filters).toEqual({ kind: ["article"], category: ["news"], tag: ["غزة", "تعليم"] });
    expect(item.meta).toMatchObject({
      title: "مدارس غزة تحت الحصار",
      date: "١٣ فبراير ٢٠٢٤",
      datetime: "2024-02-13",
    });
  });
});

describe("the search page in each language", () => {
  it("is at /ar/search/ in Arabic, with its labels and filters in Arabic", () => {
    const doc = page(out, "/ar/search/");
    expect(doc.documentElement.getAttribute("lang")).toBe("ar");
    expect(doc.documentElement.getAttribute("dir")).toBe("rtl");
    expect(doc.querySelector("h1")?.textContent).toBe("البحث");
    expect(doc.querySelector("#search form")?.getAttribute("action")).toBe("/ar/search/");
    expect(doc.querySelector("label[for=search-q]")?.textContent).toBe("ابحث عن");
    expect([...doc.querySelectorAll("#search-kind option")].map((o) => o.textContent)).toEqual([
      "الكل",
      "مقالات",
      "تحرّكات",
      "فعاليات",
      "أعداد النشرة",
      "مجموعات",
      "صفحات تعريفية",
    ]);
    expect([...doc.querySelectorAll("#search-sort option")].map((o) => o.textContent)).toEqual([
      "الأقرب إلى البحث أولًا",
      "الأحدث أولًا",
      "الأقدم أولًا",
    ]);
    expect(doc.querySelector("noscript")?.innerHTML).toContain(
      '<a href="/ar/tags/">حسب الموضوع</a>',
    );
  });

  it("hands search.js the words it writes, in the page's language and digits", () => {
    const strings = (url: string) => JSON.parse(readOut(out, `${url.slice(1)}strings.json`));
    expect(strings("/ar/search/")).toMatchObject({
      digits: "arab",
      count: {
        zero: "لا نتائج",
        one: "نتيجة واحدة",
        two: "نتيجتان",
        few: "{n} نتائج",
        many: "{n} نتيجة",
        other: "{n} نتيجة",
      },
      found: "{count}{query}{scope}{shown}.",
    });
    expect(strings("/search/")).toMatchObject({
      digits: "latn",
      count: { one: "{n} result", other: "{n} results" },
      draft: "Draft: not published",
    });
  });

  it("reads the one bundle at the root, under the path prefix too", () => {
    for (const [site, prefix] of [
      [out, "/"],
      [prefixed, "/pr-7/"],
    ] as const) {
      for (const url of ["/search/", "/ar/search/"]) {
        const search = page(site, url).getElementById("search")!;
        expect(search.getAttribute("data-bundle")).toBe(`${prefix}pagefind/`);
        expect(search.getAttribute("data-base-url")).toBe(prefix);
      }
    }
  });

  it("searches nothing in a language with nothing published, rather than another language's index", () => {
    expect(Object.keys(entry(noArabic).languages)).toEqual(["en-gb"]);
    expect(page(noArabic, "/ar/search/").getElementById("search")!.hasAttribute("data-empty")).toBe(
      true,
    );
    expect(page(noArabic, "/search/").getElementById("search")!.hasAttribute("data-empty")).toBe(
      false,
    );
  });

  it("marks a preview's drafts and scheduled items for the page to spell in its language", () => {
    const index = fragments(preview);
    expect(byUrl(index, "/articles/secret-draft/")?.meta.status).toBe("draft");
    expect(byUrl(index, "/articles/future/")?.meta.status).toBe("scheduled");
    expect(byUrl(index, "/articles/rafah-report/")?.meta.status).toBe("");
  });

  it("offers each language the groups its items are or name", async () => {
    const options = (url: string) =>
      [...page(withGroups, url).querySelectorAll("#search-group option")].map((o) => o.textContent);
    expect(options("/search/")).toEqual(["Any group", "Bristol link", "Norwich twinning"]);
    expect(options("/ar/search/")).toEqual(["أي مجموعة", "Bristol link"]);
    expect(
      page(withGroups, "/ar/search/").querySelector("#search-group")?.parentElement?.hidden,
    ).toBe(false);
    expect(page(out, "/ar/search/").querySelector("#search-group")?.parentElement?.hidden).toBe(
      true,
    );
    expect(await searchBundle(withGroups, "ar", null, { group: "bristol" })).toEqual([
      "/ar/articles/bristol-visit-ar/",
    ]);
  });
});
