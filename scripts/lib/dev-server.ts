// npm start: builds the preview site, serves it with live reload, rebuilds on every change, and shows a failed build's errors instead of the site.
import {
  existsSync,
  readdirSync,
  rmSync,
  statSync,
  watch,
  type Dirent,
  type FSWatcher,
} from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { buildSite, writeContentPage, writeGeneratedPages } from "../../src/build.ts";
import {
  describeFailure,
  errorPage,
  waitingPage,
  EVENTS_URL,
  RELOAD_SCRIPT,
  RELOAD_SCRIPT_URL,
  routeRequest,
  servedHeader,
  withReload,
  type DevProblem,
} from "../../src/lib/dev.ts";
import { loadSiteContext } from "../../src/lib/site-context.ts";
import type { Item } from "../../src/lib/content.ts";
import { ContentStore, QUICK_SECTIONS } from "../../src/lib/store.ts";
import { TYPES } from "./browser.ts";

/** How long after a quick pass the whole build waits, so the reloading page is served before it starts. */
const RELOAD_FIRST_MS = 1000;

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface DevServerOptions {
  env: NodeJS.ProcessEnv;
  port: number;
  /** --pathprefix, checked like a build's (a wrong one is shown as an error). */
  pathPrefix?: string;
  log?: (line: string) => void;
}

export interface DevServer {
  url: string;
  close: () => Promise<void>;
}

/** Starts the dev server; it serves (an error page if need be) however broken the site is. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const contentDir = path.resolve(options.env.CONTENT_DIR ?? "content");
  const output = path.join(path.dirname(contentDir), ".cache", "dev-site");
  // Told to the reload script on connecting: a different one after a restart reloads the page.
  const boot = `${process.pid}-${Date.now()}`;
  // Builds shown so far: with `boot`, the state a page is served in and the reload script compares on connecting.
  let builds = 0;
  const state = () => servedHeader(`${boot}.${builds}`);
  let prefix = "/";
  let problem: DevProblem | null = null;
  // The last session's build (a whole one: only a finished build replaces the folder) is served until this one's is ready.
  let built = existsSync(path.join(output, "index.html"));
  // With none, pages rendered alone from the loaded content are served until the whole build is ready.
  let early: EarlyPages | null = null;
  // Until that content is loaded, requests wait for it rather than for the whole build.
  let loading: Promise<void> | null = null;
  let earlyGone: Promise<unknown> = Promise.resolve();
  let earlyCount = 0;
  const clients = new Set<ServerResponse>();

  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    // Taken before anything is read: a build that ends meanwhile makes the page reload once more, never miss it.
    const served = state();
    if (pathname === EVENTS_URL) {
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-store",
        connection: "keep-alive",
      });
      res.write(`retry: 500\nevent: hello\ndata: ${boot}.${builds}\n\n`);
      clients.add(res);
      req.on("close", () => clients.delete(res));
      return;
    }
    if (pathname === RELOAD_SCRIPT_URL) {
      res.writeHead(200, { "content-type": TYPES[".js"]!, "cache-control": "no-store" });
      res.end(RELOAD_SCRIPT);
      return;
    }
    const html = (status: number, body: string) => {
      res.writeHead(status, {
        "content-type": TYPES[".html"]!,
        "cache-control": "no-store",
        ...served,
      });
      res.end(body);
    };
    const send = (file: string, body: Buffer, headers: Record<string, string> = {}) => {
      const type = TYPES[path.extname(file)] ?? "application/octet-stream";
      const isPage = type.startsWith("text/html");
      res.writeHead(200, {
        "content-type": type,
        "cache-control": "no-store",
        ...(isPage ? served : {}),
        ...headers,
      });
      res.end(isPage ? withReload(body.toString("utf8")) : body);
    };
    if (loading) await loading;
    if (problem || !built) {
      const route = routeRequest(pathname, prefix, () => false);
      // Pages show the errors; the last good build's assets still load.
      if (problem && (route.kind !== "file" || route.path.endsWith(".html"))) {
        return html(500, errorPage(problem));
      }
      if (!built && early && route.kind === "redirect") {
        res.writeHead(302, { location: route.location }).end();
        return;
      }
      if (!built && early && route.kind === "file") {
        const body = await early.file(route.path);
        if (body) return send(route.path, body, { "x-dev-page": "rendered-alone" });
      }
      // Meanwhile the whole build may have finished: its folder answers.
      if (!built) return html(503, waitingPage());
    }
    const route = routeRequest(
      pathname,
      prefix,
      (relative) =>
        statSync(path.join(output, relative), { throwIfNoEntry: false })?.isDirectory() ?? false,
    );
    if (route.kind === "redirect") {
      res.writeHead(302, { location: route.location }).end();
      return;
    }
    const file = route.kind === "file" ? path.join(output, route.path) : null;
    const body = file ? await readFile(file).catch(() => null) : null;
    if (!body) {
      const missing = await readFile(path.join(output, "404.html"), "utf8").catch(() => "");
      return html(404, withReload(missing || "<p>Not found.</p>"));
    }
    send(file!, body);
  });

  const notify = () => {
    builds++;
    for (const client of clients) client.write(`event: reload\ndata: ${Date.now()}\n\n`);
  };

  // The last whole build's content, which a quick pass refreshes one edited file at a time.
  let store: ContentStore | null = null;
  // The whole build under way: stopped when an edit arrives, since it started before the edit.
  let whole: { stop: AbortController; done: Promise<void> } | null = null;
  const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

  const earlyFolder = () => `${output}.early-${process.pid}-${++earlyCount}`;
  /** Stops serving pages rendered alone (the whole build is ready, or newer ones replace them); their folder goes once they are written. */
  const dropEarly = (gone = early) => {
    if (early === gone) early = null;
    if (gone) earlyGone = Promise.all([earlyGone, gone.settled().then(() => gone.remove())]);
  };

  const wholeBuild = (delay = 0) => {
    const stop = new AbortController();
    const started = performance.now();
    // Nothing built yet: the content this build loads gives pages rendered alone at once.
    const first = !built && !problem;
    // Requests wait for it, unless pages rendered alone (after a change on a first start) answer meanwhile.
    let loadedNow = () => {};
    if (first && !early) loading = new Promise<void>((resolve) => (loadedNow = resolve));
    const loaded = () => {
      if (!first) return;
      loading = null;
      loadedNow();
    };
    const done = (async () => {
      try {
        // A whole build's first steps hold this process for seconds on a large site: the reload (or
        // the caller, on a first start) goes first.
        await sleep(delay, undefined, { signal: stop.signal });
        // Settings are read again on every build, so a change to site.yml takes effect.
        const ctx = loadSiteContext(options.env, { pathPrefix: options.pathPrefix });
        prefix = ctx.deploy.pathPrefix;
        let content: ContentStore | undefined;
        if (first) {
          content = new ContentStore(ctx);
          content.load();
          dropEarly();
          early = new EarlyPages(content, earlyFolder());
          loaded();
          const shown = await early.homes().then(
            () => true,
            () => false,
          );
          if (shown)
            log(
              `Showed the home page in ${seconds(started)} s (rendered alone); building the whole site…`,
            );
          // Its answer, stylesheet and pictures go out before the whole build's first steps hold the process.
          await sleep(RELOAD_FIRST_MS, undefined, { signal: stop.signal });
        }
        store = await buildSite(ctx, {
          output,
          signal: stop.signal,
          store: content,
          reuseSearchThread: true,
        });
        const wasBroken = problem !== null;
        problem = null;
        built = true;
        log(
          `${wasBroken ? "Fixed: built" : "Built"} in ${seconds(started)} s; serving ${url()}${prefix.slice(1)}`,
        );
      } catch (error) {
        // Stopped for a newer edit: the build that follows it reports.
        if (stop.signal.aborted) return;
        store = null;
        problem = describeFailure(error);
        log(`${problem.title}; the site was not rebuilt:\n${problem.lines.join("\n")}`);
        if (problem.stack) log(problem.stack);
        log(
          "Fix them and save: the site rebuilds by itself, and the browser shows these errors until then.",
        );
      } finally {
        if (whole?.stop === stop) whole = null;
        loaded();
        // Stopped, the build leaves the pages rendered alone to what stopped it (a change on a first start).
        if (!stop.signal.aborted) dropEarly();
      }
      notify();
    })();
    whole = { stop, done };
  };

  /** Writes the pages of changed items into the served site, and removes deleted items' pages. */
  const quickPass = async (current: ContentStore, changes: QuickChange[]) => {
    const started = performance.now();
    try {
      for (const change of changes) {
        if (change.removed) rmSync(pageFile(output, change.removed), { force: true });
        else await writeContentPage(current.ctx, current, change.file, output);
      }
    } catch {
      // Whatever failed, the whole build that follows says it.
      return;
    }
    const names = changes.map(
      (change) =>
        path.relative(path.dirname(contentDir), change.file) + (change.removed ? " (deleted)" : ""),
    );
    log(`Showed ${names.join(", ")} in ${seconds(started)} s; building the rest…`);
    notify();
  };

  const edited = new Set<string>();
  let unknownChange = false;
  let queue = Promise.resolve();
  /**
   * A change to items' own files shows at once: a whole build under way (which started before it) is
   * stopped, the changed pages are written from the last build's content (or a deleted item's page
   * removed), then a whole build follows for lists, feeds and search. Anything else (settings, layouts,
   * folders, an item moved in the lists, a broken site) waits for the whole build under way, then
   * starts another.
   */
  const react = async () => {
    if (!edited.size && !unknownChange) return;
    // Pages rendered alone read the store a quick pass changes: it waits for them.
    await earlyGone;
    const files = [...edited];
    const quick = !unknownChange;
    edited.clear();
    unknownChange = false;
    if (early) return firstStartChange(early, quick ? files : null);
    // The running whole build has a store of its own: updating this one does not touch it.
    const current = quick && !problem ? store : null;
    const changes = current ? files.map((file) => quickChange(current, file)) : [null];
    if (changes.every((change) => change === "none")) return;
    const showNow = current !== null && !changes.includes(null);
    if (whole) {
      if (showNow) whole.stop.abort();
      await whole.done;
    }
    if (showNow)
      await quickPass(
        current,
        changes.filter((c): c is QuickChange => c !== "none"),
      );
    wholeBuild(showNow ? RELOAD_FIRST_MS : 0);
  };

  /**
   * A change during a first start, while pages rendered alone are served: the whole build and those
   * pages share the content the change updates, so the build stops first and the pages wait. A quick
   * change is shown by pages rendered alone again, from that content updated; anything else loads the
   * content again (pages rendered alone once it is loaded). A whole build follows either way.
   */
  const firstStartChange = async (current: EarlyPages, files: string[] | null) => {
    const content = current.store;
    if (files?.every((file) => !existsSync(file) && !content.get(file))) return;
    const started = performance.now();
    const stopped = whole;
    stopped?.stop.abort();
    dropEarly();
    await earlyGone;
    const changes = files?.map((file) => quickChange(content, file)) ?? [null];
    if (changes.includes(null)) {
      await stopped?.done;
      return wholeBuild();
    }
    // Shown from the content the stopped build loaded; the whole build that follows loads it again.
    const next = new EarlyPages(content, earlyFolder());
    early = next;
    const shown = changes.filter((c): c is QuickChange => c !== "none");
    const pages = shown.map((c) =>
      c.removed ? true : next.file(fileOfUrl(content.get(c.file)!.url as string)),
    );
    // Only the changed pages, which the editor is looking at, are rendered now; any other page (the home
    // page too) when asked for: a home page rendered beside them, or just after them while the reloaded
    // page's request waited, held them up.
    const rendered = await Promise.all(pages);
    if (rendered.every(Boolean)) {
      const names = shown.map(
        (change) =>
          path.relative(path.dirname(contentDir), change.file) +
          (change.removed ? " (deleted)" : ""),
      );
      log(`Showed ${names.join(", ")} in ${seconds(started)} s; building the rest…`);
    }
    notify();
    await stopped?.done;
    wholeBuild(RELOAD_FIRST_MS);
  };

  let timer: NodeJS.Timeout | undefined;
  const changed = (file: string | null) => {
    if (file?.endsWith(".md")) edited.add(file);
    // Editors' swap and probe files (.x.md.swp, vim's 4913) are never read by a build.
    else if (!file || !/^(\.|\d+$)/.test(path.basename(file))) unknownChange = true;
    clearTimeout(timer);
    timer = setTimeout(() => {
      queue = queue.then(react);
    }, 150);
  };
  // Listening first: on a busy port nothing is watched, so the process can exit with its message.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", resolve);
  });
  // Stopped (Ctrl+C) during a first start: the folder of pages rendered alone goes too.
  const leave = () => early?.remove();
  process.on("exit", leave);
  const stopWatching = watchTree(
    [contentDir, path.join(repo, "layouts"), path.join(repo, "src", "assets")],
    changed,
  );
  const url = () => `http://localhost:${(server.address() as AddressInfo).port}/`;
  log(
    `Dev server on ${url()} (drafts and scheduled items shown); ${built ? "serving the last build until the site is built again (the page reloads then)…" : "building…"}`,
  );
  wholeBuild();

  return {
    url: url(),
    close: async () => {
      clearTimeout(timer);
      stopWatching();
      whole?.stop.abort();
      await queue;
      await whole?.done;
      dropEarly();
      await earlyGone;
      process.off("exit", leave);
      for (const client of clients) client.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * Calls `onChange` with the path of any change under the folders (null when the system does not say
 * which): one watcher per folder, added as folders appear.
 * Node's recursive watch on Linux loses a file an editor saves by renaming a new one over it.
 */
export function watchTree(roots: string[], onChange: (file: string | null) => void): () => void {
  const watchers = new Map<string, FSWatcher>();
  const scan = (dir: string) => {
    if (!watchers.has(dir)) {
      try {
        const watcher = watch(dir, (_event, name) => {
          onChange(name ? path.join(dir, name.toString()) : null);
          // Only the entry that changed can be a folder that appeared or went: no walk of the whole tree per save.
          if (name) settle(path.join(dir, name.toString()));
          else rescan();
        });
        watcher.on("error", () => forget(dir));
        watchers.set(dir, watcher);
      } catch {
        return;
      }
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return forget(dir);
    }
    for (const entry of entries) if (entry.isDirectory()) scan(path.join(dir, entry.name));
  };
  const forget = (dir: string) => {
    watchers.get(dir)?.close();
    watchers.delete(dir);
  };
  const settle = (entry: string) => {
    if (statSync(entry, { throwIfNoEntry: false })?.isDirectory()) return scan(entry);
    for (const dir of [...watchers.keys()])
      if (dir === entry || dir.startsWith(entry + path.sep)) forget(dir);
  };
  const rescan = () => {
    for (const dir of [...watchers.keys()]) {
      if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) forget(dir);
    }
    for (const root of roots) scan(root);
  };
  rescan();
  return () => {
    for (const dir of [...watchers.keys()]) forget(dir);
  };
}

/**
 * A first start's pages, rendered alone from the content the whole build under way loaded (shared, read
 * only) into a folder of their own: each language's home page, and an article's, action's or page's
 * when it is asked for. Anything else waits for the whole build.
 */
class EarlyPages {
  /** What renders the page at each output file (one render writes every language's home page). */
  #pages = new Map<string, () => Promise<void>>();
  #renders = new Map<() => Promise<void>, Promise<void>>();
  #reads = new Set<Promise<unknown>>();
  #homeFile: string;

  constructor(
    readonly store: ContentStore,
    readonly dir: string,
  ) {
    const { ctx } = store;
    rmSync(dir, { recursive: true, force: true });
    const homes = ctx.languages.list.map((language) => language.routes.home);
    const writeHomes = () => writeGeneratedPages(ctx, store, homes, dir);
    for (const url of homes) this.#pages.set(fileOfUrl(url), writeHomes);
    this.#homeFile = fileOfUrl(homes[0]!);
    for (const item of store.published) {
      if (
        QUICK_SECTIONS.has(item.section) &&
        typeof item.url === "string" &&
        !this.#pages.has(fileOfUrl(item.url))
      )
        this.#pages.set(fileOfUrl(item.url), () =>
          writeContentPage(ctx, store, item.inputPath, dir),
        );
    }
  }

  /** Renders the home pages (once). */
  homes(): Promise<void> {
    return this.#render(this.#homeFile)!;
  }

  /** The file at `relative` (a page rendered first if it can be): null when it is not there. */
  file(relative: string): Promise<Buffer | null> {
    const reading = (async () => {
      await this.#render(relative)?.catch(() => undefined);
      return readFile(path.join(this.dir, relative)).catch(() => null);
    })();
    // The folder stays until every file asked for has been read.
    this.#reads.add(reading);
    void reading.finally(() => this.#reads.delete(reading));
    return reading;
  }

  #render(relative: string): Promise<void> | null {
    const write = this.#pages.get(relative);
    if (!write) return null;
    let render = this.#renders.get(write);
    if (!render) {
      render = write();
      // A failure is the whole build's to report; the page just waits for it.
      render.catch(() => undefined);
      this.#renders.set(write, render);
    }
    return render;
  }

  settled(): Promise<unknown> {
    return Promise.allSettled([...this.#renders.values(), ...this.#reads]);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A page's file under the output folder ("/articles/x/" → articles/x/index.html). */
function fileOfUrl(url: string): string {
  return url.slice(1) + (url.endsWith("/") ? "index.html" : "");
}

interface QuickChange {
  file: string;
  /** The deleted item, whose page goes. */
  removed?: Item;
}

/**
 * The store updated for one changed Markdown file and what the quick pass does for it: "none" when
 * the file neither was nor is content, null when only a whole build is right.
 */
function quickChange(store: ContentStore, file: string): QuickChange | "none" | null {
  const known = store.get(file);
  if (existsSync(file)) return (known ? store.refresh(file) : store.add(file)) ? { file } : null;
  if (!known) return "none";
  const removed = store.remove(file);
  return removed ? { file, removed } : null;
}

/** The built file of an item's page under the output folder ("/articles/x/" → articles/x/index.html). */
function pageFile(output: string, item: Item): string {
  return path.join(output, fileOfUrl(item.url as string));
}
