// Compiles a TypeScript entry (with the project's modules it imports; packages left as imports) into one
// ES module under .cache/compiled/, with esbuild. Starting from it costs a fraction of registering tsx's
// loader (about 1.3 s of CPU per build process here), and an entry whose source files are unchanged since
// its last compile is not compiled again.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { threadId } from "node:worker_threads";

const here = path.dirname(fileURLToPath(import.meta.url));
const cacheDir = path.resolve(here, "..", "..", ".cache", "compiled");

const sha256 = (text) => createHash("sha256").update(text).digest("hex");

/** What the compiled module is made of: this compiler's own source and each input file's, by path. */
function sourcesHash(inputs, read = (file) => readFileSync(file, "utf8")) {
  const hash = createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url)));
  for (const file of inputs) hash.update(`\0${file}\0`).update(read(file));
  return hash.digest("hex");
}

/** Writes through a scratch file, so processes compiling at once never read half a file. */
function writeWhole(file, text) {
  const scratch = `${file}.${process.pid}-${threadId}`;
  writeFileSync(scratch, text);
  renameSync(scratch, file);
}

/** The compiled module of the last compile, when none of its source files changed since. */
function lastCompile(manifestFile) {
  try {
    const { inputs, sources, module } = JSON.parse(readFileSync(manifestFile, "utf8"));
    return existsSync(module) && sourcesHash(inputs) === sources ? module : null;
  } catch {
    // No manifest yet, or an input gone: compile.
    return null;
  }
}

/**
 * Every source file keeps its own `import.meta` (its URL, so its `runIfEntry` and relative paths work
 * as when it runs uncompiled); `import.meta.resolve` resolves packages from the compiled module, which
 * sits under the repository and so finds the same node_modules.
 */
function keepImportMeta(compiled) {
  return {
    name: "keep-import-meta",
    setup(compiler) {
      compiler.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = readFileSync(args.path, "utf8");
        compiled.set(args.path, source);
        const url = JSON.stringify(pathToFileURL(args.path).href);
        return {
          contents: source
            .replaceAll("import.meta.url", url)
            .replace(/\bimport\.meta\b(?![.\w])/g, `({ url: ${url} })`),
          loader: "ts",
        };
      });
    },
  };
}

async function compile(entry, manifestFile) {
  const { build } = await import("esbuild");
  // The source files as compiled, by path: the manifest records what was compiled, not what is there after.
  const compiled = new Map();
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    write: false,
    metafile: true,
    absWorkingDir: here,
    logLevel: "silent",
    plugins: [keepImportMeta(compiled)],
  });
  const code = result.outputFiles[0].text;
  // Under the repository, so the compiled module finds node_modules; named by content, so processes running at once share it.
  const module = path.join(cacheDir, `${sha256(code).slice(0, 16)}.mjs`);
  writeWhole(module, code);
  const inputs = Object.keys(result.metafile.inputs).map((file) => path.resolve(here, file));
  const sources = sourcesHash(inputs, (file) => compiled.get(file) ?? readFileSync(file, "utf8"));
  writeWhole(manifestFile, JSON.stringify({ inputs, sources, module }));
  return module;
}

/** The file URL of `entry` (a .ts file's path) compiled, compiling it first when a source changed. */
export async function compiledEntry(entry) {
  mkdirSync(cacheDir, { recursive: true });
  const manifestFile = path.join(cacheDir, `${sha256(entry).slice(0, 16)}.json`);
  const module = lastCompile(manifestFile) ?? (await compile(entry, manifestFile));
  return pathToFileURL(module).href;
}
