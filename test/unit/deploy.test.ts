import { describe, expect, it } from "vitest";
import {
  absoluteUrl,
  checkLanguage,
  checkPathPrefix,
  checkSiteUrl,
  encodeUrlPath,
  originUrl,
  resolveDeploy,
} from "../../src/lib/deploy.ts";

const PREFIX_EXPECTED =
  'a path such as /repo/ or /repo/pr-7/ (letters, digits, "-", "_", "." and "~" between single slashes)';
const URL_EXPECTED =
  "the site's address, such as https://digest.example.org or https://owner.github.io/repo/";

describe("checkPathPrefix", () => {
  it.each([
    ["", "/"],
    ["/", "/"],
    ["repo", "/repo/"],
    ["/repo", "/repo/"],
    ["repo/", "/repo/"],
    ["/repo/preview-3f9a/", "/repo/preview-3f9a/"],
    ["/A.b_c~d-1/", "/A.b_c~d-1/"],
  ])("reads %j as %j", (raw, prefix) => {
    expect(checkPathPrefix(raw)).toEqual({ ok: true, value: prefix });
  });

  it.each([
    ["../x", 'a ".." folder'],
    ["/a/../b/", 'a ".." folder'],
    ["/./", 'a "." folder'],
    ["//host/", "two slashes in a row"],
    ["/a//b/", "two slashes in a row"],
    ["/a b/", "a space"],
    ["/x?y", '"?"'],
    ["/x#y", '"#"'],
    ["/x%2e/", '"%"'],
    ["\\x\\", '"\\"'],
    ["/café/", '"é"'],
    ["https://host/x/", '":"'],
  ])("refuses %j, saying why (%s)", (raw, problem) => {
    expect(checkPathPrefix(raw)).toEqual({
      ok: false,
      expected: `${PREFIX_EXPECTED}, got ${JSON.stringify(raw)} (${problem})`,
    });
  });
});

describe("checkSiteUrl", () => {
  it.each([
    ["https://digest.example.org", "https://digest.example.org", "/"],
    ["https://digest.example.org/", "https://digest.example.org", "/"],
    ["https://Owner.GitHub.io/repo", "https://owner.github.io", "/repo/"],
    ["https://owner.github.io/repo/", "https://owner.github.io", "/repo/"],
    ["http://localhost:8080/a/b/", "http://localhost:8080", "/a/b/"],
    ["https://example.org:443/", "https://example.org", "/"],
    ["https://bücher.example/", "https://xn--bcher-kva.example", "/"],
  ])("reads %j as origin %j and path %j", (raw, origin, path) => {
    expect(checkSiteUrl(raw)).toEqual({ ok: true, value: { origin, path } });
  });

  it.each([
    ["digest.example.org", "it must start with https://"],
    ["ftp://example.org/", "only https and http addresses"],
    ["javascript://x/", "only https and http addresses"],
    ["https://", "not a valid address"],
    ["https://exa mple.org/", "not a valid address"],
    ["https://user:pw@example.org/", "no user name or password"],
    ["https://example.org/?x=1", 'no "?" query'],
    ["https://example.org/#top", 'no "#" fragment'],
    ["https://example.org/a/../b/", 'its path has a ".." folder'],
    ["https://example.org//host/", "its path has two slashes in a row"],
    ["https://example.org/a b/", "its path has a space"],
    ["https://example.org/%2e%2e/", 'its path has "%"'],
  ])("refuses %j (%s)", (raw, problem) => {
    expect(checkSiteUrl(raw)).toEqual({
      ok: false,
      expected: `${URL_EXPECTED}, got ${JSON.stringify(raw)} (${problem})`,
    });
  });

  it("says what it got when the setting is missing or not text", () => {
    expect(checkSiteUrl(undefined)).toEqual({
      ok: false,
      expected: `${URL_EXPECTED}, got nothing`,
    });
    expect(checkSiteUrl(42)).toEqual({
      ok: false,
      expected: `${URL_EXPECTED}, got 42 (not text)`,
    });
  });
});

describe("resolveDeploy", () => {
  it("takes the prefix from the path of url", () => {
    expect(resolveDeploy("https://owner.github.io/repo")).toEqual({
      origin: "https://owner.github.io",
      pathPrefix: "/repo/",
    });
  });

  it("lets --pathprefix replace the path of url, never add to it", () => {
    expect(resolveDeploy("https://owner.github.io/repo", "/repo/")).toEqual({
      origin: "https://owner.github.io",
      pathPrefix: "/repo/",
    });
    expect(resolveDeploy("https://owner.github.io/repo", "/repo/preview-ab12/")).toEqual({
      origin: "https://owner.github.io",
      pathPrefix: "/repo/preview-ab12/",
    });
    expect(resolveDeploy("https://owner.github.io/repo", "/")).toEqual({
      origin: "https://owner.github.io",
      pathPrefix: "/",
    });
  });

  it("names the setting when one is wrong", () => {
    expect(() => resolveDeploy("https://example.org", "../x")).toThrow(
      `--pathprefix: expected ${PREFIX_EXPECTED}, got "../x" (a ".." folder)`,
    );
    expect(() => resolveDeploy("example.org")).toThrow(
      `url: expected ${URL_EXPECTED}, got "example.org" (it must start with https://)`,
    );
  });
});

describe("absolute URLs", () => {
  const deploy = { origin: "https://owner.github.io", pathPrefix: "/repo/" };

  it("join origin, prefix and path exactly once", () => {
    expect(absoluteUrl(deploy, "/")).toBe("https://owner.github.io/repo/");
    expect(absoluteUrl(deploy, "/articles/x/")).toBe("https://owner.github.io/repo/articles/x/");
    expect(absoluteUrl(deploy, "feed.xml")).toBe("https://owner.github.io/repo/feed.xml");
    expect(absoluteUrl({ origin: "https://s.example", pathPrefix: "/" }, "/a/")).toBe(
      "https://s.example/a/",
    );
    expect(originUrl(deploy, "/repo/img/abc-960.jpg")).toBe(
      "https://owner.github.io/repo/img/abc-960.jpg",
    );
  });

  it("leave URLs with a scheme as they are", () => {
    expect(absoluteUrl(deploy, "https://other.example/x")).toBe("https://other.example/x");
    expect(originUrl(deploy, "mailto:a@b.example")).toBe("mailto:a@b.example");
  });

  it("percent-encode what a URL cannot hold, once", () => {
    expect(absoluteUrl(deploy, "/tags/café au lait/")).toBe(
      "https://owner.github.io/repo/tags/caf%C3%A9%20au%20lait/",
    );
    expect(absoluteUrl(deploy, "/tags/caf%C3%A9/")).toBe(
      "https://owner.github.io/repo/tags/caf%C3%A9/",
    );
    expect(encodeUrlPath("/100%/")).toBe("/100%25/");
    expect(encodeUrlPath('/a<b>"c"/')).toBe("/a%3Cb%3E%22c%22/");
    expect(encodeUrlPath("/ǆ😀/")).toBe("/%C7%86%F0%9F%98%80/");
    expect(encodeUrlPath("/x\uD800/")).toBe("/x%EF%BF%BD/");
    expect(encodeUrlPath("/a-b_c.d~e!$&'()*+,;=:@/")).toBe("/a-b_c.d~e!$&'()*+,;=:@/");
  });
});

describe("checkLanguage", () => {
  it.each([
    ["en-GB", "en-GB"],
    ["en-gb", "en-GB"],
    ["ar", "ar"],
    ["cy", "cy"],
    ["zh-Hant-TW", "zh-Hant-TW"],
    ["es-419", "es-419"],
    ["sl-rozaj", "sl-rozaj"],
  ])("accepts %j as %j", (raw, tag) => {
    expect(checkLanguage(raw)).toEqual({ ok: true, value: tag });
  });

  it.each(["English", "en_GB", "e", "en-", "en GB", "", "x-private", "en-GB-"])(
    "refuses %j",
    (raw) => {
      expect(checkLanguage(raw)).toEqual({
        ok: false,
        expected: `a language tag such as en-GB, cy or ar (BCP 47), got ${JSON.stringify(raw)}`,
      });
    },
  );

  it("refuses a value that is not text", () => {
    expect(checkLanguage(7)).toEqual({
      ok: false,
      expected: "a language tag such as en-GB, cy or ar (BCP 47), got 7",
    });
  });
});
