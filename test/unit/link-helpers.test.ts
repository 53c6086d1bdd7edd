import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPage, extractRefs } from "../helpers/links.ts";
import { urlOf } from "../helpers/sample-site.ts";

describe("extractRefs", () => {
  it("finds hrefs, srcs, every srcset candidate, form actions and Open Graph URLs", () => {
    const refs = extractRefs(`<html><head><link rel="stylesheet" href="/a.css">
      <meta property="og:image" content="https://x.org/i.jpg"></head><body>
      <a href="/b/">b</a><img src="/c.jpg" srcset="/c-1.jpg 300w, /c-2.jpg 600w">
      <picture><source type="image/webp" srcset="/d.webp 1x,/d2.webp 2x"></picture>
      <form action="/search/"></form><script src="/s.js"></script></body></html>`);
    expect(refs.map((r) => r.url).sort()).toEqual(
      [
        "/a.css",
        "/b/",
        "/c.jpg",
        "/c-1.jpg",
        "/c-2.jpg",
        "/d.webp",
        "/d2.webp",
        "/search/",
        "/s.js",
        "https://x.org/i.jpg",
      ].sort(),
    );
    expect(refs.find((r) => r.url === "/c-2.jpg")?.attr).toBe("img[srcset]");
  });
});

describe("checkPage", () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), "links-helper-"));
    mkdirSync(path.join(out, "about"), { recursive: true });
    writeFileSync(path.join(out, "about", "index.html"), `<h1 id="top">About</h1>`);
    writeFileSync(path.join(out, "a.css"), "");
    mkdirSync(path.join(out, "empty"));
  });
  const origin = "https://site.example.org";

  it("accepts links that resolve, with or without the site's origin, relative or root-relative", () => {
    const html = `<a href="/about/">x</a><a href="/about/#top">x</a><a href="../a.css">x</a>
      <a href="https://site.example.org/about/">x</a><a href="https://elsewhere.org/nope/">x</a>
      <a href="mailto:a@b.org">x</a><a href="#top">x</a>`;
    expect(checkPage(out, "/about/", html, { origin })).toEqual([]);
  });

  it("reports a missing file, a directory without index.html, and a fragment that names nothing", () => {
    const problems = checkPage(
      out,
      "/",
      `<a href="/missing/">x</a><img src="/empty" alt=""><a href="/about/#nowhere">x</a>`,
      { origin },
    );
    expect(problems).toEqual([
      'a[href]="/missing/" has no file in the output',
      'a[href]="/about/#nowhere" names #nowhere, which is not on that page',
      'img[src]="/empty" has no file in the output',
    ]);
  });

  it("under a prefix, resolves /pr-7/ URLs and reports any internal URL that misses the prefix", () => {
    const html = `<a href="/pr-7/about/">ok</a><link href="/a.css"><meta property="og:url" content="https://site.example.org/about/">`;
    expect(checkPage(out, "/about/", html, { origin, prefix: "/pr-7/" })).toEqual([
      'link[href]="/a.css" is outside the path prefix /pr-7/',
      'meta[property="og:url"]="https://site.example.org/about/" is outside the path prefix /pr-7/',
    ]);
  });
});

describe("urlOf", () => {
  it("turns built file paths into site URLs", () => {
    expect(urlOf("index.html")).toBe("/");
    expect(urlOf("articles/foo/index.html")).toBe("/articles/foo/");
    expect(urlOf("404.html")).toBe("/404.html");
  });
});
