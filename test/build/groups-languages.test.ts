import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, makeFixture, md, page } from "../helpers/fixture.ts";
import { GROUPS } from "../helpers/groups-site.ts";
import { BILINGUAL_SETTINGS } from "../helpers/languages-site.ts";

const text = (el: Element | null | undefined) =>
  (el?.textContent ?? "").replace(/\s+/g, " ").trim();
const all = (doc: ParentNode, selector: string) => [...doc.querySelectorAll(selector)];
const attrs = (el: Element, ...names: string[]) => names.map((n) => el.getAttribute(n));

/** The Arabic labels of the fixture's kinds and regions, under languages.ar (BILINGUAL_SETTINGS ends inside it). */
const AR_LABELS = `    groups:
      kinds:
        town-link: روابط المدن
        school: مدارس
      regions:
        east: شرق إنجلترا
        south-west: جنوب غرب إنجلترا
`;
const SITE_GROUPS = `groups:
  kinds:
    town-link: Town links
    school: Schools
  regions:
    east: East of England
    south-west: South West England
`;
const SETTINGS = BILINGUAL_SETTINGS + AR_LABELS + SITE_GROUPS;

const FILES = {
  ...GROUPS,
  "articles/visit.md": md(
    "title: Bristol visitors return\ndate: 2024-02-01\ncategory: twinning\ngroup: bristol",
  ),
  "articles/visit-ar.md": md(
    "title: عودة زوار بريستول\ndate: 2024-02-01\nlang: ar\ntranslationOf: articles/visit.md\ncategory: twinning\ngroup: bristol",
  ),
  "actions/appeal-ar.md": md(
    "title: نداء من بيت ساحور\ndate: 2024-02-05\nlang: ar\ncategory: campaign\ngroup: bristol\ncta:\n  label: وقّع\n  url: https://appeal.example.org/",
  ),
  "actions/film-ar.md": md(
    "title: عرض فيلم من بيت ساحور\ndate: 2024-02-06\nlang: ar\ncategory: event\ngroup: bristol\nevent:\n  start: 2024-03-10T19:00\n  location: Bristol\ncta:\n  label: احجز\n  url: https://tickets.example.org/",
  ),
};

describe("the groups directory in Arabic beside English", () => {
  let out: string;
  beforeAll(async () => {
    const built = await buildFixture(makeFixture(FILES, SETTINGS));
    expect(built.code, built.stderr).toBe(0);
    out = built.out;
  }, 120_000);

  it("lists the same groups at /ar/groups/ right to left, with Arabic labels and digits", () => {
    const doc = page(out, "/ar/groups/");
    expect(attrs(doc.documentElement, "lang", "dir")).toEqual(["ar", "rtl"]);
    expect(text(doc.querySelector("main h1"))).toBe("المجموعات وروابط التوأمة");
    expect(all(doc, "main h2").map(text)).toEqual(["شرق إنجلترا (١)", "جنوب غرب إنجلترا (٢)"]);
    expect(all(doc, ".groups__filters a").map((a) => [a.getAttribute("href"), text(a)])).toEqual([
      ["/ar/groups/", "كل المجموعات (٣)"],
      ["/ar/groups/kind/town-link/", "روابط المدن (٢)"],
      ["/ar/groups/kind/school/", "مدارس (١)"],
      ["/ar/groups/status/active/", "ناشطة (١)"],
      ["/ar/groups/status/dormant/", "متوقفة (١)"],
      ["/ar/groups/status/seeking-partner/", "تبحث عن شريك (١)"],
    ]);
    expect(all(doc, "main .group-entry").map(text)).toEqual([
      "Norwich twinning روابط المدن · Norwich · متوقفة مرتبطة مع Hebron، بتوأمة رسمية",
      "Bath school link مدارس · Bath · تبحث عن شريك",
      "Bristol link روابط المدن · Bristol · ناشطة مرتبطة مع Beit Sahour (Bethlehem)",
    ]);
    const seeking = doc.querySelector("main .groups__seeking a")!;
    expect([seeking.getAttribute("href"), text(seeking)]).toEqual([
      "/ar/groups/seeking/",
      "تجمّع واحد يطلب شريكًا",
    ]);
  });

  it("shows names and places as written, marked English, and links each group's one page with hreflang", () => {
    const doc = page(out, "/ar/groups/");
    expect(
      all(doc, ".group-entry__name a").map((a) => attrs(a, "href", "hreflang", "lang", "dir")),
    ).toEqual([
      ["/groups/norwich/", "en-GB", "en-GB", "auto"],
      ["/groups/bath-school/", "en-GB", "en-GB", "auto"],
      ["/groups/bristol/", "en-GB", "en-GB", "auto"],
    ]);
    expect(all(doc, "main bdi").map((b) => [b.getAttribute("lang"), text(b)])).toEqual([
      ["en-GB", "Norwich"],
      ["en-GB", "Hebron"],
      ["en-GB", "Bath"],
      ["en-GB", "Bristol"],
      ["en-GB", "Beit Sahour"],
      ["en-GB", "Bethlehem"],
    ]);
    // The English directory is the Arabic one's counterpart, both ways.
    const versions = (url: string) =>
      all(page(out, url), 'link[rel="alternate"][hreflang]').map((l) => l.getAttribute("href"));
    const both = ["https://fixture.example.org/groups/", "https://fixture.example.org/ar/groups/"];
    expect(versions("/groups/")).toEqual(both);
    expect(versions("/ar/groups/")).toEqual(both);
    expect(page(out, "/groups/").querySelector("main bdi, main [dir]")).toBeNull();
  });

  it("draws the Arabic map with Arabic words and digits, numbers where the English map has them, within the byte budget", () => {
    const html = readFileSync(path.join(out, "ar", "groups", "index.html"), "utf8");
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)![0];
    expect(Buffer.byteLength(svg)).toBeLessThan(20_000);
    const map = page(out, "/ar/groups/").querySelector("figure.groups__map svg")!;
    expect(map.getAttribute("direction")).toBe("ltr");
    expect(text(map.querySelector("title"))).toBe("خريطة المجموعات وشركائها");
    expect(text(map.querySelector("desc"))).toBe(
      "٣ مجموعات في المملكة المتحدة، مرقّمة؛ ٢ منها لها شريك في الضفة الغربية أو غزة، معلَّم بالرقم نفسه؛ تجمّع واحد يطلب شريكًا، على شكل حلقة. في القائمة أدناه كل المجموعات.",
    );
    expect(all(map, "a").map((a) => attrs(a, "href", "aria-label"))).toEqual([
      ["/groups/norwich/", "١: Norwich twinning"],
      ["/groups/norwich/", "١: Norwich twinning، الشريك Hebron"],
      ["/groups/bath-school/", "٢: Bath school link"],
      ["/groups/bristol/", "٣: Bristol link"],
      ["/groups/bristol/", "٣: Bristol link، الشريك Beit Sahour"],
      ["/ar/groups/seeking/#camp", "تطلب شريكًا: A refugee camp"],
    ]);
    const numbers = (url: string) =>
      all(page(out, url).querySelector("figure.groups__map svg")!, "text").map((t) => [
        t.getAttribute("x"),
        t.getAttribute("y"),
        t.textContent,
      ]);
    const english = numbers("/groups/");
    expect(english.map(([, , n]) => n)).toEqual(["1", "1", "2", "3", "3"]);
    expect(numbers("/ar/groups/")).toEqual(
      english.map(([x, y, n]) => [x, y, "٠١٢٣٤٥٦٧٨٩"[Number(n)]]),
    );
    expect(text(page(out, "/ar/groups/").querySelector("figcaption"))).toBe(
      "كل رقم مجموعة في المملكة المتحدة، ومعه شريكها في الضفة الغربية أو غزة إن كان لها شريك؛ والحلقات تجمّعات تطلب شريكًا.",
    );
  });

  it("gives each kind and status an Arabic page of its own", () => {
    const towns = page(out, "/ar/groups/kind/town-link/");
    expect(attrs(towns.documentElement, "lang", "dir")).toEqual(["ar", "rtl"]);
    expect(text(towns.querySelector("title"))).toBe("المجموعات: روابط المدن · نشرة التضامن");
    expect(all(towns, "main .group-entry__name").map(text)).toEqual([
      "Norwich twinning",
      "Bristol link",
    ]);
    expect(
      towns.querySelector('.groups__filters [aria-current="page"]')?.getAttribute("href"),
    ).toBe("/ar/groups/kind/town-link/");
    expect(text(towns.querySelector("figcaption"))).toBe(
      "كل رقم مجموعة في المملكة المتحدة، ومعه شريكها في الضفة الغربية أو غزة إن كان لها شريك.",
    );
    const dormant = page(out, "/ar/groups/status/dormant/");
    expect(text(dormant.querySelector("title"))).toBe("المجموعات: متوقفة · نشرة التضامن");
  });

  it("lists the communities seeking a partner at /ar/groups/seeking/, their entries as written", () => {
    const doc = page(out, "/ar/groups/seeking/");
    expect(attrs(doc.documentElement, "lang", "dir")).toEqual(["ar", "rtl"]);
    expect(text(doc.querySelector("main h1"))).toBe("تجمّعات تطلب شريكًا");
    const entry = doc.querySelector("#camp")!;
    expect(attrs(entry.querySelector("h2")!, "lang", "dir")).toEqual(["en-GB", "auto"]);
    expect(text(entry.querySelector("h2"))).toBe("A refugee camp");
    expect(text(entry.querySelector(".button"))).toBe("اعرض الشراكة: A refugee camp");
    const home = page(out, "/ar/");
    const ask = home.querySelector(".home__seeking .button")!;
    expect([ask.getAttribute("href"), text(ask)]).toEqual([
      "/ar/groups/seeking/",
      "تعرّف على من يطلب الشراكة",
    ]);
  });

  it("says on an Arabic item's page which group it is from, in Arabic, linking to the group's page", () => {
    const meta = page(out, "/ar/actions/appeal-ar/").querySelector(".item__meta")!;
    expect(text(meta)).toMatch(/ · من Bristol link$/);
    const link = meta.querySelector("a")!;
    expect(attrs(link, "href", "hreflang", "lang")).toEqual(["/groups/bristol/", "en-GB", "en-GB"]);
  });

  it("lists on /ar/events/ each group with events in Arabic, the group's name as written", () => {
    const doc = page(out, "/ar/events/");
    expect(text(doc.querySelector("#by-group"))).toBe("الفعاليات حسب المجموعة");
    const entry = doc.querySelector(".event-groups li")!;
    expect(text(entry)).toBe(
      "Bristol link (القادمة: ١): اشترك في فعاليات Bristol link أو نزّل فعاليات Bristol link في ملف تقويم",
    );
    expect(attrs(entry.querySelector("a")!, "href", "hreflang")).toEqual([
      "/groups/bristol/#group-events",
      "en-GB",
    ]);
    expect(entry.querySelector("a bdi")?.getAttribute("lang")).toBe("en-GB");
    const coming = page(out, "/groups/bristol/").querySelector(
      ".group__events .event-entry__title",
    )!;
    expect([text(coming), coming.getAttribute("lang"), coming.getAttribute("dir")]).toEqual([
      "عرض فيلم من بيت ساحور",
      "ar",
      "rtl",
    ]);
  });

  it("lists on a group's page an item once, in English when translated, an Arabic-only one marked Arabic", () => {
    const doc = page(out, "/groups/bristol/");
    const titles = all(doc, ".group__news .card__title").map((h) => [
      text(h),
      h.getAttribute("lang"),
      h.getAttribute("dir"),
    ]);
    expect(titles).toEqual([
      ["نداء من بيت ساحور", "ar", "rtl"],
      ["Bristol visitors return", null, null],
    ]);
    // Its one page has no Arabic version: the switcher offers the Arabic directory, and no alternate.
    expect(all(doc, ".language-switch a").map((a) => [a.getAttribute("href"), text(a)])).toEqual([
      ["/groups/bristol/", "English"],
      ["/ar/groups/", "العربية"],
    ]);
    expect(
      all(doc, 'link[rel="alternate"][hreflang]').map((l) => attrs(l, "hreflang", "href")),
    ).toEqual([["en-GB", "https://fixture.example.org/groups/bristol/"]]);
  });
});

describe("a group's kind or region without an Arabic label", () => {
  const lineOf = (settings: string, line: string) => settings.split("\n").indexOf(line) + 1;

  it("is refused while a group is listed, naming site.yml's line and the field", async () => {
    const settings =
      BILINGUAL_SETTINGS + AR_LABELS.replace("        school: مدارس\n", "") + SITE_GROUPS;
    const built = await buildFixture(makeFixture(FILES, settings));
    expect(built.code).not.toBe(0);
    const line = lineOf(settings, "        town-link: روابط المدن");
    expect(built.stderr.split("\n").slice(1)).toEqual([
      `content/_data/site.yml:${line} → languages.ar.groups.kinds.school: expected the "ar" label of the kind "Schools", got nothing`,
    ]);
  });

  it("names every missing label when the language has none", async () => {
    const settings = BILINGUAL_SETTINGS + SITE_GROUPS;
    const built = await buildFixture(makeFixture(FILES, settings));
    const line = lineOf(settings, "  ar:") + 1;
    expect(built.stderr.split("\n").slice(1)).toEqual([
      `content/_data/site.yml:${line} → languages.ar.groups.kinds.town-link: expected the "ar" label of the kind "Town links", got nothing`,
      `content/_data/site.yml:${line} → languages.ar.groups.kinds.school: expected the "ar" label of the kind "Schools", got nothing`,
      `content/_data/site.yml:${line} → languages.ar.groups.regions.east: expected the "ar" label of the region "East of England", got nothing`,
      `content/_data/site.yml:${line} → languages.ar.groups.regions.south-west: expected the "ar" label of the region "South West England", got nothing`,
    ]);
  });

  it("is not asked for while the site lists no group", async () => {
    const built = await buildFixture(
      makeFixture(
        { "articles/visit.md": md("title: A visit\ndate: 2024-02-01\ncategory: news") },
        BILINGUAL_SETTINGS + SITE_GROUPS,
      ),
    );
    expect(built.code, built.stderr).toBe(0);
  });

  it("is refused for a kind or region the site does not have, by its line", async () => {
    const settings = `${BILINGUAL_SETTINGS}${AR_LABELS}        narnia: نارنيا\n${SITE_GROUPS}`;
    const built = await buildFixture(makeFixture(FILES, settings));
    const line = lineOf(settings, "        narnia: نارنيا");
    expect(built.stderr).toContain(
      `content/_data/site.yml:${line} → languages.ar.groups.regions.narnia: expected one of the site's regions (east, south-west), got "narnia"`,
    );
  });
});
