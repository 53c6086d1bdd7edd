import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { indexInWorker, indexingThreadsStarted, indexSite } from "../../src/lib/search-index.ts";
import { buildFixture, makeFixture, page } from "../helpers/fixture.ts";
import { makeJpeg } from "../helpers/sample-site.ts";
import { fragments, type Fragment } from "../helpers/pagefind.ts";
import { searchFiles } from "../helpers/search-site.ts";
import { sharedBuild } from "../helpers/shared-build.ts";

const byUrl = (list: Fragment[], url: string) => list.find((f) => f.url === url);

function digest(dir: string): string {
  const hash = createHash("sha256");
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(path.relative(dir, full)).update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest("hex");
}

let out: string;
let again: string;
let prefixed: string;
let index: Fragment[];
beforeAll(async () => {
  const files = { ...searchFiles(), "articles/banner.jpg": await makeJpeg(960, 640) };
  // The builds at / and /pr-7/ are shared with the other files that build this site; the second is this file's own.
  const [a, b, c] = await Promise.all([
    sharedBuild(files),
    buildFixture(makeFixture(files)),
    sharedBuild(files, undefined, { pathPrefix: "/pr-7/" }),
  ]);
  for (const r of [a, b, c]) expect(r.code, r.stderr).toBe(0);
  out = a.out;
  again = b.out;
  prefixed = c.out;
  index = fragments(out);
});

describe("the Pagefind index", () => {
  it("holds articles, actions, events and standing pages, and nothing else", () => {
    expect(index.map((f) => f.url).sort()).toEqual([
      "/about/",
      "/actions/night-vigil/",
      "/actions/sign-for-rafah/",
      "/articles/arabic-report/",
      "/articles/cat-bulletin/",
      "/articles/march-report/",
      "/articles/rafah-report/",
      ...Array.from(
        { length: 12 },
        (_, i) => `/articles/solidarity-${String(i + 1).padStart(2, "0")}/`,
      ),
    ]);
  });

  it("never holds a draft or a scheduled item in production", () => {
    const all = JSON.stringify(index);
    expect(all).not.toContain("zeppelinword");
    expect(all).not.toContain("quasarword");
  });

  it("gives each page the filters readers narrow by", () => {
    expect(byUrl(index, "/actions/night-vigil/")?.filters).toEqual({
      kind: ["action", "event"],
      category: ["event"],
      // As the editors wrote it (topic pages show "Gaza" too); the URL slug stays "gaza".
      tag: ["Gaza"],
    });
    expect(byUrl(index, "/articles/rafah-report/")?.filters).toEqual({
      kind: ["article"],
      category: ["news"],
      tag: ["palestine", "rafah"],
    });
    expect(byUrl(index, "/articles/arabic-report/")?.filters.tag).toEqual(["غزة"]);
    expect(byUrl(index, "/about/")?.filters).toEqual({ kind: ["page"] });
  });

  it("gives each result its title, date, summary and a small thumbnail", () => {
    const rafah = byUrl(index, "/articles/rafah-report/")!;
    expect(rafah.meta).toMatchObject({
      title: "Rafah crossing report",
      date: "20 February 2024",
      datetime: "2024-02-20",
      summary: "What happened at the Rafah crossing.",
    });
    expect(rafah.meta.image).toMatch(/^\/img\/[\w-]+-160\.webp$/);
    expect(existsSync(path.join(out, rafah.meta.image!))).toBe(true);
    // No thumbnail means none, not the first picture Pagefind would find on the page.
    expect(byUrl(index, "/articles/march-report/")?.meta.image).toBe("");
  });

  it("leaves the filter and meta block out of the searchable text", () => {
    const text = byUrl(index, "/articles/rafah-report/")!.content;
    expect(text).toContain("checkpoint");
    expect(text).not.toContain("2024-02-20");
    expect(text).not.toContain(".webp");
  });

  it("publishes only what the site's own search page needs", () => {
    const bundle = readdirSync(path.join(out, "pagefind"));
    expect(bundle).toEqual(
      expect.arrayContaining([
        "pagefind.js",
        "pagefind-worker.js",
        "pagefind-entry.json",
        "fragment",
        "index",
        "filter",
      ]),
    );
    expect(bundle.filter((name) => /ui|highlight/.test(name))).toEqual([]);
  });

  it("is byte-identical across two builds", () => {
    expect(digest(path.join(again, "pagefind"))).toBe(digest(path.join(out, "pagefind")));
  });

  it("keeps result URLs unprefixed for the search page to prefix, and thumbnails under the prefix", () => {
    const list = fragments(prefixed);
    const rafah = byUrl(list, "/articles/rafah-report/")!;
    expect(rafah.meta.image).toMatch(/^\/pr-7\/img\/[\w-]+-160\.webp$/);
    const search = page(prefixed, "/search/").getElementById("search")!;
    expect(search.getAttribute("data-bundle")).toBe("/pr-7/pagefind/");
    expect(search.getAttribute("data-base-url")).toBe("/pr-7/");
  });
});

describe("the search page", () => {
  it("is a GET form whose fields carry the query and filters, with nothing inline", () => {
    const doc = page(out, "/search/");
    const form = doc.querySelector("#search form")!;
    expect(form.getAttribute("method")).toBe("get");
    expect(form.getAttribute("action")).toBe("/search/");
    // The filters follow the results in the page and belong to the form through form="search-form".
    expect(form.id).toBe("search-form");
    expect(
      [...doc.querySelectorAll("#search [name]")].map((el) => [
        el.getAttribute("name"),
        form.contains(el) ? "inside" : el.getAttribute("form"),
      ]),
    ).toEqual([
      ["q", "inside"],
      ["kind", "search-form"],
      ["category", "search-form"],
      ["group", "search-form"],
      ["tag", "search-form"],
      ["sort", "search-form"],
    ]);
    expect(
      [...doc.querySelectorAll("#search-category option")].map((o) => o.textContent),
    ).toContain("Campaigns (petitions, letters, lobbying)");
    // A site without groups has no group to choose: the filter is there for search.js, hidden.
    expect(doc.querySelector("#search-group")?.parentElement?.hasAttribute("hidden")).toBe(true);
    expect(
      doc.querySelectorAll("script:not([src]):not([type='application/ld+json'])"),
    ).toHaveLength(0);
    expect(doc.querySelectorAll("[style]")).toHaveLength(0);
    expect(doc.querySelector("#search-status")?.getAttribute("aria-live")).toBe("polite");
  });

  it("says plainly that it needs JavaScript when there is none", () => {
    expect(page(out, "/search/").querySelector("noscript")?.textContent).toMatch(
      /Search needs JavaScript/,
    );
  });

  it("loads search.js and search.css, fingerprinted, on /search/ only", () => {
    const doc = page(out, "/search/");
    expect(doc.querySelector('script[type="module"]')?.getAttribute("src")).toMatch(
      /^\/assets\/search\.[0-9a-f]{10}\.js$/,
    );
    expect(
      [...doc.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.getAttribute("href")),
    ).toContainEqual(expect.stringMatching(/^\/assets\/search\.[0-9a-f]{10}\.css$/));
    const article = readFileSync(path.join(out, "articles/rafah-report/index.html"), "utf8");
    expect(article).not.toMatch(/search\.[0-9a-f]{10}\.(js|css)/);
  });
});

describe("indexSite", () => {
  const built = (url: string) => ({
    url,
    content: `Page ${url}`,
    language: "en",
    meta: { title: url },
  });

  it("fails when Pagefind reports errors", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "search-fail-"));
    const broken = { ...built("/b/"), sort: { date: 5 as unknown as string } };
    await expect(indexSite([built("/a/"), broken], dir, "pagefind")).rejects.toThrow(
      /search plugin: Pagefind reported errors while indexing:\n\/b\/: .*invalid type: integer `5`/,
    );
    expect(existsSync(path.join(dir, "pagefind"))).toBe(false);
  });

  it("replaces the previous bundle, so removed pages leave no stale files", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "search-stale-"));
    mkdirSync(path.join(dir, "pagefind", "fragment"), { recursive: true });
    writeFileSync(path.join(dir, "pagefind", "fragment", "stale.pf_fragment"), "old");
    expect(await indexSite([built("/a/"), built("/b/")], dir, "pagefind")).toBe(2);
    expect(readdirSync(path.join(dir, "pagefind", "fragment"))).toHaveLength(2);
  });
});

describe("indexInWorker", () => {
  const job = () => ({
    records: ["/a/", "/b/"].map((url) => ({
      url,
      content: `Page *${url}*`,
      language: "en",
      meta: { title: url },
    })),
    outputDir: mkdtempSync(path.join(tmpdir(), "search-thread-")),
    bundleDir: "pagefind",
    config: {},
  });
  const reuse = { reuse: true };
  const fragmentsOf = (dir: string) => readdirSync(path.join(dir, "pagefind", "fragment"));

  it("with reuse, keeps the thread of a finished job for the next build, and never reuses a stopped one", async () => {
    expect(await indexInWorker(job(), undefined, reuse)).toBe(2);
    const started = indexingThreadsStarted();
    const second = job();
    expect(await indexInWorker(second, undefined, reuse)).toBe(2);
    expect(fragmentsOf(second.outputDir)).toHaveLength(2);
    expect(indexingThreadsStarted()).toBe(started);
    // The kept thread takes the stopped job, which closes its Pagefind for good: the next job starts another.
    const stop = new AbortController();
    stop.abort();
    await expect(indexInWorker(job(), stop.signal, reuse)).rejects.toThrow(
      "search plugin: indexing stopped",
    );
    expect(indexingThreadsStarted()).toBe(started);
    const after = job();
    expect(await indexInWorker(after, undefined, reuse)).toBe(2);
    expect(indexingThreadsStarted()).toBe(started + 1);
    expect(fragmentsOf(after.outputDir)).toHaveLength(2);
  });

  it("without reuse (a one-off build), starts a thread of its own for each job", async () => {
    const started = indexingThreadsStarted();
    const first = job();
    const second = job();
    expect(await indexInWorker(first)).toBe(2);
    expect(await indexInWorker(second)).toBe(2);
    expect(indexingThreadsStarted()).toBe(started + 2);
    expect(fragmentsOf(first.outputDir)).toEqual(fragmentsOf(second.outputDir));
  });
});
