// The line `npm run build` prints when it succeeded (and adds to the GitHub job's summary).
import { readdirSync } from "node:fs";
import path from "node:path";

export interface BuildFigures {
  /** The folder the site was published to. */
  output: string;
  seconds: number;
  /** Encoded picture files the build wrote into the cache (new ones). */
  encoded: number;
  /** Encoded picture files the site links (new and reused). */
  pictures: number;
  /** The cache folder, as the reader knows it (".cache/images/"). */
  cache: string;
  /** The folder the command runs in, which the line's paths are relative to. */
  cwd: string;
}

const number = (n: number) => n.toLocaleString("en-GB");

/** What a build produced and how long it took, in one line. */
export function buildReport(figures: BuildFigures): string {
  const files = readdirSync(figures.output, { recursive: true, withFileTypes: true }).filter(
    (entry) => entry.isFile(),
  );
  const pages = files.filter((entry) => entry.name.endsWith(".html")).length;
  const where = path.relative(figures.cwd, figures.output) || ".";
  const line = `Built ${number(pages)} pages (${number(files.length)} files) into ${where}/ in ${figures.seconds.toFixed(1)} s.`;
  if (!figures.pictures) return line;
  const reused = Math.max(0, figures.pictures - figures.encoded);
  return `${line} Pictures: ${number(figures.encoded)} encoded, ${number(reused)} reused from ${figures.cache}.`;
}
