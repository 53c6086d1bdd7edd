/** Where the site is published, and the checks on each deploy setting. */

/** The origin and the one path prefix every URL of a build goes under. */
export interface Deploy {
  /** "https://owner.github.io": scheme, host and port, never a path. */
  origin: string;
  /** "/" or "/repo/": a leading and a trailing slash. */
  pathPrefix: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; expected: string };

const SEGMENT = /^[A-Za-z0-9._~-]+$/;
const PREFIX_EXPECTED =
  'a path such as /repo/ or /repo/pr-7/ (letters, digits, "-", "_", "." and "~" between single slashes)';

/** Why a path is not a clean prefix, or null when it is one. */
function pathProblem(path: string): string | null {
  if (/\s/.test(path)) return "a space";
  const odd = /[^A-Za-z0-9._~/-]/.exec(path);
  if (odd) return `"${odd[0]}"`;
  if (path.includes("//")) return "two slashes in a row";
  const segments = path.split("/").filter(Boolean);
  if (segments.includes("..")) return 'a ".." folder';
  if (segments.includes(".")) return 'a "." folder';
  if (!segments.every((s) => SEGMENT.test(s))) return "an empty folder";
  return null;
}

/**
 * A path prefix as given to --pathprefix ("repo", "/repo", "/repo/pr-7/"), as "/repo/pr-7/"; "" and
 * "/" are the root. Only plain folder names are accepted, so a prefix never needs encoding and never
 * leaves the site's origin.
 */
export function checkPathPrefix(raw: string): Checked<string> {
  const trimmed = raw.trim();
  const problem = trimmed.startsWith("//") ? "two slashes in a row" : pathProblem(trimmed);
  if (problem)
    return { ok: false, expected: `${PREFIX_EXPECTED}, got ${JSON.stringify(raw)} (${problem})` };
  const segments = trimmed.split("/").filter(Boolean);
  return { ok: true, value: segments.length ? `/${segments.join("/")}/` : "/" };
}

const URL_EXPECTED =
  "the site's address, such as https://digest.example.org or https://owner.github.io/repo/";

/**
 * The site's `url` setting: an http or https address with no user, query or fragment, whose path (if
 * any) is a clean prefix. Returns its origin and that path ("/" or "/repo/").
 */
export function checkSiteUrl(raw: unknown): Checked<{ origin: string; path: string }> {
  const fail = (problem: string): Checked<never> => ({
    ok: false,
    expected: `${URL_EXPECTED}, got ${raw === undefined ? "nothing" : JSON.stringify(raw)}${problem ? ` (${problem})` : ""}`,
  });
  if (raw === undefined) return fail("");
  if (typeof raw !== "string") return fail("not text");
  const text = raw.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (!scheme) return fail("it must start with https://");
  if (!/^https?$/i.test(scheme[1]!)) return fail("only https and http addresses");
  if (!URL.canParse(text)) return fail("not a valid address");
  const url = new URL(text);
  if (url.username || url.password) return fail("no user name or password");
  if (text.includes("?")) return fail('no "?" query');
  if (text.includes("#")) return fail('no "#" fragment');
  // The path as written: URL() would resolve "..", collapse nothing else and encode spaces silently.
  const path = text.slice(scheme[0].length).replace(/^[^/]*/, "");
  const problem = path.startsWith("//") ? "two slashes in a row" : pathProblem(path);
  if (problem) return fail(`its path has ${problem}`);
  const prefix = checkPathPrefix(path);
  if (!prefix.ok) return fail("");
  return { ok: true, value: { origin: url.origin, path: prefix.value } };
}

/**
 * Where a build publishes: the origin of `url`, under `--pathprefix` when one is given and the path of
 * `url` otherwise, so the two are never joined. Both must already be checked.
 */
export function resolveDeploy(siteUrl: string, pathPrefix?: string): Deploy {
  const site = checkSiteUrl(siteUrl);
  if (!site.ok) throw new Error(`url: expected ${site.expected}`);
  if (pathPrefix === undefined) return { origin: site.value.origin, pathPrefix: site.value.path };
  const prefix = checkPathPrefix(pathPrefix);
  if (!prefix.ok) throw new Error(`--pathprefix: expected ${prefix.expected}`);
  return { origin: site.value.origin, pathPrefix: prefix.value };
}

// The characters a URL path or query may hold as they are (RFC 3986), "%" only as the start of an escape.
const ALLOWED = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]/;

/** Percent-encodes what a URL may not hold as it is (spaces, non-ASCII, a lone "%"), leaving escapes as they are. */
export function encodeUrlPath(url: string): string {
  let out = "";
  // A lone surrogate cannot be encoded: it becomes U+FFFD, as String.prototype.toWellFormed does.
  const text = url.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "\uFFFD",
  );
  for (let i = 0; i < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (ch === "%" && /^%[0-9A-Fa-f]{2}/.test(text.slice(i, i + 3))) out += "%";
    else out += ALLOWED.test(ch) ? ch : encodeURIComponent(ch);
    i += ch.length;
  }
  return out;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The absolute URL of a site URL ("/articles/x/"): origin, prefix and path joined once, encoded. */
export function absoluteUrl(deploy: Deploy, url: string): string {
  if (SCHEME.test(url)) return url;
  return deploy.origin + deploy.pathPrefix + encodeUrlPath(url.replace(/^\/+/, ""));
}

/** The absolute URL of a path that already carries the prefix ("/repo/img/x.jpg"). */
export function originUrl(deploy: Deploy, prefixedPath: string): string {
  if (SCHEME.test(prefixedPath)) return prefixedPath;
  return deploy.origin + encodeUrlPath(`/${prefixedPath.replace(/^\/+/, "")}`);
}

const LANGUAGE =
  /^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|[0-9]{3}))?(-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$/;

/** A BCP 47 language tag (language, then script, region and variants: "en-GB", "ar", "zh-Hant-TW"), canonical case. */
export function checkLanguage(raw: unknown): Checked<string> {
  const expected = `a language tag such as en-GB, cy or ar (BCP 47), got ${JSON.stringify(raw)}`;
  if (typeof raw !== "string" || !LANGUAGE.test(raw.trim())) return { ok: false, expected };
  try {
    return { ok: true, value: Intl.getCanonicalLocales(raw.trim())[0]! };
  } catch {
    return { ok: false, expected };
  }
}
