import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatError } from "../../src/lib/content.ts";
import { createItem } from "../../src/lib/scaffold.ts";
import { loadSettings } from "../../src/lib/settings.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import { ContentStore, ContentValidationError } from "../../src/lib/store.ts";
import { documentedMessages } from "../helpers/documented-messages.ts";
import { DEFAULT_SETTINGS, makeFixture, md, runScript } from "../helpers/fixture.ts";
import { makeJpeg } from "../helpers/sample-site.ts";
import { BILINGUAL_SETTINGS as TWO_LANGUAGES } from "../helpers/languages-site.ts";
import { DIGEST_LANGUAGES } from "../helpers/digest-site.ts";

const BUILD_DATE = "2024-02-22";
const fm = (extra: string) => md(`title: A\ndate: 2024-01-01\ncategory: news\n${extra}`);
const action = (extra: string) => md(`title: A\ndate: 2024-01-01\ncategory: campaign\n${extra}`);
const group = (extra: string) =>
  md(
    `name: G\ndate: 2024-01-01\nkind: school\nplace: Leeds\nregion: yorkshire\nlat: 53.8\nlon: -1.5\nstatus: active\ncontact: https://g.example.org\n${extra}`,
  );

/** What check prints for a site: every refusal, one line each. */
function checked(
  files: Record<string, string | Buffer>,
  prepare?: (content: string) => void,
  buildDate = BUILD_DATE,
  settings = DEFAULT_SETTINGS,
) {
  const dir = makeFixture(files, settings);
  const content = path.join(dir, "content");
  prepare?.(content);
  try {
    new ContentStore(loadSiteContext({ CONTENT_DIR: content, BUILD_DATE: buildDate })).load();
    return [];
  } catch (error) {
    if (!(error instanceof ContentValidationError)) throw error;
    return error.errors.map(formatError);
  }
}

function refusal(make: () => unknown): string[] {
  try {
    make();
  } catch (error) {
    return (error as Error).message.split("\n");
  }
  return [];
}

const settingsLines = (yml: string) =>
  refusal(() => loadSettings(path.join(makeFixture({}, yml), "content")));

// The one message these fixtures do not produce: an edition's email over 90 KB (test/build/digest.test.ts).
const PRINTED_ELSEWHERE = new Set([
  "expected email.html of at most 90 KB (Gmail clips at 102 KB), got 95.3 KB: take out items or shorten …",
]);

describe("docs/editing.md lists messages exactly as the tools print them", () => {
  const printed: string[] = [];
  beforeAll(async () => {
    printed.push(
      ...checked(
        {
          "articles/no-front-matter.md": "Just text.\n",
          "articles/colon.md": md("title: Pickets: we won\ndate: 2024-01-01\ncategory: news"),
          "articles/twice.md": fm("title: B"),
          "articles/tab.md": fm("image:\n\tsrc: x"),
          "articles/unclosed.md": fm("tags: [a, b"),
          "articles/commas.md": fm("tags: [a,,b]"),
          "articles/under.md": fm("summary: x\n  author: y"),
          "articles/columns.md": fm("image:\n  src: a.jpg\n alt: b"),
          "articles/quote.md": md('title: "A\ndate: 2024-01-01\ncategory: news'),
          "articles/at.md": fm("summary: @me"),
          "articles/escape.md": fm('summary: "a\\q"'),
          "articles/stray.md": fm("summary: [1, 2]]"),
          "articles/list.md": "---\n- a\n- b\n---\nBody\n",
          "articles/typo.md": fm("tittle: B"),
          "articles/unknown.md": fm("zzzzzz: 1"),
          "articles/brace.md": fm("source: {name: X"),
          "articles/x.md": fm(""),
          "articles/2023/x.md": fm(""),
          "pages/events.md": md("title: Events\ndate: 2024-01-01"),
          "articles/Café Night.md": fm(""),
          "notes.md": "# notes\n",
          "articles/page.njk": "{{ x }}",
          "_data/extra.js": "export default 1;",
          "articles/no-title.md": md("date: 2024-01-01\ncategory: news"),
          "articles/empty-title.md": md('title: ""\ndate: 2024-01-01\ncategory: news'),
          "articles/date-list.md": md("title: A\ndate: [1]\ncategory: news"),
          "articles/date-30.md": md("title: A\ndate: 2024-02-30\ncategory: news"),
          "articles/date-25.md": md("title: A\ndate: 2024-02-20T25:00\ncategory: news"),
          "articles/category.md": md("title: A\ndate: 2024-01-01\ncategory: gossip"),
          "articles/tags-text.md": fm("tags: palestine"),
          "articles/tags-empty.md": fm('tags: [a, ""]'),
          "articles/summary.md": fm("summary: [1]"),
          "articles/source.md": fm("source: x"),
          "articles/source-name.md": fm("source:\n  url: https://x.example.org"),
          "articles/source-url.md": fm("source:\n  name: X\n  url: ftp://x"),
          "articles/image.md": fm("image: x"),
          "articles/image-src.md": fm('image:\n  src: ""\n  alt: A'),
          "articles/image-missing.md": fm("image:\n  src: ./missing.jpg\n  alt: A"),
          "articles/image-outside.md": fm("image:\n  src: ../../outside.jpg\n  alt: A"),
          "articles/image-link.md": fm("image:\n  src: ./link.jpg\n  alt: A"),
          "articles/image-text.md": fm("image:\n  src: ./text.jpg\n  alt: A"),
          "articles/text.jpg": "not a picture",
          "articles/image-folder.md": fm("image:\n  src: ./folder.jpg\n  alt: A"),
          "articles/image-damaged.md": fm("image:\n  src: ./damaged.jpg\n  alt: A"),
          "articles/damaged.jpg": Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a]),
          "articles/image-alt.md": fm("image:\n  src: ./text.jpg"),
          "actions/no-cta.md": action(""),
          "actions/cta-label.md": action("cta:\n  url: https://x.example.org"),
          "actions/cta-url.md": action("cta:\n  label: Go\n  url: javascript:alert(1)"),
          "articles/event.md": fm("event: x"),
          "articles/event-gap.md": fm("event:\n  start: 2024-03-31T01:30\n  location: X"),
          "articles/event-twice.md": fm("event:\n  start: 2024-10-27T01:15\n  location: X"),
          "articles/event-end.md": fm(
            "event:\n  start: 2024-05-01T20:00\n  end: 2024-05-01T19:00\n  location: X",
          ),
          "articles/event-form.md": fm(
            "event:\n  start: 2024-05-01T20:00\n  end: 2024-05-02\n  location: X",
          ),
          "articles/event-location.md": fm('event:\n  start: 2024-05-01\n  location: ""'),
          "articles/event-url.md": fm("event:\n  start: 2024-05-01\n  location: X\n  url: ftp://x"),
          "articles/draft.md": fm("draft: yes"),
          "articles/permalink.md": fm("permalink: /About Us/"),
          "articles/favicon.md": fm("permalink: /favicon.svg"),
          "groups/kind.md": group("").replace("kind: school", "kind: choir"),
          "groups/region.md": group("").replace("region: yorkshire", "region: narnia"),
          "groups/lat.md": group("").replace("lat: 53.8", "lat: 31.5"),
          "groups/partner.md": group(
            "partner:\n  place: P\n  governorate: G\n  lat: 53.8\n  lon: 35",
          ),
          "groups/partner-text.md": group("partner: x"),
          "groups/status.md": group("").replace("status: active", "status: asleep"),
          "groups/contact.md": group("").replace("contact: https://g.example.org\n", ""),
          "groups/contact-tel.md": group("").replace(
            "contact: https://g.example.org",
            "contact: tel:0123",
          ),
          "groups/since.md": group("since: 1066"),
          "groups/valid.md": group(""),
          "articles/group.md": fm("group: nowhere"),
        },
        (content) => {
          mkdirSync(path.join(content, "articles/folder.jpg"));
          symlinkSync("/etc/hostname", path.join(content, "articles/link.jpg"));
          symlinkSync("/etc/hostname", path.join(content, "articles/linked.md"));
          symlinkSync("nowhere.md", path.join(content, "articles/broken.md"));
          writeFileSync(path.join(content, "../outside.jpg"), "x");
        },
      ),
    );
    printed.push(
      ...checked(
        {
          "articles/links.md": fm("").replace(
            "Body text.",
            "[a](/articles/nope/) [b](./x.md) [c](/articles/draft/) [d](/articles/later/) [e](/a%E0%A4%A)\n\n![p](./missing.jpg) ![q](../../outside.jpg) ![r](./text.jpg) ![s](https://example.org/x.jpg)",
          ),
          "articles/text.jpg": "not a picture",
          "articles/x.md": fm(""),
          "articles/draft.md": fm("draft: true"),
          "articles/later.md": md("title: Later\ndate: 2024-06-01\ncategory: news"),
        },
        (content) => writeFileSync(path.join(content, "../outside.jpg"), "x"),
      ),
    );
    const edition = (n: number, date: string, sections: string) =>
      md(`title: E\ndate: ${date}\nnumber: ${n}\nsummary: S\nsections:\n${sections}`);
    const items = "  - heading: H\n    items:\n";
    const editionItems = [
      "articles/nowhere.md",
      "articles/x.md",
      "articles/x.md",
      "pages/about.md",
      "articles/draft.md",
      "articles/later.md",
    ];
    const targets = {
      "articles/x.md": fm(""),
      "articles/draft.md": fm("draft: true"),
      "articles/later.md": md("title: Later\ndate: 2024-06-01\ncategory: news"),
      "pages/about.md": md("title: About\ndate: 2024-01-01"),
    };
    printed.push(
      ...checked(
        {
          ...targets,
          "editions/11.md": edition(11, "2024-03-08", `${items}      - articles/x.md`),
          "editions/12.md": edition(12, "2024-03-01", `${items}      - articles/x.md`),
          "editions/13.md": edition(
            13,
            "2024-03-10",
            `${items}${editionItems.map((i) => `      - ${i}\n`).join("")}`,
          ),
          "editions/14.md": edition(14, "2024-03-11", "  - heading: H\n    items: []"),
          "editions/15.md": md("title: E\ndate: 2024-03-12\nnumber: 0\nsummary: S\nsections: []"),
          "editions/16.md": md("title: E\ndate: 2024-03-13\nnumber: 16\nsections: []"),
        },
        undefined,
        "2024-04-01",
      ),
      ...checked(
        {
          ...targets,
          "editions/12.md": edition(12, "2024-03-08", `${items}      - articles/x.md`),
          "editions/12-again.md": edition(12, "2024-03-09", `${items}      - articles/x.md`),
        },
        undefined,
        "2024-04-01",
      ),
      ...checked(
        {
          ...targets,
          // An Arabic edition naming an English article.
          "editions/ar/1.md": md(
            `title: E\ndate: 2024-03-08\nnumber: 1\nlang: ar\nsummary: S\nsections:\n${items}      - articles/x.md`,
          ),
        },
        undefined,
        "2024-04-01",
        DIGEST_LANGUAGES,
      ),
    );
    const badSettings = (from: string, to: string) => DEFAULT_SETTINGS.replace(from, to);
    for (const yml of [
      badSettings("url: https://fixture.example.org", "url: https://owner.github.io/a b/"),
      badSettings("url: https://fixture.example.org", "url: https://owner.github.io/a/../b/"),
      badSettings("url: https://fixture.example.org", "url: https://owner.github.io/a//b/"),
      badSettings("url: https://fixture.example.org", "url: https://owner.github.io/a%20/"),
      badSettings("language: en-GB", "language: English"),
      badSettings("timezone: Europe/London", "timezone: London"),
      badSettings("  news: News", "  News: News"),
      badSettings("pageSize: 20", "pageSize: lots"),
      badSettings("pageSize: 20", "pageSise: 20"),
      `${DEFAULT_SETTINGS}languages:\n  Arabic:\n    name: العربية\n`,
      `${DEFAULT_SETTINGS}languages:\n  ar:\n    name: العربية\n    categories:\n      news: أخبار\n      gossip: ثرثرة\n`,
      `${DEFAULT_SETTINGS}languages:\n  ar:\n    dir: sideways\n    digits: roman\n`,
    ])
      printed.push(...settingsLines(yml));
    const shareImage = (src: string, alt = "A") =>
      `${DEFAULT_SETTINGS}shareImage:\n  src: ${src}\n  alt: ${alt}\n`;
    for (const yml of [shareImage("images/share.jpg"), shareImage("/images/share.jpg", '""')])
      printed.push(...settingsLines(yml));
    for (const [src, picture] of [
      ["/images/missing.jpg", undefined],
      ["/images/small.jpg", await makeJpeg(300, 200)],
    ] as const) {
      const dir = makeFixture(picture ? { "images/small.jpg": picture } : {}, shareImage(src));
      const ctx = loadSiteContext({ CONTENT_DIR: path.join(dir, "content"), BUILD_DATE });
      try {
        new ContentStore(ctx).load();
      } catch (error) {
        if (error instanceof ContentValidationError) printed.push(...error.errors.map(formatError));
      }
    }
    const site = makeFixture({});
    const content = path.join(site, "content");
    printed.push(
      ...refusal(() => loadSiteContext({ CONTENT_DIR: content, BUILD_DATE: "next tuesday" })),
    );
    for (const prefix of ["/a b/", "/a/../", "/./", "/a//b/", "/a?/", "/a#/", "/a%/"])
      printed.push(
        ...refusal(() =>
          loadSiteContext({ CONTENT_DIR: content, BUILD_DATE }, { pathPrefix: prefix }),
        ),
      );
    const ctx = loadSiteContext({ CONTENT_DIR: content, BUILD_DATE });
    createItem(ctx, { kind: "article", title: "Taken" });
    for (const request of [
      { kind: "action", title: "No link" },
      { kind: "article", title: "Taken" },
      { kind: "article", title: "C", category: "gossip" },
      { kind: "article", title: "D", date: "2024-02-30" },
      { kind: "page", title: "Articles" },
      { kind: "article", title: "!!!" },
      { kind: "article", title: "L", label: "Go" },
      { kind: "action", title: "N", category: "news", url: "https://x.example.org" },
    ] as const)
      printed.push(...refusal(() => createItem(ctx, request)));
    for (const request of [
      { kind: "article", title: "L", lang: "ar" },
      { kind: "article", title: "L", translationOf: "articles/taken.md" },
    ] as const)
      printed.push(...refusal(() => createItem(ctx, request)));
    printed.push(
      ...checked(
        {
          "articles/x.md": fm(""),
          "articles/lang.md": fm("lang: fr"),
          "articles/t-ok.md": fm("lang: ar\ntranslationOf: content/articles/x.md"),
          "articles/t-missing.md": fm("lang: ar\ntranslationOf: articles/nope.md"),
          "articles/t-self.md": fm("lang: ar\ntranslationOf: articles/t-self.md"),
          "articles/t-section.md": fm("lang: ar\ntranslationOf: actions/act.md"),
          "articles/t-chain.md": fm("lang: ar\ntranslationOf: articles/t-ok.md"),
          "articles/t-same.md": fm("translationOf: articles/x.md"),
          "articles/t-twin.md": fm("lang: ar\ntranslationOf: articles/x.md"),
          "actions/act.md": action("cta:\n  label: Go\n  url: https://x.example.org"),
          "pages/under-ar.md": md("title: P\ndate: 2024-01-01\npermalink: /ar/p/"),
        },
        undefined,
        BUILD_DATE,
        TWO_LANGUAGES,
      ),
    );
    // A group listed without the Arabic labels of the kinds and regions, and a label for a kind the site lacks.
    printed.push(...checked({ "groups/g.md": group("") }, undefined, BUILD_DATE, TWO_LANGUAGES));
    printed.push(
      ...settingsLines(
        `${TWO_LANGUAGES}    groups:\n      kinds:\n        choir: جوقة\n      regions:\n        narnia: نارنيا\n`,
      ),
    );
    const bilingual = makeFixture(
      {
        "articles/x.md": fm(""),
        "articles/t.md": fm("lang: ar\ntranslationOf: articles/x.md"),
        "actions/act.md": action("cta:\n  label: Go\n  url: https://x.example.org"),
      },
      TWO_LANGUAGES,
    );
    const two = loadSiteContext({ CONTENT_DIR: path.join(bilingual, "content"), BUILD_DATE });
    for (const request of [
      { kind: "article", title: "L", lang: "fr" },
      { kind: "article", title: "L", translationOf: "articles/nope.md" },
      { kind: "article", title: "L", translationOf: "actions/act.md" },
      { kind: "article", title: "L", translationOf: "articles/t.md" },
      { kind: "article", title: "L", translationOf: "content/articles/x.md", lang: "en" },
      { kind: "article", title: "L", translationOf: "articles/x.md" },
      { kind: "article", title: "L", translationOf: "articles/x.md", url: "https://x.example.org" },
    ] as const)
      printed.push(...refusal(() => createItem(two, request)));
    const runs = await Promise.all([
      runScript(site, "new.ts", ["article", "Two", "words"]),
      runScript(site, "new.ts", ["article"]),
      runScript(site, "new.ts", ["artcle", "X"]),
      runScript(site, "new.ts", ["edition", "Some"]),
      runScript(site, "new.ts", ["edition", "--category", "news"]),
      runScript(site, "new.ts", ["article", "Film night", "--event"]),
      runScript(site, "new.ts", ["group", "Leeds link"]),
      runScript(site, "new.ts", ["group", "Seeking"]),
      runScript(site, "new.ts", ["group", "X", "--url", "https://x.example.org"]),
      runScript(site, "new.ts", ["article", "Y", "--seeking"]),
    ]);
    // Written one after the other: the second finds the first.
    runs.push(await runScript(site, "new.ts", ["group", "Leeds link"]));
    runs.push(await runScript(site, "check.ts"));
    for (const run of runs) printed.push(...run.stderr.split("\n"));
  }, 240_000);

  const documented = documentedMessages().filter(
    (m) => m.section !== "`npm run import`" && !PRINTED_ELSEWHERE.has(m.text),
  );

  it("finds every table of the messages section", () => {
    expect([...new Set(documentedMessages().map((m) => m.section))]).toEqual([
      "The file as a whole",
      "Fields",
      "Links and pictures in the text (`body`)",
      "Editions (`content/editions/`)",
      "Groups (`content/groups/`)",
      "Site settings (`content/_data/site.yml`)",
      "`npm run new`",
      "`npm run import`",
    ]);
    expect(documented.length).toBeGreaterThan(100);
  });

  it.each(documented.map((m) => [m.section, m.text, m.pattern] as const))(
    "%s: `%s` is printed",
    (_, text, pattern) => {
      expect(
        printed.some((line) => pattern.test(line)),
        `no printed line matches ${text}; printed:\n${printed.join("\n")}`,
      ).toBe(true);
    },
  );
});
