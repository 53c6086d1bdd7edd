// Path helpers with no dependency beyond node:path: the search worker loads Markdown through them (not the content store's YAML, zod and luxon).
import path from "node:path";

/** A path prefix as "/", or "/pr-7/": with a leading and a trailing slash, however it was given. */
export function normalisePrefix(pathPrefix = "/"): string {
  return pathPrefix.replace(/^\/?/, "/").replace(/\/?$/, "/");
}

// A root-relative path with nothing path normalisation would change: no "//", "." or ".." segment, query or fragment.
const PLAIN_PATH = /^(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9\-_~%.@:+,;=!$&'()*]+)+\/?$/;

/**
 * A plain root-relative path (`/articles/x/`) under the path prefix (normalisePrefix's form), as Eleventy's
 * `url` filter gives it, without the `new URL()` that filter throws and catches on every relative URL;
 * null for anything else ("/", absolute URLs, paths to normalise), which is left to that filter.
 */
export function prefixPlainPath(url: string, prefix: string): string | null {
  return PLAIN_PATH.test(url) ? prefix.slice(0, -1) + url : null;
}

/** Where an item's image file lives: beside the Markdown, or under content/ for a path starting "/". */
export function resolveImagePath(
  item: { inputPath: string },
  src: string,
  contentDir: string,
): string {
  return src.startsWith("/")
    ? path.join(contentDir, src)
    : path.resolve(path.dirname(item.inputPath), src);
}

/** The file a body picture's address names (query and fragment dropped, escapes decoded), or null. */
export function bodyImageFile(inputPath: string, src: string, contentDir: string): string | null {
  try {
    return resolveImagePath({ inputPath }, decodeURI(src.replace(/[?#].*$/, "")), contentDir);
  } catch {
    return null;
  }
}
