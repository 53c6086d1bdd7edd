import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { freePort } from "../../scripts/lib/free-port.ts";
import { EVENTS_URL } from "../../src/lib/dev.ts";
import { testBrowser } from "../helpers/browser.ts";
import { DEFAULT_SETTINGS, makeFixture, md, repoRoot } from "../helpers/fixture.ts";

const BROKEN = md(
  "title: March report\ndate: 2024-13-45\ncategory: news",
  "Marchers crossed the bridge.",
);
const FIXED = md(
  "title: March report\ndate: 2024-02-01\ncategory: news",
  "Marchers crossed the bridge.",
);
/** The site both servers start on: a March report (broken or fixed), a strike article and a page. */
const devSite = (march: string) =>
  makeFixture({
    "articles/march.md": march,
    "articles/strike.md": md("title: Strike news\ndate: 2024-02-02\ncategory: news"),
    "pages/about.md": md("title: About us\ndate: 2021-01-01", "Who we are."),
  });

interface Running {
  child: ChildProcess;
  output: () => string;
}

/** npm start's server (scripts/start.ts, as tsx watch runs it) on the fixture. */
function start(dir: string, port: number): Running {
  let output = "";
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(repoRoot, "scripts", "start.ts"), `--port=${port}`],
    {
      cwd: repoRoot,
      env: { ...process.env, CONTENT_DIR: path.join(dir, "content"), BUILD_DATE: "2024-02-22" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  return { child, output: () => output };
}

function stop(running: Running): Promise<void> {
  if (running.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    running.child.once("exit", () => resolve());
    running.child.kill("SIGTERM");
  });
}

const heading = (page: Page) => page.locator("h1").first().textContent({ timeout: 60_000 });

let dir: string;
let port: number;
let server: Running;
let browser: Browser;
let page: Page;
let base: string;

beforeAll(async () => {
  dir = devSite(BROKEN);
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = start(dir, port);
  browser = await testBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  if (server) await stop(server);
});

describe("npm start", () => {
  // A failure shows what the server said, which a timed-out poll does not.
  afterEach(({ task }) => {
    if (task.result?.state === "fail") console.error(`npm start said:\n${server.output()}`);
  });

  it("comes up on a broken site and shows each error in the browser and the terminal", async () => {
    await expect
      .poll(() => server.output(), { timeout: 200_000, interval: 250 })
      .toContain("the site was not rebuilt");
    expect(server.output()).toContain(
      '1 problem in the content; the site was not rebuilt:\ncontent/articles/march.md:3 → date: expected a real date (YYYY-MM-DD), got "2024-13-45"\n',
    );
    expect(server.output()).not.toMatch(/\n\s+at /);
    await page.goto(`${base}/about/`);
    expect(await heading(page)).toBe("1 problem in the content");
    expect(await page.locator("main li").allTextContents()).toEqual([
      'content/articles/march.md:3 → date: expected a real date (YYYY-MM-DD), got "2024-13-45"',
    ]);
    expect(await page.content()).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it("serves the page once the file is fixed, reloading the open page by itself", async () => {
    writeFileSync(path.join(dir, "content", "articles", "march.md"), FIXED);
    await expect.poll(() => heading(page), { timeout: 200_000, interval: 250 }).toBe("About us");
    await page.goto(`${base}/articles/march/`);
    expect(await heading(page)).toBe("March report");
    expect(server.output()).toContain("Fixed: built in");
  });

  it("shows a settings error in the browser until site.yml is fixed", async () => {
    // Saved as many editors save: a new file renamed over the old one (later saves must still be seen).
    writeFileSync(
      path.join(dir, "site.yml.new"),
      DEFAULT_SETTINGS.replace("language: en-GB", "language: English"),
    );
    renameSync(path.join(dir, "site.yml.new"), path.join(dir, "content", "_data", "site.yml"));
    await expect
      .poll(() => heading(page), { timeout: 200_000, interval: 250 })
      .toBe("1 problem in the settings");
    expect(await page.locator("main li").allTextContents()).toEqual([
      'content/_data/site.yml:4 → language: expected a language tag such as en-GB, cy or ar (BCP 47), got "English"',
    ]);
  });

  it("takes changes to site.yml, and removes a deleted file's page", async () => {
    writeFileSync(
      path.join(dir, "content", "_data", "site.yml"),
      DEFAULT_SETTINGS.replace("title: Fixture Digest", "title: Renamed Digest"),
    );
    await expect
      .poll(() => page.locator(".site-title").textContent(), { timeout: 200_000, interval: 250 })
      .toBe("Renamed Digest");
    rmSync(path.join(dir, "content", "articles", "strike.md"));
    await expect
      .poll(async () => (await fetch(`${base}/articles/strike/`)).status, {
        timeout: 200_000,
        interval: 250,
      })
      .toBe(404);
  });

  it("reloads the open page after the server restarts (as tsx watch does on a src/ change)", async () => {
    // The last rebuild's reload may still be arriving: go to the page until it stays put.
    await expect
      .poll(
        async () => {
          await page.goto(`${base}/articles/march/`);
          await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
          return heading(page);
        },
        { timeout: 200_000, interval: 250 },
      )
      .toBe("March report");
    await stop(server);
    server = start(dir, port);
    // The last build is served from the first answer on (503 "Building the site…" only when there is none).
    const first = await vi.waitUntil(
      () =>
        fetch(`${base}/articles/march/`).then(
          (response) => response.status,
          () => 0,
        ),
      { timeout: 200_000, interval: 100 },
    );
    expect(first).toBe(200);
    expect(server.output()).toContain("serving the last build until the site is built again");
    await expect
      .poll(
        () =>
          page
            .evaluate(() => (window as unknown as { marker?: number }).marker ?? "reloaded")
            .catch(() => "navigating"),
        { timeout: 200_000, interval: 250 },
      )
      .toBe("reloaded");
    expect(await heading(page)).toBe("March report");
  });

  it("serves the site under the path of url, as it will be published", async () => {
    writeFileSync(
      path.join(dir, "content", "_data", "site.yml"),
      DEFAULT_SETTINGS.replace(
        "url: https://fixture.example.org",
        "url: https://owner.github.io/repo/",
      ),
    );
    await expect
      .poll(() => page.locator(".site-title").getAttribute("href"), {
        timeout: 200_000,
        interval: 250,
      })
      .toBe("/repo/");
    const root = await fetch(`${base}/`, { redirect: "manual" });
    expect([root.status, root.headers.get("location")]).toEqual([302, "/repo/"]);
    expect((await fetch(`${base}/repo/articles/march/`)).status).toBe(200);
  });

  it("shows an edit to an article's words at once, then rebuilds the pages that list it", async () => {
    const from = server.output().length;
    const since = () => server.output().slice(from);
    writeFileSync(
      path.join(dir, "content", "articles", "march.md"),
      md(
        "title: March report, updated\ndate: 2024-02-01\ncategory: news",
        "Marchers crossed both bridges.",
      ),
    );
    await expect
      .poll(since, { timeout: 200_000, interval: 250 })
      .toMatch(/^Showed content\/articles\/march\.md in \d+\.\d s; building the rest…$/m);
    await expect.poll(since, { timeout: 200_000, interval: 250 }).toMatch(/^Built in \d+\.\d s/m);
    expect(since().indexOf("Showed")).toBeLessThan(since().indexOf("Built in"));
    // Fetched, not navigated to: the open page is reloading itself after each build.
    const article = await (await fetch(`${base}/repo/articles/march/`)).text();
    expect(article).toMatch(/<h1[^>]*>March report, updated<\/h1>/);
    expect(article).toContain("Marchers crossed both bridges.");
    expect(await (await fetch(`${base}/repo/`)).text()).toContain("March report, updated");
  });

  it("serves a new article's page at once, and drops a deleted one's, before the whole build", async () => {
    const file = path.join(dir, "content", "articles", "new-one.md");
    let from = server.output().length;
    const since = () => server.output().slice(from);
    writeFileSync(file, md("title: A new report\ndate: 2024-02-04\ncategory: news", "Just in."));
    await expect
      .poll(since, { timeout: 200_000, interval: 250 })
      .toMatch(/^Showed content\/articles\/new-one\.md in \d+\.\d s; building the rest…$/m);
    expect((await fetch(`${base}/repo/articles/new-one/`)).status).toBe(200);
    await expect.poll(since, { timeout: 200_000, interval: 250 }).toMatch(/^Built in /m);
    from = server.output().length;
    rmSync(file);
    await expect
      .poll(since, { timeout: 200_000, interval: 250 })
      .toMatch(/^Showed content\/articles\/new-one\.md \(deleted\) in \d+\.\d s/m);
    expect((await fetch(`${base}/repo/articles/new-one/`)).status).toBe(404);
    await expect.poll(since, { timeout: 200_000, interval: 250 }).toMatch(/^Built in /m);
    expect(await (await fetch(`${base}/repo/`)).text()).not.toContain("A new report");
  });

  it("leaves an edit that moves an item (here its date) to the whole build", async () => {
    const from = server.output().length;
    const since = () => server.output().slice(from);
    writeFileSync(
      path.join(dir, "content", "articles", "march.md"),
      md(
        "title: March report, moved\ndate: 2024-02-03\ncategory: news",
        "Marchers crossed both bridges.",
      ),
    );
    await expect.poll(since, { timeout: 200_000, interval: 250 }).toMatch(/^Built in \d+\.\d s/m);
    expect(since()).not.toContain("Showed");
    expect(await (await fetch(`${base}/repo/articles/march/`)).text()).toMatch(
      /<h1[^>]*>March report, moved<\/h1>/,
    );
  });

  // Regression: a page still loading when a build ended missed its reload (it was not listening yet) and kept the old text.
  it("reloads a page that was still loading when a build ended", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The page's reload connection waits until the build has ended, as on a slow page.
    await page.route(`${base}${EVENTS_URL}`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${base}/repo/articles/march/`);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    const from = server.output().length;
    const since = () => server.output().slice(from);
    writeFileSync(
      path.join(dir, "content", "articles", "march.md"),
      md(
        "title: March report, seen late\ndate: 2024-02-03\ncategory: news",
        "Marchers crossed both bridges.",
      ),
    );
    await expect.poll(since, { timeout: 200_000, interval: 250 }).toMatch(/^Built in \d+\.\d s/m);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    release();
    await expect
      .poll(() => heading(page).catch(() => "navigating"), { timeout: 200_000, interval: 250 })
      .toBe("March report, seen late");
    await page.unroute(`${base}${EVENTS_URL}`);
  });
});

describe("npm start with no earlier build", () => {
  let site: string;
  let at: number;
  let running: Running;
  const get = async (url: string) => {
    const response = await fetch(`http://127.0.0.1:${at}${url}`);
    return {
      status: response.status,
      alone: response.headers.get("x-dev-page") === "rendered-alone",
      text: await response.text(),
    };
  };
  const built = () => running.output().indexOf("Built in");
  afterEach(({ task }) => {
    if (task.result?.state === "fail") console.error(`npm start said:\n${running.output()}`);
  });

  beforeAll(async () => {
    site = devSite(FIXED);
    at = await freePort();
    running = start(site, at);
  });

  afterAll(async () => {
    if (running) await stop(running);
  });

  it("answers the home page and an article's page, rendered alone, before the whole build has finished; a list waits for it", async () => {
    // The first answers, asked for together as soon as the port is open (connecting is retried, nothing else).
    const [home, article, list] = await vi.waitUntil(
      () => Promise.all(["/", "/articles/strike/", "/articles/"].map(get)).catch(() => null),
      { timeout: 200_000, interval: 100 },
    );
    // Served from the pages rendered alone, which are only served until the whole build is ready.
    expect([home!.status, home!.alone]).toEqual([200, true]);
    expect(home!.text).not.toContain("Building the site");
    expect(home!.text).toContain("March report");
    expect(home!.text).toContain("Strike news");
    expect([article!.status, article!.alone]).toEqual([200, true]);
    expect(article!.text).toMatch(/<h1[^>]*>Strike news<\/h1>/);
    // A list is never rendered alone: the waiting page, unless the whole build was already done.
    expect(list!.alone).toBe(false);
    if (list!.status !== 200) {
      expect(list!.status).toBe(503);
      expect(list!.text).toContain("Building the site");
    }
    await expect
      .poll(running.output, { timeout: 200_000, interval: 250 })
      .toMatch(/^Showed the home page in \d+\.\d s \(rendered alone\)/m);
  });

  it("shows an edit saved meanwhile at once, rendered alone again, then the whole build's pages, byte for byte the same", async () => {
    // Saved while the first whole build runs (it started once the home page was shown).
    writeFileSync(
      path.join(site, "content", "articles", "strike.md"),
      md("title: Strike news, updated\ndate: 2024-02-02\ncategory: news", "Pickets at dawn."),
    );
    await expect
      .poll(running.output, { timeout: 200_000, interval: 250 })
      .toMatch(/^Showed content\/articles\/strike\.md in \d+\.\d s; building the rest…$/m);
    // That first whole build was stopped for the edit: none had finished before it was shown.
    const shown = running.output().indexOf("Showed content/articles/strike.md");
    expect(built() === -1 || built() > shown).toBe(true);
    const [home, article] = await Promise.all(["/", "/articles/strike/"].map(get));
    if (built() === -1) expect([home!.alone, article!.alone]).toEqual([true, true]);
    expect(home!.text).toContain("Strike news, updated");
    expect(article!.text).toContain("Pickets at dawn.");

    await expect.poll(built, { timeout: 200_000, interval: 250 }).toBeGreaterThan(shown);
    const later = await Promise.all(["/", "/articles/strike/", "/articles/"].map(get));
    // The whole build's pages replace them, byte for byte the same.
    expect(later.map((r) => [r.status, r.alone])).toEqual([
      [200, false],
      [200, false],
      [200, false],
    ]);
    expect(later[0]!.text).toBe(home!.text);
    expect(later[1]!.text).toBe(article!.text);
    // The folders of pages rendered alone go once they are replaced.
    await expect
      .poll(() => readdirSync(path.join(site, ".cache")).filter((f) => f.includes(".early-")), {
        timeout: 200_000,
        interval: 250,
      })
      .toEqual([]);
  });
});
