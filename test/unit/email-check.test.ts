import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkEmail } from "../../src/lib/email-check.ts";

const out = mkdtempSync(path.join(tmpdir(), "email-check-"));
mkdirSync(path.join(out, "articles/a"), { recursive: true });
writeFileSync(path.join(out, "articles/a/index.html"), "");
const options = { siteRoot: "https://x.org/", output: out, unsubscribe: "*|UNSUB|*" };

describe("checkEmail", () => {
  it("passes absolute links to built pages, mailto, and the unsubscribe tag", () => {
    const report = checkEmail(
      '<a href="https://x.org/articles/a/">A</a><a href="mailto:a@x.org">M</a><a href="*|UNSUB|*">U</a><a href="https://other.org/?a=1&amp;b=2">O</a><img src="https://x.org/articles/a/" alt="" width="1" height="1">',
      options,
    );
    expect(report).toEqual({ bytes: expect.any(Number), links: 4, siteLinks: 1, problems: [] });
  });

  it("names each relative link, missing page, script and image without size", () => {
    const report = checkEmail(
      '<script src="https://x.org/s.js"></script><a href="/articles/a/">R</a><a href="https://x.org/articles/b/">B</a><img src="https://other.org/p.jpg" alt="p">',
      options,
    );
    expect(report.problems).toEqual([
      "a <script> element: email clients drop them",
      `src="https://x.org/s.js": no such file in ${out}`,
      'href="/articles/a/": expected an absolute https, http or mailto address',
      `href="https://x.org/articles/b/": no such page in ${out}`,
      '<img src="https://other.org/p.jpg" alt="p">…: an image without width',
      '<img src="https://other.org/p.jpg" alt="p">…: an image without height',
    ]);
  });

  it("refuses an email over 90 KB", () => {
    const report = checkEmail(`<p>${"x".repeat(95 * 1024)}</p>`, options);
    expect(report.problems).toEqual([
      "size: 95.0 KB, over the 90 KB limit (Gmail clips at 102 KB)",
    ]);
  });
});
