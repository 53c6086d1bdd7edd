// The dev server's pure parts: what a failed build shows, where a request goes, the live-reload hook.
import { formatError } from "./content.ts";
import { rootCause } from "./build-error.ts";
import { escapeHtml } from "./format.ts";

/** Why the last dev build failed, in editors' words: a heading and one line per problem. */
export interface DevProblem {
  title: string;
  lines: string[];
  /** An error in src/ rather than in content: its stack goes to the terminal only. */
  stack?: string;
}

const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** What to show for a failed build: content and settings errors as their lines, anything else as one line. */
export function describeFailure(error: unknown): DevProblem {
  const cause = rootCause(error);
  const errors = (cause as { errors?: Parameters<typeof formatError>[0][] }).errors;
  if (cause.name === "ContentValidationError" && Array.isArray(errors)) {
    return {
      title: count(errors.length, "problem in the content", "problems in the content"),
      lines: errors.map(formatError),
    };
  }
  if (cause.name === "SettingsError") {
    const lines = cause.message.split("\n").filter(Boolean);
    return {
      title: count(lines.length, "problem in the settings", "problems in the settings"),
      lines,
    };
  }
  return {
    title: "The build failed (an error in the site's code, not in the content)",
    lines: [cause.message.split("\n")[0] || String(cause)],
    stack: cause.stack,
  };
}

/** Where the live-reload script is served; the dev server adds it to every HTML page. */
export const RELOAD_SCRIPT_URL = "/.dev/reload.js";
/** The server-sent events the reload script listens to. */
export const EVENTS_URL = "/.dev/events";

const RELOAD_TAG = `<script type="module" src="${RELOAD_SCRIPT_URL}"></script>`;

/** The page shown instead of the site while the last build failed. */
export function errorPage(problem: DevProblem): string {
  const items = problem.lines.map((line) => `  <li><code>${escapeHtml(line)}</code></li>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not built: ${escapeHtml(problem.title)}</title>
<style>
  body { font: 1.05rem/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; background: #fff; }
  h1 { color: #a4161a; font-size: 1.6rem; }
  ul { padding: 0; list-style: none; }
  li { margin: 0 0 0.6rem; padding: 0.6rem 0.8rem; border-left: 4px solid #a4161a; background: #fbeaea; }
  code { font: 0.95rem/1.4 ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
  @media (prefers-color-scheme: dark) { body { color: #eee; background: #161616; } h1 { color: #ff8a8a; } li { background: #3a1d1d; } }
</style>
</head>
<body>
<main>
<h1 id="dev-errors">${escapeHtml(problem.title)}</h1>
<p>The site was not rebuilt. Fix ${problem.lines.length === 1 ? "this" : "each of these"} and save: this page reloads by itself.</p>
<ul aria-labelledby="dev-errors">
${items.join("\n")}
</ul>
<p>The same list is in the terminal running <code>npm start</code>; <code>docs/editing.md</code> explains every message.</p>
</main>
${RELOAD_TAG}
</body>
</html>
`;
}

/** The page shown until the first build has finished. */
export function waitingPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Building the site…</title></head>
<body><p>Building the site… this page reloads by itself when it is ready.</p>${RELOAD_TAG}</body>
</html>
`;
}

/** An HTML page with the live-reload script added before its closing body tag. */
export function withReload(html: string): string {
  const at = html.lastIndexOf("</body>");
  return at === -1 ? html + RELOAD_TAG : html.slice(0, at) + RELOAD_TAG + html.slice(at);
}

/** The response header that tells a page the server's state it was served in ("boot.builds"), for the reload script. */
export const servedHeader = (state: string) => ({ "server-timing": `dev;desc="${state}"` });

/**
 * The reload script: reloads on every build, and after the server restarts or builds while the page was
 * still loading (on connecting, the server's state differs from the one the page was served from, read from
 * its Server-Timing header; where the browser withholds it, from the first connection on).
 */
export const RELOAD_SCRIPT = `const navigation = performance.getEntriesByType("navigation")[0];
let state = navigation?.serverTiming?.find((entry) => entry.name === "dev")?.description ?? null;
const events = new EventSource(${JSON.stringify(EVENTS_URL)});
events.addEventListener("hello", (event) => {
  if (state !== null && state !== event.data) location.reload();
  state = event.data;
});
events.addEventListener("reload", () => location.reload());
`;

export type DevRoute =
  | { kind: "file"; path: string }
  | { kind: "redirect"; location: string }
  | { kind: "outside" };

/**
 * Where a request path goes under the prefix: a file path relative to the output (a folder means
 * its index.html), a redirect (the bare root, or a folder without its slash), or outside the site.
 */
export function routeRequest(
  pathname: string,
  prefix: string,
  isFolder: (relative: string) => boolean,
): DevRoute {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: "outside" };
  }
  if (prefix !== "/" && (decoded === "/" || decoded === prefix.slice(0, -1))) {
    return { kind: "redirect", location: prefix };
  }
  if (!decoded.startsWith(prefix)) return { kind: "outside" };
  const relative = decoded.slice(prefix.length);
  if (relative.split("/").some((s) => s === ".." || s.includes("\0"))) return { kind: "outside" };
  if (relative === "" || relative.endsWith("/"))
    return { kind: "file", path: `${relative}index.html` };
  if (isFolder(relative)) return { kind: "redirect", location: `${pathname}/` };
  return { kind: "file", path: relative };
}
