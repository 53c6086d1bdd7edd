import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compiledEntry } from "../../src/lib/ts-compile.mjs";

const runner = fileURLToPath(new URL("../../scripts/run.mjs", import.meta.url));

describe("compiledEntry (what scripts/run.mjs and the search worker start)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "ts-compile-"));
    writeFileSync(
      path.join(dir, "helper.ts"),
      'export const where: string = import.meta.url;\nexport const meta = (m: ImportMeta): string => m.url;\nexport const word = "first";\n',
    );
    writeFileSync(
      path.join(dir, "main.ts"),
      'import { meta, where, word } from "./helper.ts";\nexport const result = { where, word, self: meta(import.meta), url: import.meta.url };\nif (process.argv.includes("--print")) console.log(JSON.stringify({ ...result, argv: process.argv.slice(1) }));\n',
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps each file's own import.meta, passed as an object too", async () => {
    const { result } = await import(await compiledEntry(path.join(dir, "main.ts")));
    expect(result).toEqual({
      where: pathToFileURL(path.join(dir, "helper.ts")).href,
      word: "first",
      self: pathToFileURL(path.join(dir, "main.ts")).href,
      url: pathToFileURL(path.join(dir, "main.ts")).href,
    });
  });

  it("compiles again only when a source file changed, imported ones included", async () => {
    const entry = path.join(dir, "main.ts");
    const first = await compiledEntry(entry);
    expect(await compiledEntry(entry)).toBe(first);
    writeFileSync(
      path.join(dir, "helper.ts"),
      'export const where = import.meta.url;\nexport const meta = (m: ImportMeta) => m.url;\nexport const word = "second";\n',
    );
    const second = await compiledEntry(entry);
    expect(second).not.toBe(first);
    expect((await import(second)).result.word).toBe("second");
  });

  it("scripts/run.mjs passes the arguments and shows the script as the file started", () => {
    const entry = path.join(dir, "main.ts");
    const run = spawnSync(process.execPath, [runner, entry, "--print", "x"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toMatchObject({ word: "first", argv: [entry, "--print", "x"] });
  });

  it("scripts/run.mjs refuses anything but a .ts file, with its usage", () => {
    const run = spawnSync(process.execPath, [runner, "scripts/build.js"], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("usage: node scripts/run.mjs scripts/<name>.ts [arguments]");
  });
});
