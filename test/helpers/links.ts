import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { normalisePrefix } from "../../src/lib/format.ts";

/** One URL a page refers to, and where it was found. */
export interface Ref {
  attr: string;
  url: string;
}

const URL_ATTRS: [selector: string, attr: string][] = [
  ["a[href]", "href"],
  ["area[href]", "href"],
  ["link[href]", "href"],
  ["img[src]", "src"],
  ["script[src]", "src"],
  ["source[src]", "src"],
  ["iframe[src]", "src"],
  ["video[poster]", "poster"],
  ["form[action]", "action"],
];
const SRCSET = ["img[srcset]", "source[srcset]"];
const META_URLS = [
  'meta[property="og:url"]',
  'meta[property="og:image"]',
  'meta[name="twitter:image"]',
];

/** Every URL in a page's markup: links, sources, each srcset candidate and Open Graph URLs. */
export function extractRefs(html: string): Ref[] {
  const { document } = parseHTML(html);
  const refs: Ref[] = [];
  for (const [selector, attr] of URL_ATTRS) {
    for (const el of document.querySelectorAll(selector))
      refs.push({ attr: `${el.localName}[${attr}]`, url: el.getAttribute(attr)!.trim() });
  }
  for (const selector of SRCSET) {
    for (const el of document.querySelectorAll(selector)) {
      for (const candidate of el.getAttribute("srcset")!.split(",")) {
        const url = candidate.trim().split(/\s+/)[0];
        if (url) refs.push({ attr: `${el.localName}[srcset]`, url });
      }
    }
  }
  for (const selector of META_URLS) {
    for (const el of document.querySelectorAll(selector))
      refs.push({ attr: selector, url: el.getAttribute("content")!.trim() });
  }
  return refs;
}

export interface CheckOptions {
  /** The site's own origin (settings `url`): absolute URLs on it are internal too. */
  origin: string;
  /** The path prefix the site is built under, "/" or "/pr-7/". */
  prefix?: string;
}

/** Which file a static host serves for a site path, or null when none would. */
function fileFor(out: string, sitePath: string): string | null {
  const file = path.join(out, decodeURIComponent(sitePath));
  if (!file.startsWith(out)) return null;
  const candidate = sitePath.endsWith("/") ? path.join(file, "index.html") : file;
  return existsSync(candidate) && statSync(candidate).isFile() ? candidate : null;
}

/**
 * Problems with the internal URLs of one built page (`pageUrl` is its site URL without the prefix):
 * targets missing from `out`, URLs outside the path prefix, and fragments naming no element.
 */
export function checkPage(
  out: string,
  pageUrl: string,
  html: string,
  options: CheckOptions,
): string[] {
  const prefix = normalisePrefix(options.prefix);
  const origin = new URL(options.origin).origin;
  const base = new URL(prefix.slice(0, -1) + pageUrl, origin);
  const problems: string[] = [];
  const idsCache = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    if (!idsCache.has(file)) {
      const { document } = parseHTML(readFileSync(file, "utf8"));
      idsCache.set(file, new Set([...document.querySelectorAll("[id]")].map((el) => el.id)));
    }
    return idsCache.get(file)!;
  };
  for (const { attr, url } of extractRefs(html)) {
    const target = new URL(url, base);
    if (target.origin !== origin || !/^https?:$/.test(target.protocol)) continue;
    if (!target.pathname.startsWith(prefix)) {
      problems.push(`${attr}="${url}" is outside the path prefix ${prefix}`);
      continue;
    }
    const file = fileFor(out, `/${target.pathname.slice(prefix.length)}`);
    if (!file) {
      problems.push(`${attr}="${url}" has no file in the output`);
      continue;
    }
    const fragment = decodeURIComponent(target.hash.slice(1));
    if (fragment && file.endsWith(".html") && !idsOf(file).has(fragment)) {
      problems.push(`${attr}="${url}" names #${fragment}, which is not on that page`);
    }
  }
  return problems;
}
