// Runs one of the scripts (`node scripts/run.mjs scripts/build.ts [args]`) compiled by esbuild rather than
// through tsx's loader: what npm run build and check start, where start-up time counts.
import path from "node:path";
import { compiledEntry } from "../src/lib/ts-compile.mjs";

const [entry] = process.argv.splice(2, 1);
if (!entry?.endsWith(".ts")) {
  console.error("usage: node scripts/run.mjs scripts/<name>.ts [arguments]");
  process.exit(2);
}
// The script sees itself as the file started, as under tsx: its runIfEntry runs it.
process.argv[1] = path.resolve(entry);
await import(await compiledEntry(process.argv[1]));
