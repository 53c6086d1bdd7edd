// Path helpers with no dependency beyond node:path: the search worker loads Markdown through them (not the content store's YAML, zod and luxon).
import path from "node:path";

/** A path prefix as "/", or "/pr-7/": with a leading and a trailing slash, however it was given. */
export function normalisePrefix(pathPrefix = "/"): string {
  return pathPrefix.replace(/^\/?/, "/").replace(/\/?$/, "/");
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
