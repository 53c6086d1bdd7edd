import { describe, expect, it } from "vitest";
import { markdownCode, markdownHref } from "../../src/lib/markdown-escape.ts";
import { diffMarkdown } from "../../src/lib/site-diff.ts";

describe("Markdown escaping for npm run changed --markdown", () => {
  it("fences code with more backticks than it holds", () => {
    expect(markdownCode("/a/")).toBe("`/a/`");
    expect(markdownCode("/a`b/")).toBe("``/a`b/``");
    expect(markdownCode("`x``")).toBe("``` `x`` ```");
  });

  it("percent-encodes what would end a link target or open HTML", () => {
    expect(markdownHref("https://x.org/a b/(c)/<d>/[e]")).toBe(
      "https://x.org/a%20b/%28c%29/%3Cd%3E/%5Be%5D",
    );
  });

  it("keeps odd paths as one list item each", () => {
    const diff = {
      added: ["/a`b/", "/c) [x](javascript:alert(1)/"],
      removed: [],
      changed: [],
      listsOnly: [],
    };
    expect(diffMarkdown(diff, "https://x.org/pr-7/").split("\n").slice(-2)).toEqual([
      "- [``/a`b/``](https://x.org/pr-7/a%60b/)",
      "- [`/c) [x](javascript:alert(1)/`](https://x.org/pr-7/c%29%20%5Bx%5D%28javascript:alert%281%29/)",
    ]);
  });
});
