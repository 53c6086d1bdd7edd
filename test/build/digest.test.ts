import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { HtmlValidate } from "html-validate";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, md, page, readOut, runScript } from "../helpers/fixture.ts";
import { DIGEST_BUILD_DATE, makeDigestSite, SITE } from "../helpers/digest-site.ts";

const text = (el: Element | null | undefined) =>
  (el?.textContent ?? "").replace(/\s+/g, " ").trim();
const all = (doc: ParentNode, selector: string) => [...doc.querySelectorAll(selector)];
const dom = (html: string) => parseHTML(html).document as unknown as Document;

// Email clients need what the web no longer does: presentational table attributes and inline styles.
const emailValidator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    "no-inline-style": "off",
    "no-deprecated-attr": "off",
    "doctype-style": "off",
    "no-redundant-role": "off",
    "attribute-misuse": "off",
  },
});

describe("the digest in a fixture build", () => {
  let out: string;
  let preview: string;

  beforeAll(async () => {
    // A draft edition may name a draft article: neither is published, so nothing is refused.
    const draft = {
      "editions/003.md": md(
        "title: Still being written\ndate: 2024-03-09\nnumber: 3\nsummary: S.\ndraft: true\nsections:\n  - heading: H\n    items:\n      - articles/hidden-draft.md",
      ),
    };
    const [built, previewed] = await Promise.all([
      buildFixture(makeDigestSite(draft), { buildDate: DIGEST_BUILD_DATE }),
      buildFixture(makeDigestSite(draft), { buildDate: DIGEST_BUILD_DATE, preview: true }),
    ]);
    expect(built.code, built.stderr).toBe(0);
    expect(previewed.code, previewed.stderr).toBe(0);
    out = built.out;
    preview = previewed.out;
  });

  it("lists the editions newest first on /digest/, with the sign-up link and the feeds", () => {
    const doc = page(out, "/digest/");
    expect(all(doc, "main .card__title").map(text)).toEqual([
      "The second edition",
      "The first edition",
    ]);
    expect(all(page(preview, "/digest/"), "main .card__title").map(text)[0]).toBe(
      "Still being written",
    );
    expect(all(doc, "main .card__title a").map((a) => a.getAttribute("href"))).toEqual([
      "/digest/2/",
      "/digest/1/",
    ]);
    const subscribe = doc.querySelector("main .subscribe");
    expect(subscribe?.querySelector("a.button")?.getAttribute("href")).toBe(
      "https://lists.example.org/subscribe",
    );
    expect(all(subscribe!, "a").map((a) => a.getAttribute("href"))).toContain("/digest/feed.xml");
  });

  it("links the sign-up page and the digest from every page's footer", () => {
    for (const url of ["/", "/articles/strike-begins/", "/digest/1/"]) {
      const footer = page(out, url).querySelector(".site-footer")!;
      expect(all(footer, "a").map((a) => [text(a), a.getAttribute("href")])).toEqual(
        expect.arrayContaining([
          ["Get the digest by email", "https://lists.example.org/subscribe"],
          ["The digest", "/digest/"],
        ]),
      );
    }
  });

  it("shows an edition's sections with the editor's notes, what is still open, what is coming, and its neighbours", () => {
    const doc = page(out, "/digest/1/");
    expect(text(doc.querySelector("h1"))).toBe("The first edition");
    expect(doc.querySelector(".prose strong")?.textContent).toBe("first");
    expect(all(doc, ".edition__section h2").map(text)).toEqual([
      "On the picket line",
      "Sign now",
      "Still open",
    ]);
    const [picket, sign, open] = all(doc, ".edition__section");
    expect(all(picket!, ".card__title").map(text)).toEqual([
      "Museum strike begins",
      "Students occupy & win",
    ]);
    expect(text(picket!.querySelector(".edition__note"))).toBe(
      "Editor's note: Pickets every morning until April.",
    );
    // Closed since the edition went out: shown as closed, with no button.
    expect(text(sign!.querySelector(".cta__status"))).toBe("Closed on 1 March 2024");
    expect(sign!.querySelector("a.button")).toBeNull();
    expect(all(open!, ".card__title").map(text)).toEqual([
      "National march",
      "Sign the open letter",
    ]);
    expect(doc.querySelector('a[rel="next"]')?.getAttribute("href")).toBe("/digest/2/");
    expect(doc.querySelector('a[rel="prev"]')).toBeNull();

    const second = page(out, "/digest/2/");
    expect(all(second, ".edition__section h2").map(text)).toEqual(["Act", "Coming up"]);
    // The march is both an action and an event: it shows once, under "Coming up".
    expect(all(second, ".edition__section .card__title").map(text)).toEqual([
      "Sign the open letter",
      "Museum strike begins",
      "National march",
    ]);
    expect(second.querySelector('a[rel="prev"]')?.getAttribute("href")).toBe("/digest/1/");
  });

  it("writes email.html as email clients need it: inlined, absolute, no script, under the limit", async () => {
    const html = readOut(out, "digest/1/email.html");
    expect(Buffer.byteLength(html)).toBeLessThan(90 * 1024);
    const doc = dom(html);
    expect(doc.documentElement.getAttribute("lang")).toBe("en-GB");
    expect(doc.documentElement.getAttribute("dir")).toBe("ltr");
    expect(doc.querySelector("script, link[rel=stylesheet]")).toBeNull();
    expect(text(doc.querySelector(".preheader"))).toBe("Strikes and occupations.");
    expect(doc.querySelector("table.container")?.getAttribute("width")).toBe("600");
    expect(doc.querySelector("h1")?.getAttribute("style")).toContain("font-size");
    const hrefs = all(doc, "a").map((a) => a.getAttribute("href")!);
    const unsubscribe = "{{ UnsubscribeURL }}";
    expect(hrefs).toContain(unsubscribe);
    expect(hrefs).toContain(`${SITE}/digest/1/`);
    for (const href of hrefs.filter((h) => h !== unsubscribe))
      expect(href, href).toMatch(/^(https:\/\/|mailto:)/);
    // Every link to the site leads to a page the build wrote.
    for (const href of hrefs.filter((h) => h.startsWith(`${SITE}/`))) {
      const file = path.join(out, new URL(href).pathname, "index.html");
      expect(existsSync(file), href).toBe(true);
    }
    const report = await emailValidator.validateString(html, "email.html");
    expect(
      report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)),
    ).toEqual([]);
  });

  it("writes email.txt from the same data: every item's title and address", () => {
    const txt = readOut(out, "digest/1/email.txt");
    expect(txt).toContain("View in your browser: https://fixture.example.org/digest/1/");
    expect(txt).toContain("Welcome to the **first** edition.");
    for (const [title, url] of [
      ["Museum strike begins", "/articles/strike-begins/"],
      ["Students occupy & win", "/articles/students-occupy/"],
      ["Closed petition", "/actions/closed-petition/"],
      ["Sign the open letter", "/actions/open-letter/"],
    ]) {
      expect(txt).toContain(`- ${title}\n`);
      expect(txt).toContain(`  ${SITE}${url}\n`);
    }
    expect(txt).toContain("  Note: Pickets every morning until April.\n");
    expect(txt).toContain("  Sign the letter: https://letters.example.org/sign?x=1&y=2\n");
    expect(txt).toContain("Unsubscribe: {{ UnsubscribeURL }}");
    expect(txt).not.toMatch(/<[a-z]/i);
  });

  it("publishes the editions as Atom and JSON Feed, whole content, and keeps them out of the site feed", () => {
    const atom = parseFeed(readOut(out, "digest/feed.xml"));
    expect(atom.items.map((i) => i.title)).toEqual(["The second edition", "The first edition"]);
    expect(atom.items[1]!.url).toBe(`${SITE}/digest/1/`);
    expect(atom.items[1]!.content).toContain("<h2>On the picket line</h2>");
    expect(atom.items[1]!.content).toContain(`href="${SITE}/articles/strike-begins/"`);
    const json = JSON.parse(readOut(out, "digest/feed.json"));
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.feed_url).toBe(`${SITE}/digest/feed.json`);
    expect(json.items.map((i: { id: string }) => i.id)).toEqual([
      `${SITE}/digest/2/`,
      `${SITE}/digest/1/`,
    ]);
    expect(json.items[0].content_html).toContain("<h2>Act</h2>");
    const site = parseFeed(readOut(out, "feed.xml"));
    expect(site.items.map((i) => i.url).filter((u) => u?.includes("/digest/"))).toEqual([]);
  });

  it("gives articles, actions and editions share links that load nothing until followed", () => {
    const doc = page(out, "/actions/open-letter/");
    const links = Object.fromEntries(
      all(doc, ".share__link").map((a) => [text(a), a.getAttribute("href")!]),
    );
    const url = `${SITE}/actions/open-letter/`;
    const words = "Sign the letter by 30 April 2024: Sign the open letter";
    expect(links).toEqual({
      WhatsApp: `https://wa.me/?text=${encodeURIComponent(`${words} ${url}`)}`,
      Telegram: `https://t.me/share/url?url=${encodeURIComponent(url)}&text=${encodeURIComponent(words)}`,
      Bluesky: `https://bsky.app/intent/compose?text=${encodeURIComponent(`${words} ${url}`)}`,
      Mastodon: `${SITE}/share/?text=${encodeURIComponent(`${words} ${url}`)}`,
      Email: `mailto:?subject=${encodeURIComponent("Sign the open letter")}&body=${encodeURIComponent(`${words} ${url}`)}`,
    });
    expect(page(out, "/digest/2/").querySelector(".share__link")).not.toBeNull();
    expect(page(out, "/share/").querySelector("form[data-mastodon]")).not.toBeNull();
  });

  it("leads the home page with the latest edition and what to do, each item once", () => {
    const doc = page(out, "/");
    expect(all(doc, "main h2").map(text)).toEqual([
      "This week's digest",
      "Take action",
      "Coming up",
      "Latest",
    ]);
    expect(text(doc.querySelector(".home__edition .card__title"))).toBe("The second edition");
    const titles = all(doc, "main .card__title").map(text);
    expect(titles.filter((t) => t === "National march")).toHaveLength(1);
    expect(all(doc, "#actions-heading ~ .cards .card__title").map(text)).toEqual([
      "Sign the open letter",
    ]);
  });

  it("shows a draft edition, and the draft it names, in previews only", () => {
    expect(existsSync(path.join(out, "digest/3/index.html"))).toBe(false);
    expect(existsSync(path.join(out, "digest/3/email.html"))).toBe(false);
    const doc = page(preview, "/digest/3/");
    expect(text(doc.querySelector(".badge--draft"))).toBe("Draft: not published");
    expect(all(doc, ".edition__section .card__title").map(text)[0]).toBe("Hidden draft");
    expect(existsSync(path.join(preview, "digest/3/email.html"))).toBe(true);
  });
});

/** An edition's front matter with `sections` as given, number 3, dated after the others. */
const edition = (sections: string, extra = "") =>
  md(`title: Third\ndate: 2024-03-09\nnumber: 3\nsummary: S.\n${extra}sections:\n${sections}`);

const REFUSALS: { name: string; files: Record<string, string>; expected: string }[] = [
  {
    name: "a reference to no file",
    files: {
      "editions/003.md": edition("  - heading: H\n    items:\n      - articles/nothing.md"),
    },
    expected:
      'content/editions/003.md:9 → sections.0.items.0: expected the path or URL of an article or action, got "articles/nothing.md" (no such file or page)',
  },
  {
    name: "a reference to a draft in a production build",
    files: {
      "editions/003.md": edition("  - heading: H\n    items:\n      - articles/hidden-draft.md"),
    },
    expected:
      'content/editions/003.md:9 → sections.0.items.0: expected a published item, got "articles/hidden-draft.md", which is a draft (content/articles/hidden-draft.md); publish it first or take it out',
  },
  {
    name: "a reference to a scheduled item",
    files: {
      "editions/003.md": edition("  - heading: H\n    items:\n      - articles/next-week.md"),
    },
    expected:
      'content/editions/003.md:9 → sections.0.items.0: expected a published item, got "articles/next-week.md", which is scheduled for 2024-03-20 (content/articles/next-week.md); publish it first or take it out',
  },
  {
    name: "an item listed twice",
    files: {
      "editions/003.md": edition(
        "  - heading: H\n    items:\n      - articles/strike-begins.md\n  - heading: I\n    items:\n      - /articles/strike-begins/",
      ),
    },
    expected:
      'content/editions/003.md:12 → sections.1.items.0: expected each item once per edition, got "/articles/strike-begins/" again (already in sections.0.items.0)',
  },
  {
    name: "a duplicate number",
    files: {
      "editions/003.md": md(
        "title: Third\ndate: 2024-03-09\nnumber: 2\nsummary: S.\nsections:\n  - heading: H\n    items:\n      - articles/strike-begins.md",
      ),
    },
    expected:
      "content/editions/2024/002.md:4 → number: expected a number no other edition has, got 2, which content/editions/003.md has too",
  },
  {
    name: "a number that goes back in time",
    files: {
      "editions/003.md": md(
        "title: Third\ndate: 2024-03-01\nnumber: 3\nsummary: S.\nsections:\n  - heading: H\n    items:\n      - articles/strike-begins.md",
      ),
    },
    expected:
      "content/editions/003.md:3 → date: expected a date on or after 2024-03-08 (edition 2, content/editions/2024/002.md), got 2024-03-01: numbers go up with dates",
  },
  {
    name: "an edition with no sections",
    files: {
      "editions/003.md": md("title: Third\ndate: 2024-03-09\nnumber: 3\nsummary: S.\nsections: []"),
    },
    expected:
      "content/editions/003.md:6 → sections: expected at least one section, got an empty list",
  },
  {
    name: "a standing page in an edition",
    files: {
      "pages/about.md": md("title: About\ndate: 2024-01-01"),
      "editions/003.md": edition("  - heading: H\n    items:\n      - /about/"),
    },
    expected:
      'content/editions/003.md:9 → sections.0.items.0: expected an article or action, got "/about/", which is a standing page (content/pages/about.md)',
  },
];

describe("editions the build and npm run check refuse alike", () => {
  it.each(REFUSALS)("$name", async ({ files, expected }) => {
    const dir = makeDigestSite(files);
    const [build, check] = await Promise.all([
      buildFixture(dir, { buildDate: DIGEST_BUILD_DATE }),
      runScript(dir, "check.ts", [], { buildDate: DIGEST_BUILD_DATE }),
    ]);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain(expected);
    expect(existsSync(build.out)).toBe(false);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(expected);
  });

  it("refuses an email over 90 KB, naming the edition", async () => {
    const long = "A long paragraph of words that an editor pasted in. ".repeat(2000);
    const dir = makeDigestSite({
      "editions/003.md": md(
        "title: Third\ndate: 2024-03-09\nnumber: 3\nsummary: S.\nsections:\n  - heading: H\n    items:\n      - articles/strike-begins.md",
        long,
      ),
    });
    const build = await buildFixture(dir, { buildDate: DIGEST_BUILD_DATE });
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(
      /content\/editions\/003\.md → email\.html: expected email\.html of at most 90 KB \(Gmail clips at 102 KB\), got 10\d\.\d KB/,
    );
    expect(existsSync(build.out)).toBe(false);
  });
});

describe("npm run new -- edition, then npm run digest", () => {
  it("drafts the next edition from what is new, open and coming, which check accepts and a preview builds", async () => {
    const dir = makeDigestSite({
      "articles/fresh-report.md": md("title: Fresh report\ndate: 2024-03-09\ncategory: news"),
    });
    const made = await runScript(dir, "new.ts", ["edition"], { buildDate: DIGEST_BUILD_DATE });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain("Wrote content/editions/2024/003.md: edition 3");
    expect(readFileSync(path.join(dir, "content/editions/2024/003.md"), "utf8")).toBe(
      [
        "---",
        'title: "The digest, 10 March 2024"',
        "date: 2024-03-10",
        "number: 3",
        "# One line: the email's preview text and the archive's summary.",
        'summary: "This week: 1 report, 1 call to action, 1 event."',
        "draft: true",
        "# Cut what does not belong, reorder, and give any item a note of your own:",
        "#   - item: content/articles/example.md",
        "#     note: One line on why it matters.",
        "sections:",
        '  - heading: "The week\'s news"',
        '    intro: "Reported since the last edition."',
        "    items:",
        "      - content/articles/fresh-report.md",
        '  - heading: "Take action"',
        '    intro: "Calls to action open now."',
        "    items:",
        "      - content/actions/open-letter.md",
        '  - heading: "Coming up"',
        '    intro: "Events in the next 3 weeks."',
        "    items:",
        "      - content/actions/march.md",
        "---",
        "",
      ].join("\n"),
    );
    const check = await runScript(dir, "check.ts", [], { buildDate: DIGEST_BUILD_DATE });
    expect(check.code, check.stderr).toBe(0);
    const again = await runScript(dir, "new.ts", ["edition"], { buildDate: DIGEST_BUILD_DATE });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      "Nothing was written: edition 3 (content/editions/2024/003.md) is still a draft: publish it (remove draft: true) or delete it first",
    );

    const before = await runScript(dir, "digest.ts", ["3"], { buildDate: DIGEST_BUILD_DATE });
    expect(before.code).toBe(1);
    expect(before.stderr).toContain("There is no edition 3 in _site/");
    const built = await buildFixture(dir, { buildDate: DIGEST_BUILD_DATE, preview: true });
    expect(built.code, built.stderr).toBe(0);
    const digest = await runScript(dir, "digest.ts", ["3"], { buildDate: DIGEST_BUILD_DATE });
    expect(digest.code, digest.stderr).toBe(0);
    expect(digest.stdout).toContain("Edition 3: https://fixture.example.org/digest/3/");
    expect(digest.stdout).toMatch(/HTML: _site\/digest\/3\/email\.html \(\d+\.\d KB of 90 KB\)/);
    expect(digest.stdout).toContain("All checked");
  });
});
