import { describe, expect, it } from "vitest";
import { BodyRenderer } from "../../src/lib/bodies.ts";
import type { Item } from "../../src/lib/content.ts";
import type { ImagePipeline } from "../../src/lib/images.ts";
import { bodyRefs } from "../../src/lib/links.ts";
import { createMarkdown } from "../../src/lib/markdown.ts";

const render = (source: string, pathPrefix = "/", env: Record<string, unknown> = {}) =>
  createMarkdown({ pathPrefix, origin: "https://site.example" }).render(source, env);

describe("createMarkdown", () => {
  it("moves root-relative links under the path prefix and leaves others alone", () => {
    const html = render(
      "[a](/articles/x/) [b](https://other.example/) [c](#top) [d](mailto:a@b.c)",
      "/pr-7/",
    );
    expect(html).toContain('<a href="/pr-7/articles/x/">a</a>');
    expect(html).toContain('<a href="https://other.example/">b</a>');
    expect(html).toContain('<a href="#top">c</a>');
    expect(html).toContain('<a href="mailto:a@b.c">d</a>');
  });

  it("makes root-relative links absolute for feeds", () => {
    expect(render("[a](/articles/x/)", "/pr-7/", { absoluteUrls: true })).toContain(
      'href="https://site.example/pr-7/articles/x/"',
    );
  });

  it("never renders raw HTML or javascript: links", () => {
    const html = render(
      '<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror="alert(1)">',
    );
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain("&lt;script&gt;");
  });

  it("leaves template syntax as text", () => {
    expect(render("{{ site.title }} {% include x %}")).toBe(
      "<p>{{ site.title }} {% include x %}</p>\n",
    );
  });

  it("hands images beside the Markdown to the image hook with their resolved path", () => {
    const seen: string[] = [];
    const md = createMarkdown({
      pathPrefix: "/",
      origin: "https://site.example",
      image: (file, alt) => {
        seen.push(`${file}|${alt}`);
        return "<picture>x</picture>";
      },
    });
    const html = md.render(
      "![A red banner](./banner%20one.jpg) ![remote](https://x.example/a.jpg)",
      { page: { inputPath: "/site/content/articles/a.md" } },
    );
    expect(seen).toEqual(["/site/content/articles/banner one.jpg|A red banner"]);
    expect(html).toContain("<picture>x</picture>");
    expect(html).toContain('<img src="https://x.example/a.jpg" alt="remote">');
  });
});

describe("markdownText", () => {
  it("keeps the words of every block and no markup", async () => {
    const { markdownText } = await import("../../src/lib/markdown.ts");
    const md = createMarkdown({ pathPrefix: "/", origin: "https://site.example" });
    const text = markdownText(
      md,
      "# Rafah\n\nSome **bold** and [a link](/x/) with `code`.\nNext line.\n\n- one\n- two\n\n![A banner](./b.jpg)\n\n    block code\n\n<b>raw</b> &amp; more",
    );
    expect(text).toBe(
      "Rafah\nSome bold and a link with code. Next line.\none\ntwo\nA banner\nblock code\n<b>raw</b> & more",
    );
  });
});

describe("bodyRefs", () => {
  // Every link and picture markdown-it's full parse finds, in order.
  const parsed = (body: string) => {
    const md = createMarkdown({ pathPrefix: "/", origin: "" });
    const found: string[] = [];
    const walk = (tokens: ReturnType<typeof md.parse>) => {
      for (const t of tokens) {
        const attr = t.type === "link_open" ? "href" : t.type === "image" ? "src" : null;
        if (attr && t.attrGet(attr)) found.push(String(t.attrGet(attr)));
        if (t.children) walk(t.children);
      }
    };
    walk(md.parse(body, {}));
    return found;
  };
  const bodies = [
    "Plain words. No links here!\n\n- a list\n\n# A heading",
    "[a](/articles/x/) and ![p](pic.jpg) and <https://x.org/a> and <a@b.org>",
    "See https://x.org/y, mailto:a@b.org, a@b.org, //cdn.example/x and _http://x.com",
    "example.org and www.example.org are not links: fuzzy links are off",
    "[ref]\n\n[ref]: /refd/\n\n| a | [b](/c/) |\n|---|---|\n| ![d](e.png) | f |",
    "`[code](x)` \\[not](link) http&#58;//x.com [![img](a.png)](/link/)\r\n> quote https://q.org",
  ];
  it("finds exactly the links and pictures of a full parse, skipping blocks that cannot hold one", () => {
    for (const body of bodies) expect(bodyRefs(body, 1).map((r) => r.target)).toEqual(parsed(body));
    expect(bodyRefs(bodies[0]!, 1)).toEqual([]);
    expect(bodyRefs(bodies[3]!, 1)).toEqual([]);
  });

  it("a page's rendering notes the same links and pictures, targets as written (before the path prefix)", () => {
    const images = {
      options: { contentDir: "/nowhere", origin: "https://site.example" },
      pathPrefix: "/pr-7/",
      picture: () => "<img>",
    } as unknown as ImagePipeline;
    const renderer = new BodyRenderer(images);
    const items = bodies.map(
      (body, i) => ({ inputPath: `/content/articles/${i}.md`, body, bodyLine: 5 }) as Item,
    );
    for (const item of items) renderer.pageHtml(item, {});
    const found = renderer.foundLinks();
    for (const item of items)
      expect(found.get(item.inputPath)).toEqual({ body: item.body, refs: bodyRefs(item.body, 5) });
    expect(found.get(items[1]!.inputPath)!.refs[0]!.target).toBe("/articles/x/");
    expect(renderer.foundLinks().size).toBe(0);
  });
});
