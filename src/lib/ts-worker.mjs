// Runs a TypeScript module in a worker thread. Workers do not inherit the main thread's TypeScript loader;
// one esbuild compile of the entry (packages left as imports) costs less than registering tsx in the worker.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { threadId, workerData } from "node:worker_threads";
import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const cacheDir = path.resolve(here, "..", "..", ".cache", "workers");

// Every source file keeps its own import.meta.url, as when it runs uncompiled.
const keepImportMeta = {
  name: "keep-import-meta",
  setup(compiler) {
    compiler.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, "utf8").replaceAll(
        "import.meta.url",
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: "ts",
    }));
  },
};

const result = await build({
  entryPoints: [fileURLToPath(workerData.entry)],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  write: false,
  logLevel: "silent",
  plugins: [keepImportMeta],
});
const code = result.outputFiles[0].text;
// Under the repository, so the compiled module finds node_modules; named by content, so builds running at once share it.
const file = path.join(
  cacheDir,
  `${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`,
);
mkdirSync(cacheDir, { recursive: true });
const scratch = `${file}.${process.pid}-${threadId}`;
writeFileSync(scratch, code);
renameSync(scratch, file);
await import(pathToFileURL(file).href);
