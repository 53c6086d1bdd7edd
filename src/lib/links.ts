import path from "node:path";
import {
  bodyImageFile,
  defaultUrl,
  findContentFiles,
  type ContentError,
  type Item,
} from "./content.ts";
import { createMarkdown, MAY_LINKIFY } from "./markdown.ts";
import { pageCount } from "./paginate.ts";
import { pictureChecker } from "./picture-file.ts";
import { languageFolder } from "./languages.ts";
import { routes } from "./routes.ts";
import type { SiteContext } from "./site-context.ts";
import { assignTagSlugs, onTopicPages } from "./tags.ts";

type Token = ReturnType<ReturnType<typeof createMarkdown>["parse"]>[number];

/** Areas whose pages plugins generate from data check cannot see without a build (calendars, search, feeds). */
const UNVERIFIED_AREAS = [routes.events, routes.search, routes.pagefind];
/** What the digest plugin writes beside the editions: archive pages, feeds, emails. */
const DIGEST_FILES = /^\/digest\/(page\/[1-9]\d*\/|feed\.(xml|json)|[1-9]\d*\/email\.(html|txt))$/;
const ROOT_FILE = /^\/[^/]+\.(xml|json|ics|txt|svg|html)$/;
/** The site's own index pages (src/lib/routes.ts). */
const INDEXES = new Set<string>([
  routes.tags,
  routes.categories,
  routes.search,
  routes.events,
  routes.digest,
  routes.share,
  routes.groups,
  routes.groupsSeeking,
]);
/** The sections with paginated lists. */
const LISTED = ["articles", "actions"] as const;

/** Which site URLs an internal link may point at, worked out from the content and the settings alone. */
export class SiteMap {
  readonly #items = new Map<string, Item>();
  readonly #tagSlugs: Set<string>;
  readonly #categories: Set<string>;
  /** Every page of the paginated section lists, worked out once rather than for each link. */
  readonly #listPages: Set<string>;
  readonly #assumed: Set<string>;
  /** The directory's filter pages: one per kind and status some published group has. */
  readonly #groupFilters: Set<string>;
  readonly #settings: SiteContext["settings"];

  constructor(
    ctx: SiteContext,
    items: Item[],
    readonly isVisible: (item: Item) => boolean,
    files: { file: string; section: Item["section"] }[] = findContentFiles(ctx.contentDir),
  ) {
    for (const item of items) if (item.url !== false) this.#items.set(item.url, item);
    const visible = items.filter((item) => item.url !== false && isVisible(item));
    // Slugs as the build assigns them (ContentStore.tagSlug, over every item's tags), but only the
    // tags of items on topic pages have a page (regression: a tag only groups carry passed as a link).
    const slugs = assignTagSlugs(visible.flatMap((item) => item.tags));
    this.#tagSlugs = new Set(
      visible.filter(onTopicPages).flatMap((item) => item.tags.map((tag) => slugs.get(tag)!)),
    );
    this.#categories = new Set(Object.keys(ctx.settings.categories));
    this.#settings = ctx.settings;
    const size = ctx.settings.pageSize;
    this.#listPages = new Set(
      LISTED.flatMap((s) =>
        Array.from(
          { length: pageCount(visible.filter((i) => i.section === s).length, size) },
          (_, page) => routes.list(s, page),
        ),
      ),
    );
    this.#groupFilters = new Set(
      visible.flatMap((i) =>
        i.group && !i.group.seeking
          ? [routes.groupsBy("kind", i.group.kind), routes.groupsBy("status", i.group.status)]
          : [],
      ),
    );
    // Files that failed validation still count at their default URL, so one error does not cause others.
    const valid = new Set(items.map((item) => item.inputPath));
    this.#assumed = new Set(
      files
        .filter((f) => !valid.has(path.resolve(f.file)))
        .map((f) => defaultUrl(f.section, path.basename(f.file, ".md"))),
    );
  }

  /** The content item published at `url`, if any. */
  item(url: string): Item | undefined {
    return this.#items.get(url);
  }

  /** Whether a build has a page at this site URL (path only, no prefix). */
  has(url: string): boolean {
    if (url === routes.home || this.#items.has(url) || this.#assumed.has(url)) return true;
    if (UNVERIFIED_AREAS.some((area) => url.startsWith(area)) || ROOT_FILE.test(url)) return true;
    // Each language's digest has its archive, feeds and emails under its folder (/ar/digest/…).
    const folder = languageFolder(url, this.#settings);
    const digestUrl = folder ? url.slice(folder.length + 1) : url;
    if (DIGEST_FILES.test(digestUrl) || digestUrl === routes.digest) return true;
    if (!url.endsWith("/")) return false;
    if (INDEXES.has(url) || this.#groupFilters.has(url) || this.#listPages.has(url)) return true;
    const topic = (base: string, known: Set<string>) => {
      if (!url.startsWith(base)) return false;
      const [name, page, ...rest] = url.slice(base.length).split("/").filter(Boolean);
      return !!name && known.has(name) && rest.length === 0 && (!page || /^[1-9]\d*$/.test(page));
    };
    return topic(routes.tags, this.#tagSlugs) || topic(routes.categories, this.#categories);
  }
}

const EXTERNAL = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

// Parsing with an empty env never reads the site URL, so one parser serves every file.
const parser = createMarkdown({ pathPrefix: "/", origin: "" });
// Only where links are matters here: quotes and dashes (typographer), prefixes and joined text are left alone.
parser.set({ typographer: false });
parser.core.ruler.disable(["site_urls", "text_join"]);
/** What a link or picture needs: "[" (links, pictures, references), "<" (autolinks), or what linkify looks for. */
const MAY_LINK = new RegExp(`[[<]|${MAY_LINKIFY.source}`);
// A paragraph, heading or cell without any of them yields no link: its inline parse is skipped.
parser.core.ruler.at("inline", (state) => {
  for (const token of state.tokens) {
    if (token.type !== "inline" || !MAY_LINK.test(token.content)) continue;
    token.children ??= [];
    state.md.inline.parse(token.content, state.md, state.env, token.children);
  }
});

export interface BodyRef {
  kind: "link" | "image";
  target: string;
  /** 1-based line in the file. */
  line: number;
}

/** Every link and image in a Markdown body starting on line `first` of its file, found by the same parser the site renders with. */
export function bodyRefs(body: string, first: number): BodyRef[] {
  if (!MAY_LINK.test(body)) return [];
  return refsOfTokens(parser.parse(body, {}), body, first);
}

/**
 * The links and images among a body's tokens as parsed, before the site's own rule rewrites their URLs
 * (site_urls): what bodyRefs finds, from tokens a page's rendering parsed already.
 */
export function refsOfTokens(tokens: Token[], body: string, first: number): BodyRef[] {
  const refs: BodyRef[] = [];
  let lines: string[] | undefined;
  const walk = (tokens: Token[], map: [number, number] | null) => {
    for (const token of tokens) {
      const here = (token.map as [number, number] | null) ?? map;
      const attr = token.type === "link_open" ? "href" : token.type === "image" ? "src" : null;
      const target = attr ? String(token.attrGet(attr) ?? "") : "";
      if (attr && target) {
        const [start, end] = here ?? [0, 1];
        lines ??= body.split("\n");
        const offset = lines
          .slice(start, end)
          .findIndex((l) => l.includes(target) || l.includes(encodeURI(target)));
        refs.push({
          kind: attr === "href" ? "link" : "image",
          target,
          line: first + start + Math.max(offset, 0),
        });
      }
      if (token.children) walk(token.children, here);
    }
  };
  walk(tokens, null);
  return refs;
}

const linkError = (item: Item, line: number, message: string): ContentError => ({
  file: item.file,
  line,
  field: "body",
  message,
});

/** Each item's body as rendered and the links and images found in it (refsOfTokens), by the item's path. */
export type KnownRefs = ReadonlyMap<string, { body: string; refs: BodyRef[] }>;

/** Whether a body may hold a picture: Markdown's only image syntax starts "![" (raw HTML is off). */
export const mayHoldPicture = (item: Item) => item.body.includes("![");

/**
 * Internal links that lead nowhere (in `site`, the pages the build writes) and images that are not there,
 * in every item's body (or those `only` keeps). `known` holds bodies whose links a build found while rendering them; any other body is parsed here.
 */
export function checkLinks(
  ctx: SiteContext,
  site: SiteMap,
  items: Item[],
  picture = pictureChecker(ctx.contentDir),
  { known, only }: { known?: KnownRefs; only?: (item: Item) => boolean } = {},
): ContentError[] {
  const errors: ContentError[] = [];
  const ownOrigin = `${ctx.settings.url}/`;
  for (const item of items) {
    if (only && !only(item)) continue;
    // The store read the file already: no second read.
    const found = known?.get(item.inputPath);
    const refs = found?.body === item.body ? found.refs : bodyRefs(item.body, item.bodyLine);
    for (const ref of refs) {
      const shownTarget = JSON.stringify(
        ref.target.length > 60 ? `${ref.target.slice(0, 60)}…` : ref.target,
      );
      if (ref.kind === "image") {
        if (EXTERNAL.test(ref.target)) {
          // The CSP would block it, and feeds would send readers' addresses to another site.
          errors.push(
            linkError(
              item,
              ref.line,
              `expected a picture saved beside the Markdown, got ${shownTarget} (pictures from other sites or data: addresses are not shown: save the picture beside the file and use its name)`,
            ),
          );
          continue;
        }
        const file = bodyImageFile(item.inputPath, ref.target, ctx.contentDir);
        const problem = file ? picture(file) : "no such file";
        if (problem) {
          errors.push(
            linkError(
              item,
              ref.line,
              `expected an image file beside the Markdown or under content/, got ${shownTarget} (${problem})`,
            ),
          );
        }
        continue;
      }
      let target = ref.target;
      if (target.startsWith(ownOrigin)) target = target.slice(ctx.settings.url.length);
      if (EXTERNAL.test(target) || target.startsWith("#") || target.startsWith("?")) continue;
      const base = `http://site${item.url === false ? defaultUrl(item.section, item.slug) : item.url}`;
      let pathname: string;
      try {
        pathname = decodeURI(new URL(target, base).pathname);
      } catch {
        errors.push(
          linkError(
            item,
            ref.line,
            `expected a link to a page of this site, got ${shownTarget} (not a valid address)`,
          ),
        );
        continue;
      }
      if (pathname.endsWith(".md")) {
        const linked = items.find(
          (i) =>
            i.inputPath ===
            path.resolve(path.dirname(item.inputPath), decodeURI(target.replace(/[?#].*$/, ""))),
        );
        const hint =
          linked && linked.url !== false
            ? `; link to the page, ${linked.url}, not to its file`
            : "";
        errors.push(
          linkError(
            item,
            ref.line,
            `expected a link to a page of this site, got ${shownTarget} (a Markdown file is not a page${hint})`,
          ),
        );
        continue;
      }
      if (!site.has(pathname) && !site.has(`${pathname}/`)) {
        errors.push(
          linkError(
            item,
            ref.line,
            `expected a link to a page of this site, got ${shownTarget} (no page at ${pathname})`,
          ),
        );
        continue;
      }
      const linked = site.item(pathname) ?? site.item(`${pathname}/`);
      if (linked && site.isVisible(item) && !site.isVisible(linked)) {
        const why = linked.draft ? "a draft" : `scheduled for ${linked.date.at.toISODate()}`;
        errors.push(
          linkError(
            item,
            ref.line,
            `expected a link to a published page, got ${shownTarget}, which is ${why} (${linked.file}); the link would be broken`,
          ),
        );
      }
    }
  }
  return errors;
}
