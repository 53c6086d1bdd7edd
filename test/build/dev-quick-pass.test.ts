import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { buildSite, writeContentPage, writeGeneratedPages } from "../../src/build.ts";
import { rootCause } from "../../src/lib/build-error.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import type { SiteContext } from "../../src/lib/site-context.ts";
import { ContentStore, newestFirst } from "../../src/lib/store.ts";
import { listFiles } from "../helpers/files.ts";
import { makeFixture, md } from "../helpers/fixture.ts";
import { DIGEST_BUILD_DATE, DIGEST_FILES, DIGEST_SETTINGS } from "../helpers/digest-site.ts";
import { GROUPS } from "../helpers/groups-site.ts";
import { BILINGUAL_FILES, BILINGUAL_SETTINGS } from "../helpers/languages-site.ts";
import { makeSampleSite } from "../helpers/sample-site.ts";

// npm start's quick pass (scripts/lib/dev-server.ts): one edited item's page from the last build's content.
const env = (dir: string) => ({
  ...process.env,
  CONTENT_DIR: path.join(dir, "content"),
  BUILD_DATE: "2024-02-22",
  PREVIEW: "1",
  TZ: "UTC",
});

let dir: string;
let served: string;
let store: ContentStore;
// The sample site as a whole build made it before any edit: the first start's reference.
let pristine: string;
const file = (name: string) => path.join(dir, "content", name);
const read = (root: string, page: string) => readFileSync(path.join(root, page), "utf8");
const edit = (name: string, change: (text: string) => string) =>
  writeFileSync(file(name), change(readFileSync(file(name), "utf8")));

beforeAll(async () => {
  dir = await makeSampleSite();
  served = path.join(dir, "served");
  store = await buildSite(loadSiteContext(env(dir)), { output: served });
  pristine = path.join(dir, "pristine");
  cpSync(served, pristine, { recursive: true });
});

let bilingualBuild: Promise<{ site: string; out: string; store: ContentStore; pristine: string }>;
/** The two-language fixture's whole build, made once: one test edits it, another reads its copy as first built. */
function twoLanguageBuild() {
  bilingualBuild ??= (async () => {
    const site = makeFixture(BILINGUAL_FILES, BILINGUAL_SETTINGS);
    const out = path.join(site, "served");
    const store = await buildSite(loadSiteContext(env(site)), { output: out });
    const pristine = path.join(site, "pristine");
    cpSync(out, pristine, { recursive: true });
    return { site, out, store, pristine };
  })();
  return bilingualBuild;
}

describe("the dev server's quick pass", () => {
  it("writes an edited article's page byte for byte as a whole build of the same content does", async () => {
    const before = Object.fromEntries(listFiles(served).map((f) => [f, read(served, f)]));
    edit("articles/bridge-march.md", (text) =>
      text
        .replace("title: Thousands march", "title: Tens of thousands march")
        .replace("A paragraph with a", "A first paragraph, edited, with a"),
    );
    expect(store.refresh(file("articles/bridge-march.md"))).toBe(true);
    await writeContentPage(store.ctx, store, file("articles/bridge-march.md"), served);

    const page = "articles/bridge-march/index.html";
    expect(read(served, page)).toContain("Tens of thousands march across the bridge");
    expect(read(served, page)).toContain("A first paragraph, edited, with a");
    // Only that page was written again: lists, feeds and the search index wait for the whole build.
    const changed = listFiles(served).filter((f) => read(served, f) !== before[f]);
    expect(changed).toEqual([page]);
    expect(read(served, "index.html")).not.toContain("Tens of thousands");

    const whole = path.join(dir, "whole");
    await buildSite(loadSiteContext(env(dir)), { output: whole });
    expect(read(served, page)).toBe(read(whole, page));
    expect(read(whole, "index.html")).toContain("Tens of thousands");
  });

  it("renders an action's and a page's edit too, from the same content", async () => {
    edit("actions/open-letter.md", (text) => text.replace("Use the template", "Use our template"));
    // A field taken out is gone from the page too.
    edit("articles/bridge-march.md", (text) => text.replace(/^author: Isabel\n/m, ""));
    edit("pages/about.md", (text) => text.replace("We gather news", "We gather the news"));
    for (const name of ["actions/open-letter.md", "pages/about.md", "articles/bridge-march.md"]) {
      expect(store.refresh(file(name)), name).toBe(true);
      await writeContentPage(store.ctx, store, file(name), served);
    }
    const whole = path.join(dir, "whole2");
    await buildSite(loadSiteContext(env(dir)), { output: whole });
    for (const page of [
      "actions/open-letter/index.html",
      "about/index.html",
      "articles/bridge-march/index.html",
    ])
      expect(read(served, page), page).toBe(read(whole, page));
    expect(store.get(file("articles/bridge-march.md"))).not.toHaveProperty("author");
    expect(read(served, "about/index.html")).toContain("We gather the news");
  });

  it("adds a new article's page, and takes a deleted one's out of the lists, as a whole build would", async () => {
    writeFileSync(
      file("articles/new-report.md"),
      [
        "---",
        "title: A new report from the picket line",
        "date: 2024-02-21",
        "category: news",
        "tags: [Palestine, unions]",
        "---",
        "Pickets stood firm.",
        "",
      ].join("\n"),
    );
    expect(store.add(file("articles/new-report.md"))).toBe(true);
    const published = store.published;
    expect(published[1]!.title).toBe("A new report from the picket line");
    expect(published.every((item, i) => i === 0 || newestFirst(published[i - 1]!, item) < 0)).toBe(
      true,
    );
    const related = 'href="/articles/new-report/"';
    expect(read(served, "articles/union-statement/index.html")).not.toContain(related);
    for (const name of ["articles/new-report.md", "articles/union-statement.md"])
      await writeContentPage(store.ctx, store, file(name), served);
    // Sharing both its tags, the new report is now the statement's first related item.
    expect(read(served, "articles/union-statement/index.html")).toContain(related);
    const whole = path.join(dir, "whole3");
    await buildSite(loadSiteContext(env(dir)), { output: whole });
    for (const page of ["articles/new-report/index.html", "articles/union-statement/index.html"])
      expect(read(served, page), page).toBe(read(whole, page));

    rmSync(file("articles/new-report.md"));
    expect(store.remove(file("articles/new-report.md"))?.url).toBe("/articles/new-report/");
    expect(store.published.map((i) => i.url)).not.toContain("/articles/new-report/");
    await writeContentPage(store.ctx, store, file("articles/union-statement.md"), served);
    expect(read(served, "articles/union-statement/index.html")).not.toContain(related);
    const after = path.join(dir, "whole4");
    await buildSite(loadSiteContext(env(dir)), { output: after });
    expect(read(served, "articles/union-statement/index.html")).toBe(
      read(after, "articles/union-statement/index.html"),
    );
    expect(listFiles(after)).not.toContain("articles/new-report/index.html");
  });

  it("leaves to the whole build a new file with a permalink, a taken URL or a translation, and a file still there", () => {
    const text = (extra: string) =>
      `---\ntitle: Another\ndate: 2024-02-21\ncategory: news\n${extra}---\nText.\n`;
    for (const [name, body] of [
      ["articles/own-address.md", text("permalink: /events/\n")],
      ["articles/2024/bridge-march.md", text("")],
      ["articles/broken.md", "---\ntitle: [Broken\n---\nText.\n"],
      ["groups/a-group.md", text("")],
    ] as const) {
      mkdirSync(path.dirname(file(name)), { recursive: true });
      writeFileSync(file(name), body);
      expect(store.add(file(name)), name).toBe(false);
      expect(store.get(file(name)), name).toBeUndefined();
      rmSync(file(name));
    }
    expect(store.remove(file("articles/union-statement.md"))).toBeNull();
    expect(store.get(file("articles/union-statement.md"))).toBeDefined();
  });

  it("leaves to the whole build an edit that moves the item (date, tags, draft), a broken file and a new one", () => {
    const name = "articles/union-statement.md";
    const original = readFileSync(file(name), "utf8");
    const title = store.get(file(name))!.title;
    for (const change of [
      (t: string) => t.replace("date: 2024-02-18", "date: 2024-02-17"),
      (t: string) => t.replace("tags: [palestine, unions]", "tags: [palestine]"),
      (t: string) => t.replace("category: statement", "category: news"),
      (t: string) => t.replace("category: statement", "category: statement\ndraft: true"),
      (t: string) => t.replace("title: Union conference", "title: [Union conference"),
    ]) {
      writeFileSync(file(name), change(original).replace("Union conference", "Union congress"));
      expect(store.refresh(file(name))).toBe(false);
      // Refused edits leave the item as the last build knew it.
      expect(store.get(file(name))!.title).toBe(title);
    }
    writeFileSync(file(name), original);
    writeFileSync(file("articles/new-one.md"), original);
    expect(store.refresh(file("articles/new-one.md"))).toBe(false);
    rmSync(file("articles/new-one.md"));
    const film = readFileSync(file("articles/film-night.md"));
    rmSync(file("articles/film-night.md"));
    expect(store.refresh(file("articles/film-night.md"))).toBe(false);
    writeFileSync(file("articles/film-night.md"), film);
  });

  it("a whole build stopped by an edit, before or while it writes, leaves the served site as it was and nothing beside it", async () => {
    const snapshot = () => Object.fromEntries(listFiles(served).map((f) => [f, read(served, f)]));
    const before = snapshot();
    const beside = () => readdirSync(dir).filter((f) => /^served\.(next|old)/.test(f));
    const stopped = async (when: () => Promise<void>) => {
      const stop = new AbortController();
      const build = buildSite(loadSiteContext(env(dir)), { output: served, signal: stop.signal });
      await when();
      stop.abort();
      const error = await build.then(
        () => null,
        (e: unknown) => e,
      );
      expect(rootCause(error).name).toBe("AbortError");
      expect(snapshot()).toEqual(before);
      expect(beside()).toEqual([]);
    };
    await stopped(async () => undefined);
    // Once the new folder exists, pages and the search index are being written into it.
    await stopped(() =>
      vi
        .waitUntil(() => beside().length > 0, { timeout: 120_000, interval: 2 })
        .then(() => undefined),
    );
    // And the same content builds whole when nothing stops it.
    await buildSite(loadSiteContext(env(dir)), { output: served });
    expect(read(served, "index.html")).toContain("Tens of thousands");
  });

  it("in a site in two languages: an edited translation, its original and a new Arabic article, as a whole build", async () => {
    const { site, out, store: twoLanguages } = await twoLanguageBuild();
    const at = (name: string) => path.join(site, "content", name);
    const change = (name: string, from: string, to: string) =>
      writeFileSync(at(name), readFileSync(at(name), "utf8").replace(from, to));
    change("articles/مسيرة-غزة.md", "مسيرة من أجل غزة في ليدز", "مسيرة حاشدة من أجل غزة في ليدز");
    change(
      "articles/march-for-gaza.md",
      "March for Gaza in Leeds",
      "Great march for Gaza in Leeds",
    );
    writeFileSync(
      at("articles/وقفة-جديدة.md"),
      md(
        "title: وقفة جديدة في ليدز\ndate: 2024-02-06\nlang: ar\ncategory: news\ntags: [Gaza]",
        "نص.",
      ),
    );
    expect(twoLanguages.refresh(at("articles/مسيرة-غزة.md"))).toBe(true);
    expect(twoLanguages.refresh(at("articles/march-for-gaza.md"))).toBe(true);
    expect(twoLanguages.add(at("articles/وقفة-جديدة.md"))).toBe(true);
    for (const name of [
      "articles/مسيرة-غزة.md",
      "articles/march-for-gaza.md",
      "articles/وقفة-جديدة.md",
    ])
      await writeContentPage(twoLanguages.ctx, twoLanguages, at(name), out);
    const whole = path.join(site, "whole");
    await buildSite(loadSiteContext(env(site)), { output: whole });
    const pages = [
      "ar/articles/مسيرة-غزة/index.html",
      "articles/march-for-gaza/index.html",
      "ar/articles/وقفة-جديدة/index.html",
    ];
    for (const page of pages) expect(read(out, page), page).toBe(read(whole, page));
    expect(read(out, pages[0]!)).toContain("مسيرة حاشدة من أجل غزة في ليدز");
  });
});

// npm start with no earlier build: pages rendered alone from the content the whole build loaded, while it runs.
describe("the dev server's first start", () => {
  const homes = (ctx: SiteContext) => ctx.languages.list.map((l) => l.routes.home);
  const files = (root: string, ext: string) => listFiles(root).filter((f) => f.endsWith(ext));
  const same = (root: string, reference: string) => {
    for (const f of listFiles(root)) expect(read(root, f), f).toBe(read(reference, f));
  };

  it("renders the home page and item pages alone, beside the whole build sharing their content, byte for byte as a build on its own", async () => {
    // Another copy of the sample site; the whole build of the first copy, before any edit, is the reference.
    const site = await makeSampleSite();
    const reference = pristine;

    const ctx = loadSiteContext(env(site));
    const content = new ContentStore(ctx);
    content.load();
    const early = path.join(site, "early");
    await writeGeneratedPages(ctx, content, homes(ctx), early);
    // The home page alone (with the stylesheet and the pictures it shows): no list, feed or search index.
    expect(files(early, ".html")).toEqual(["index.html"]);
    expect(files(early, ".css").length).toBeGreaterThan(0);
    expect(files(early, ".jpeg").length).toBeGreaterThan(0);
    expect(read(early, "index.html")).toContain("Thousands march across the bridge");

    // Then the whole build with the same content, and every item page rendered alone while it writes.
    const whole = path.join(site, "whole");
    const building = buildSite(ctx, { output: whole, store: content });
    await vi.waitUntil(() => readdirSync(site).some((f) => f.startsWith("whole.next")), {
      timeout: 120_000,
      interval: 2,
    });
    const items = content.published.filter((i) =>
      ["articles", "actions", "pages"].includes(i.section),
    );
    await Promise.all([
      ...items.map((item) => writeContentPage(ctx, content, item.inputPath, early)),
      writeGeneratedPages(ctx, content, homes(ctx), early),
    ]);
    expect(await building).toBe(content);
    expect(files(early, ".html")).toHaveLength(items.length + 1);
    same(early, reference);
    same(whole, reference);
    expect(listFiles(whole)).toEqual(listFiles(reference));
  });

  it("renders each language's home page alone as the whole build does, and one with an edition and groups", async () => {
    const bilingual = makeFixture(BILINGUAL_FILES, BILINGUAL_SETTINGS);
    const digest = makeFixture({ ...DIGEST_FILES, ...GROUPS }, DIGEST_SETTINGS);
    // The two-language site's whole build is the one made of another copy of its files.
    for (const [site, buildDate, built] of [
      [bilingual, "2024-02-22", (await twoLanguageBuild()).pristine],
      [digest, DIGEST_BUILD_DATE, null],
    ] as const) {
      const at = { ...env(site), BUILD_DATE: buildDate };
      const reference = built ?? path.join(site, "reference");
      if (!built) await buildSite(loadSiteContext(at), { output: reference });
      const ctx = loadSiteContext(at);
      const content = new ContentStore(ctx);
      const early = path.join(site, "early");
      await writeGeneratedPages(ctx, content, homes(ctx), early);
      expect(files(early, ".html")).toEqual(
        homes(ctx)
          .map((url) => `${url.slice(1)}index.html`)
          .sort(),
      );
      same(early, reference);
    }
    expect(read(path.join(bilingual, "early"), "index.html")).toContain('hreflang="ar"');
    expect(read(path.join(digest, "early"), "index.html")).toContain("The second edition");
    expect(read(path.join(digest, "early"), "index.html")).toContain('id="seeking-heading"');
  });
});
