import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseContentFile, type Item } from "../../src/lib/content.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import { documentedMessages } from "../helpers/documented-messages.ts";
import { makeFixture, md, runScript, runScriptCli, type RunResult } from "../helpers/fixture.ts";
import { makeJpeg } from "../helpers/sample-site.ts";
import { BILINGUAL_SETTINGS as TWO_LANGUAGES } from "../helpers/languages-site.ts";

const feeds = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
/** The files of content/articles/ (temp files included), without the section's data file. */
const articlesOf = (dir: string) =>
  (readdirSync(path.join(dir, "content", "articles"), { recursive: true }) as string[])
    .filter((n) => !n.endsWith(".11tydata.ts"))
    .sort();

/** Every imported draft, validated by the same loader the build uses. */
function readDrafts(dir: string): Map<string, Item> {
  const ctx = loadSiteContext({ CONTENT_DIR: path.join(dir, "content"), BUILD_DATE: "2024-02-22" });
  const drafts = new Map<string, Item>();
  for (const name of articlesOf(dir).filter((n) => n.endsWith(".md"))) {
    const file = path.join(dir, "content", "articles", name);
    const { item, errors } = parseContentFile(file, "articles", readFileSync(file, "utf8"), ctx);
    expect(errors, name).toEqual([]);
    drafts.set(name, item!);
  }
  return drafts;
}

/** Every line the runs below printed, for the check that docs/editing.md lists them as printed. */
const printed: string[] = [];
function record(run: RunResult): RunResult {
  printed.push(...run.stdout.split("\n"), ...run.stderr.split("\n"));
  return run;
}
const recorded = async (...args: Parameters<typeof runScript>) => record(await runScript(...args));

describe("npm run import", () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof runScript>>;
  let atom: Awaited<ReturnType<typeof runScript>>;
  let drafts: Map<string, Item>;
  beforeAll(async () => {
    dir = makeFixture({
      "articles/existing.md": md("title: Existing\ndate: 2024-01-01\ncategory: news"),
    });
    // As npm runs it, in a child process (the other runs are in this one).
    first = record(
      await runScriptCli(dir, "import.ts", [path.join(feeds, "rss.xml"), "--category", "campaign"]),
    );
    atom = await recorded(dir, "import.ts", [
      path.join(feeds, "atom.xml"),
      "--source",
      "Twinning Network",
    ]);
    drafts = readDrafts(dir);
  });

  it("writes one draft per item and says so", () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(
      "Wrote content/articles/pickets-pay-we-won-at-coventry.md (from https://wsu.example.org/news/coventry-win)",
    );
    expect(first.stdout).toContain(
      "Wrote content/articles/solidarity-with-gaza-now.md (from https://wsu.example.org/news/gaza-solidarity)",
    );
    expect(first.stdout).toContain(
      "2 written as drafts, 0 skipped, 0 refused (2 items in the feed).",
    );
    expect(atom.code, atom.stderr).toBe(0);
    expect(articlesOf(dir)).toEqual([
      "delegation-returns.md",
      "existing.md",
      "nablus-dundee-40-years.md",
      "pickets-pay-we-won-at-coventry.md",
      "solidarity-with-gaza-now.md",
    ]);
  });

  it("fills the front matter from RSS: entities decoded, tags from categories, date in the site zone", () => {
    const item = drafts.get("pickets-pay-we-won-at-coventry.md")!;
    expect(item).toMatchObject({
      title: "Pickets & pay: “we won” at Coventry",
      category: "campaign",
      tags: ["strikes", "amazon"],
      author: "Jo Bloggs",
      summary: "Workers at the Coventry warehouse won a pay rise after 30 days of strikes.",
      source: {
        name: "Workers & Students United",
        url: "https://wsu.example.org/news/coventry-win",
      },
      draft: true,
    });
    expect(item.date.at.toISO()).toBe("2024-02-20T10:30:00.000+00:00");
    const cdata = drafts.get("solidarity-with-gaza-now.md")!;
    expect(cdata.title).toBe('Solidarity with <Gaza> "now"');
    expect(cdata.body.trim()).toBe(
      "Thousands marched. Organisers said: *“this is only the start”*.",
    );
  });

  it("converts the HTML body to Markdown without scripts, styles, handlers or javascript: links; a frame becomes a link", () => {
    const body = drafts.get("pickets-pay-we-won-at-coventry.md")!.body;
    expect(body).toContain("Workers at the **Coventry** warehouse won £2 an hour more.");
    expect(body).toContain(
      "Read this trick, the [background](https://wsu.example.org/news/background) and [join the union](https://union.example.org/join).",
    );
    expect(body).toContain(
      "[Picture: Pickets at the gate](https://wsu.example.org/img/picket.jpg)",
    );
    expect(body).toMatch(/^- +One$/m);
    expect(body).toContain("[Embedded page: evil.example.org](https://evil.example.org/frame)");
    for (const bad of [
      "<script",
      "alert",
      "<style",
      "color: red",
      "<iframe",
      "onclick",
      "onmouseover",
      "onerror",
      "javascript:",
      "steal",
    ]) {
      expect(body, bad).not.toContain(bad);
    }
  });

  it("reads Atom: html and xhtml titles, relative links, --source, the published date", () => {
    const item = drafts.get("nablus-dundee-40-years.md")!;
    expect(item).toMatchObject({
      title: "Nablus & Dundee: 40 years",
      tags: ["twinning", "dundee"],
      author: "Sam Example",
      summary: "The twinning link celebrates its anniversary.",
      source: { name: "Twinning Network", url: "https://twin.example.org/2024/nablus-dundee" },
    });
    expect(item.date.at.toISO()).toBe("2024-02-21T08:00:00.000+00:00");
    expect(item.body.trim()).toBe(
      "## Forty years\n\nDundee & Nablus [twinned](https://twin.example.org/about) in 1980.",
    );
    const xhtml = drafts.get("delegation-returns.md")!;
    expect(xhtml.title).toBe("Delegation returns");
    expect(xhtml.body.trim()).toBe(
      "The delegation [reported back](https://twin.example.org/report).",
    );
  });

  it("adds nothing when run again, and says why each item was skipped", async () => {
    const before = articlesOf(dir).map((n) =>
      readFileSync(path.join(dir, "content/articles", n), "utf8"),
    );
    const again = await recorded(dir, "import.ts", [path.join(feeds, "rss.xml")]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(
      "Skipped https://wsu.example.org/news/coventry-win: already imported as content/articles/pickets-pay-we-won-at-coventry.md",
    );
    expect(again.stdout).toContain("0 written as drafts, 2 skipped, 0 refused");
    expect(
      articlesOf(dir).map((n) => readFileSync(path.join(dir, "content/articles", n), "utf8")),
    ).toEqual(before);
  });

  it("leaves drafts that npm run check accepts", async () => {
    const check = await recorded(dir, "check.ts");
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
  });

  it("refuses items without a title or link, writes the rest, exits 0 unless --strict, and leaves no temp files", async () => {
    const fresh = makeFixture({});
    const run = await recorded(fresh, "import.ts", [path.join(feeds, "bad-items.xml")]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      "Refused item 1 (https://broken.example.org/a): it has no title; nothing was written for it",
    );
    expect(run.stderr).toContain(
      'Refused item 2 ("No link here"): it has no link to the original; nothing was written for it',
    );
    expect(run.stdout).toContain(
      "Wrote content/articles/fine-item.md (from https://broken.example.org/fine; no date in the feed, so dated today)",
    );
    expect(run.stdout).toContain(
      "1 written as drafts, 0 skipped, 2 refused (3 items in the feed).",
    );
    expect(articlesOf(fresh)).toEqual(["fine-item.md"]);
    // The same feed again: the refused items are still there, and only --strict makes that a failure.
    const [again, strict] = await Promise.all([
      recorded(fresh, "import.ts", [path.join(feeds, "bad-items.xml")]),
      recorded(fresh, "import.ts", [path.join(feeds, "bad-items.xml"), "--strict"]),
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("0 written as drafts, 1 skipped, 2 refused");
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(
      'Refused item 2 ("No link here"): it has no link to the original',
    );
    expect(articlesOf(fresh)).toEqual(["fine-item.md"]);
  });

  it("strips tracking parameters from source.url and still recognises an item imported with them", async () => {
    const fresh = makeFixture({
      "articles/old-copy.md": md(
        "title: Old copy\ndate: 2024-01-01\ncategory: news\nsource:\n  name: Tracked\n  url: https://t.example.org/a?id=1&utm_source=rss&fbclid=x",
      ),
    });
    const feed = path.join(fresh, "tracked.xml");
    writeFileSync(
      feed,
      `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Tracked</title>
<item><title>Seen before</title><link>https://t.example.org/a?utm_medium=feed&amp;id=1&amp;mc_cid=9</link></item>
<item><title>New one</title><pubDate>Tue, 20 Feb 2024 10:30:00 +0000</pubDate><link>https://t.example.org/b?utm_source=rss&amp;utm_campaign=x&amp;gclid=1</link></item>
</channel></rss>`,
    );
    const run = await recorded(fresh, "import.ts", [feed]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "Skipped https://t.example.org/a?id=1: already imported as content/articles/old-copy.md",
    );
    expect(run.stdout).toContain(
      "Wrote content/articles/new-one.md (from https://t.example.org/b)",
    );
    expect(readDrafts(fresh).get("new-one.md")!.source).toEqual({
      name: "Tracked",
      url: "https://t.example.org/b",
    });
  });

  it("refuses a file that is not XML, and a web page, writing nothing", async () => {
    const fresh = makeFixture({});
    const text = path.join(fresh, "notes.txt");
    writeFileSync(text, "Just some notes, not a feed.");
    const html = path.join(fresh, "page.html");
    writeFileSync(
      html,
      "<!doctype html><html><head><title>A page</title></head><body><p>Hi</p></body></html>",
    );
    const [notXml, webPage, missing, noCategory] = await Promise.all([
      recorded(fresh, "import.ts", [text]),
      recorded(fresh, "import.ts", [html]),
      recorded(fresh, "import.ts", [path.join(fresh, "nope.xml")]),
      recorded(fresh, "import.ts", [path.join(feeds, "rss.xml"), "--category", "gossip"]),
    ]);
    expect(notXml.code).toBe(1);
    expect(notXml.stderr).toContain(
      `Nothing was imported: ${text} is not XML (it begins "Just some notes, not a feed.")`,
    );
    expect(webPage.code).toBe(1);
    expect(webPage.stderr).toContain("is not an RSS or Atom feed");
    expect(webPage.stderr).toContain("it looks like a web page");
    expect(missing.stderr).toContain("could not read");
    expect(missing.stderr).toContain("no such file");
    expect(noCategory.stderr).toContain(
      '--category: expected one of news, analysis, statement, campaign, fundraiser, event, twinning, culture, got "gossip"',
    );
    expect(articlesOf(fresh)).toEqual([]);
  });

  it("refuses a feed with no title to name the source by, and an item whose link is not http", async () => {
    const fresh = makeFixture({});
    const feed = path.join(fresh, "untitled.xml");
    writeFileSync(
      feed,
      `<?xml version="1.0"?>
<rss version="2.0"><channel><title></title>
<item><title>By FTP</title><link>ftp://files.example.org/story</link></item>
</channel></rss>`,
    );
    const [untitled, named] = await Promise.all([
      recorded(fresh, "import.ts", [feed]),
      recorded(fresh, "import.ts", [feed, "--source", "Files"]),
    ]);
    expect(untitled.code).toBe(1);
    expect(untitled.stderr).toBe(
      'Nothing was imported: the feed has no title to name the source by; pass --source "Name"\n',
    );
    expect(named.code, named.stderr).toBe(0);
    expect(named.stderr).toBe(
      'Refused item 1 ("By FTP"): its link is not an http or https address ("ftp://files.example.org/story"); nothing was written for it\n',
    );
    expect(articlesOf(fresh)).toEqual([]);
  });
});

describe("npm run import: HTML entities", () => {
  it("decodes entities exactly once: escaped tags stay text, no paragraph is lost, no script text in summaries", async () => {
    const dir = makeFixture({});
    const feed = path.join(dir, "entities.xml");
    writeFileSync(
      feed,
      `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Entities</title>
<item><title>Escaped tags</title><link>https://e.example.org/a</link>
<description>&lt;p&gt;Use &amp;lt;script&amp;gt; tags&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;style&gt;p{color:red}&lt;/style&gt;&lt;p&gt;Fish &amp;amp;amp; chips&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>Use &lt;script&gt; tags</p><p>Fish &amp;amp; chips</p><p>Last &amp; least</p>]]></content:encoded>
</item></channel></rss>`,
    );
    const run = await recorded(dir, "import.ts", [feed]);
    expect(run.code, run.stderr).toBe(0);
    const item = readDrafts(dir).get("escaped-tags.md")!;
    expect(item.summary).toBe("Use <script> tags Fish &amp; chips");
    expect(item.body.trim()).toBe("Use <script> tags\n\nFish &amp;amp; chips\n\nLast & least");
  });
});

describe("npm run import from a URL", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      // Headers sent, then nothing more: a server that hangs half-way.
      if (req.url === "/stall.xml")
        res.writeHead(200, { "content-type": "application/rss+xml" }).write("<rss>");
      else if (req.url === "/silent.xml") return;
      else if (req.url === "/huge.xml") {
        res.writeHead(200, { "content-type": "application/rss+xml" });
        const chunk = `<!-- ${"x".repeat(64 * 1024)} -->`;
        for (let n = 0; n < 40; n++) res.write(chunk);
        res.end("<rss></rss>");
      } else if (req.url === "/feed.xml")
        res
          .writeHead(200, { "content-type": "application/rss+xml" })
          .end(readFileSync(path.join(feeds, "rss.xml")));
      else res.writeHead(404).end("not here");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );

  it("gives up on a server that stalls, before or after its headers, with a time-out message", async () => {
    const dir = makeFixture({});
    const env = { IMPORT_TIMEOUT_SECONDS: "1" };
    const [stalled, silent] = await Promise.all([
      recorded(dir, "import.ts", [`${base}/stall.xml`], { env }),
      recorded(dir, "import.ts", [`${base}/silent.xml`], { env }),
    ]);
    for (const [run, url] of [
      [stalled, `${base}/stall.xml`],
      [silent, `${base}/silent.xml`],
    ] as const) {
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `Nothing was imported: could not fetch ${url}: the server did not send the feed within 1 second; try again later\n`,
      );
    }
    expect(articlesOf(dir)).toEqual([]);
  });

  it("refuses a response over the size limit, declared or not", async () => {
    const dir = makeFixture({});
    const run = await recorded(dir, "import.ts", [`${base}/huge.xml`], {
      env: { IMPORT_MAX_MB: "1" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Nothing was imported: could not fetch ${base}/huge.xml: the feed is larger than 1 MB, more than any news feed needs; nothing was read\n`,
    );
    const bad = await recorded(dir, "import.ts", [`${base}/feed.xml`], {
      env: { IMPORT_MAX_MB: "lots" },
    });
    expect(bad.stderr).toBe(
      'Nothing was imported: IMPORT_MAX_MB: expected a positive number, got "lots"\n',
    );
  });

  it("fetches the feed, and reports a server error clearly", async () => {
    const dir = makeFixture({});
    const ok = await recorded(dir, "import.ts", [`${base}/feed.xml`]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("2 written as drafts");
    expect(articlesOf(dir)).toEqual([
      "pickets-pay-we-won-at-coventry.md",
      "solidarity-with-gaza-now.md",
    ]);
    const gone = await recorded(dir, "import.ts", [`${base}/missing.xml`]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(
      `Nothing was imported: could not fetch ${base}/missing.xml: the server answered 404`,
    );
  });
});

describe("npm run import: the items' pictures", () => {
  let server: Server;
  let base: string;
  let dir: string;
  let run: Awaited<ReturnType<typeof runScript>>;
  let jpeg: Buffer;
  let png: Buffer;
  beforeAll(async () => {
    jpeg = await makeJpeg(40, 30);
    png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#0a0" } })
      .png()
      .toBuffer();
    const feed = (host: string) => `<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Pictures</title>
<item><title>Enclosed picture</title><link>https://p.example.org/1</link><pubDate>Tue, 20 Feb 2024 10:30:00 +0000</pubDate>
<enclosure url="${host}/pic/strike.jpg?utm_source=rss" type="image/jpeg" length="1000"/></item>
<item><title>Media picture</title><link>https://p.example.org/2</link><pubDate>Tue, 20 Feb 2024 10:30:00 +0000</pubDate>
<media:content url="${host}/pic/march" medium="image"><media:description>Marchers on Briggate under a banner</media:description></media:content></item>
<item><title>Lying picture</title><link>https://p.example.org/3</link><pubDate>Tue, 20 Feb 2024 10:30:00 +0000</pubDate>
<enclosure url="${host}/pic/page.jpg" type="image/jpeg"/></item>
<item><title>Huge picture</title><link>https://p.example.org/4</link><pubDate>Tue, 20 Feb 2024 10:30:00 +0000</pubDate>
<media:content url="${host}/pic/huge.png" type="image/png"><media:title>A huge map</media:title></media:content></item>
<item><title>Missing picture</title><link>https://p.example.org/5</link><pubDate>Tue, 20 Feb 2024 10:30:00 +0000</pubDate>
<enclosure url="${host}/pic/gone.jpg" type="image/jpeg"/></item>
<item><title>Slow picture</title><link>https://p.example.org/6</link><pubDate>Tue, 20 Feb 2024 10:30:00 +0000</pubDate>
<enclosure url="${host}/pic/stall.jpg" type="image/jpeg"/></item>
<item><title>Podcast episode</title><link>https://p.example.org/7</link><pubDate>Tue, 20 Feb 2024 10:30:00 +0000</pubDate>
<enclosure url="${host}/audio/ep.mp3" type="audio/mpeg" length="1000"/></item>
</channel></rss>`;
    server = createServer((req, res) => {
      const send = (type: string, body: string | Buffer) =>
        res.writeHead(200, { "content-type": type }).end(body);
      if (req.url === "/feed.xml") send("application/rss+xml", feed(base));
      else if (req.url === "/pic/strike.jpg?utm_source=rss") send("image/jpeg", jpeg);
      else if (req.url === "/pic/march") send("application/octet-stream", png);
      else if (req.url === "/pic/page.jpg") send("image/jpeg", "<!doctype html><p>Not found</p>");
      else if (req.url === "/pic/huge.png")
        send("image/png", Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]));
      // Headers sent, then nothing: a picture server that hangs.
      else if (req.url === "/pic/stall.jpg") res.writeHead(200, { "content-type": "image/jpeg" });
      else if (req.url === "/audio/ep.mp3") send("audio/mpeg", "ID3");
      else res.writeHead(404, "Not Found").end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = makeFixture({});
    run = await recorded(dir, "import.ts", [`${base}/feed.xml`], {
      env: { IMPORT_MAX_MB: "1", IMPORT_TIMEOUT_SECONDS: "3" },
    });
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );

  it("downloads an enclosure or media:content picture beside the draft, named by its content, alt text from the feed", () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `Wrote content/articles/enclosed-picture.md (from https://p.example.org/1; picture saved as content/articles/enclosed-picture.jpg; write its image.alt, which says TO FILL IN)`,
    );
    expect(run.stdout).toContain(
      `Wrote content/articles/media-picture.md (from https://p.example.org/2; picture saved as content/articles/media-picture.png)`,
    );
    expect(run.stdout).toContain(
      "7 written as drafts, 0 skipped, 0 refused (7 items in the feed).",
    );
    const articles = path.join(dir, "content", "articles");
    expect(readFileSync(path.join(articles, "enclosed-picture.jpg"))).toEqual(jpeg);
    expect(readFileSync(path.join(articles, "media-picture.png"))).toEqual(png);
    expect(readFileSync(path.join(articles, "media-picture.md"), "utf8")).toContain(
      "image:\n  src: ./media-picture.png\n  alt: Marchers on Briggate under a banner\n",
    );
    // Regression: media:content and its media:description were read as the story's body and summary.
    expect(readFileSync(path.join(articles, "media-picture.md"), "utf8")).toMatch(
      /^---\ntitle: Media picture\ndate: 2024-02-20T10:30:00\+00:00\ncategory: news\ntags: \[\]\nimage:\n.*\n---\n$/s,
    );
    expect(readFileSync(path.join(articles, "enclosed-picture.md"), "utf8")).toContain(
      "image:\n  src: ./enclosed-picture.jpg\n  alt: TO FILL IN\n",
    );
    expect(articlesOf(dir).filter((n) => !n.endsWith(".md"))).toEqual([
      "enclosed-picture.jpg",
      "media-picture.png",
    ]);
  });

  it("refuses a picture that is not one by its content, too large, missing or too slow, and links it from the draft instead", () => {
    for (const [slug, url, why, alt] of [
      [
        "lying-picture",
        `${base}/pic/page.jpg`,
        "it is not a JPEG, PNG, GIF, WebP or AVIF picture",
        "",
      ],
      ["huge-picture", `${base}/pic/huge.png`, "it is larger than 1 MB", ": A huge map"],
      ["missing-picture", `${base}/pic/gone.jpg`, "the server answered 404 Not Found", ""],
      [
        "slow-picture",
        `${base}/pic/stall.jpg`,
        "the server did not send the picture within 3 seconds; try again later",
        "",
      ],
    ] as const) {
      expect(run.stdout).toContain(
        `Wrote content/articles/${slug}.md (from https://p.example.org/`,
      );
      expect(run.stdout).toContain(`; picture not downloaded: ${url}: ${why})`);
      const text = readFileSync(path.join(dir, "content", "articles", `${slug}.md`), "utf8");
      expect(text).not.toContain("image:");
      expect(text).toMatch(
        new RegExp(`\\n---\\n\\[Picture${alt}\\]\\(${url.replace(/[.?]/g, "\\$&")}\\)\\n$`),
      );
    }
    expect(
      readFileSync(path.join(dir, "content/articles/podcast-episode.md"), "utf8"),
    ).not.toContain("image:");
  });

  it("leaves a placeholder alt that npm run check refuses once, naming the field, until it is written (it was refused twice)", async () => {
    const check = await recorded(dir, "check.ts");
    expect(check.code).toBe(1);
    expect(check.stderr.split("\n").filter((l) => l.includes("enclosed-picture.md"))).toHaveLength(
      1,
    );
    expect(check.stderr).toContain(
      'content/articles/enclosed-picture.md:8 → image.alt: expected alt text saying what the picture shows, for readers who cannot see it, got the placeholder "TO FILL IN" that npm run import or npm run new wrote (write the real one)',
    );
    const file = path.join(dir, "content/articles/enclosed-picture.md");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("alt: TO FILL IN", "alt: Pickets at the depot gate"),
    );
    const fixed = await recorded(dir, "check.ts");
    expect(fixed.stderr).toBe("");
    expect(fixed.code).toBe(0);
  });
});

describe("npm run import --lang", () => {
  it("writes lang: into every draft, and refuses a language site.yml does not list", async () => {
    const settings = TWO_LANGUAGES;
    const dir = makeFixture({}, settings);
    const [arabic, unknown] = await Promise.all([
      recorded(dir, "import.ts", [path.join(feeds, "rss.xml"), "--lang", "ar"]),
      recorded(makeFixture({}, settings), "import.ts", [
        path.join(feeds, "rss.xml"),
        "--lang",
        "fr",
      ]),
    ]);
    expect(arabic.code, arabic.stderr).toBe(0);
    expect(arabic.stdout).toContain(
      "2 written as drafts, 0 skipped, 0 refused (2 items in the feed).",
    );
    const drafts = readDrafts(dir);
    expect([...drafts.values()].map((d) => d.lang)).toEqual(["ar", "ar"]);
    for (const name of drafts.keys())
      expect(readFileSync(path.join(dir, "content/articles", name), "utf8")).toMatch(
        /\ndate: [^\n]+\nlang: ar\ncategory: news\n/,
      );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'Nothing was imported: --lang: expected one of en, ar (the languages of content/_data/site.yml), got "fr"\n',
    );
  });
});

describe("npm run import: docs/editing.md", () => {
  it.each(
    documentedMessages()
      .filter((m) => m.section === "`npm run import`")
      .map((m) => [m.text, m.pattern] as const),
  )("`%s` is printed", (text, pattern) => {
    expect(
      printed.some((line) => pattern.test(line)),
      `no printed line matches ${text}; printed:\n${printed.join("\n")}`,
    ).toBe(true);
  });
});
