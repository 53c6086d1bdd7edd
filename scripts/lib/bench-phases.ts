import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** What the bench reports the CPU time of a full build as spent on. */
export const PHASES = [
  "content load and validation",
  "rendering and writing",
  "images",
  "feeds and calendars",
  "search indexing",
  "startup (loading code)",
  "garbage collection",
] as const;
export type Phase = (typeof PHASES)[number];

interface CallFrame {
  functionName: string;
  url: string;
  /** 0-based, in the profile's own file. */
  lineNumber?: number;
}
interface Profile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

type Marker = { phase: Phase; url: RegExp; functions?: RegExp };
// Innermost match wins, so Markdown rendered for a feed counts as the feed's.
const MARKERS: Marker[] = [
  { phase: "search indexing", url: /\/src\/(plugins\/search|lib\/search-[a-z]+)\.ts|\/pagefind\// },
  {
    phase: "images",
    url: /\/src\/lib\/images\.ts|\/@11ty\/eleventy-img\/|\/node_modules\/sharp\//,
  },
  {
    phase: "feeds and calendars",
    url: /\/src\/plugins\/(feeds|events|markdown)\.ts|\/src\/lib\/calendar\.ts|\/ical-generator\/|\/eleventy-plugin-rss\//,
    functions:
      /^(calendarIcs|jsonFeed|feedUpdated|siteFeed|bodyHtml|icsCalendar|eventIcs|atomFeed)$/,
  },
  { phase: "content load and validation", url: /\/src\/lib\/(content|schema)\.ts/ },
  { phase: "content load and validation", url: /\/src\/lib\/store\.ts/, functions: /^(load)$/ },
  {
    phase: "content load and validation",
    url: /\/@11ty\/eleventy\/src\/(TemplateContent|Data\/TemplateData|EleventyFiles)\.js|\/gray-matter\//,
    functions:
      /^(read|readFile|getInputContent|getFrontMatter|inputContent|getGlobalData|getAllGlobalData|getFiles|getGlobbedFiles)$/,
  },
  { phase: "startup (loading code)", url: /\/esbuild\/|\/tsx\/dist\// },
];

// Module loading shows as Node's own frames just above the code being compiled or read.
const LOADING = /^node:internal\/modules\//;

function phaseOf(stack: CallFrame[]): Phase {
  for (const frame of stack) {
    if (frame.url && !frame.url.startsWith("node:")) break;
    if (LOADING.test(frame.url)) return "startup (loading code)";
  }
  for (const frame of stack) {
    if (frame.functionName === "(garbage collector)") return "garbage collection";
    for (const marker of MARKERS) {
      if (
        marker.url.test(frame.url) &&
        (!marker.functions || marker.functions.test(frame.functionName))
      )
        return marker.phase;
    }
  }
  return "rendering and writing";
}

// Scripts and the search worker run compiled into one module each (src/lib/ts-compile.mjs), where esbuild
// starts each source file's code with a comment naming it, relative to the compiler's folder.
const COMPILED = /\/\.cache\/compiled\/[0-9a-f]+\.mjs$/;
const compilerDir = fileURLToPath(new URL("../../src/lib/", import.meta.url));
const sourceStarts = new Map<string, { line: number; url: string }[]>();

/** The source file's URL for a frame in a compiled module (its own URL otherwise). */
function sourceUrl(frame: CallFrame): string {
  if (!COMPILED.test(frame.url)) return frame.url;
  let starts = sourceStarts.get(frame.url);
  if (!starts) {
    starts = [];
    const lines = readFileSync(fileURLToPath(frame.url), "utf8").split("\n");
    for (const [line, text] of lines.entries()) {
      const named = /^\/\/ (\S+\.ts)$/.exec(text);
      if (named)
        starts.push({ line, url: pathToFileURL(path.resolve(compilerDir, named[1]!)).href });
    }
    sourceStarts.set(frame.url, starts);
  }
  const line = frame.lineNumber ?? 0;
  let found = frame.url;
  for (const start of starts) {
    if (start.line > line) break;
    found = start.url;
  }
  return found;
}

/**
 * CPU milliseconds per phase from V8 CPU profiles (`node --cpu-prof`: one per thread), each
 * sample going to the innermost frame that marks a phase; idle samples are left out. Code without
 * a source file (compiled Nunjucks templates, feed layouts among them) counts as rendering.
 */
export function phasesFromProfiles(files: string[]): Record<Phase, number> {
  const totals = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parentOf = new Map<number, number>();
    for (const node of profile.nodes)
      for (const child of node.children ?? []) parentOf.set(child, node.id);
    const timeOf = new Map<number, number>();
    for (const [i, id] of profile.samples.entries())
      timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    // Worker threads only index for search; their whole profile is that phase.
    const whole = isSearchWorker(profile) ? "search indexing" : null;
    for (const [id, micros] of timeOf) {
      const leaf = byId.get(id)!.callFrame.functionName;
      if (leaf === "(idle)" || leaf === "(root)") continue;
      const stack: CallFrame[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
        const frame = byId.get(at)!.callFrame;
        stack.push({ functionName: frame.functionName, url: sourceUrl(frame) });
      }
      totals[whole ?? phaseOf(stack)] += micros / 1000;
    }
  }
  return totals;
}

function isSearchWorker(profile: Profile): boolean {
  return profile.nodes.some((n) => /\/src\/lib\/search-worker\.ts/.test(sourceUrl(n.callFrame)));
}
