import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { entryForInputPath } from "../../src/lib/eleventy-lookup.ts";

const templateMapFile = fileURLToPath(
  new URL("./TemplateMap.js", import.meta.resolve("@11ty/eleventy")),
);

/** Eleventy 3.1's own lookup, as TemplateMap.js spells it (the next test checks it still does). */
function scan(map: { inputPath: string }[], inputPath: string) {
  const absoluteInputPath = path.join(process.cwd(), inputPath);
  return map.find(
    (entry) => entry.inputPath === inputPath || entry.inputPath === absoluteInputPath,
  );
}

describe("entryForInputPath", () => {
  it("replaces the scan Eleventy's installed TemplateMap.js still has", () => {
    const source = readFileSync(templateMapFile, "utf8");
    expect(source).toContain(
      "let absoluteInputPath = TemplatePath.absolutePath(inputPath);\n\t\treturn this.map.find((entry) => {\n\t\t\tif (entry.inputPath === inputPath || entry.inputPath === absoluteInputPath) {",
    );
  });

  it("finds what the scan finds, for relative and absolute paths, repeated ones and new entries", () => {
    const relative = ["./content/a.md", "./content/b.md", "content/c.md", "./content/a.md"];
    const map = relative.map((inputPath, n) => ({
      inputPath: n === 2 ? path.join(process.cwd(), "content/b.md") : inputPath,
      n,
    }));
    const asked = [
      "./content/a.md",
      "./content/b.md",
      "content/b.md",
      "content/c.md",
      path.join(process.cwd(), "content/b.md"),
      "./content/missing.md",
    ];
    for (const inputPath of asked) {
      expect(entryForInputPath(map, inputPath), inputPath).toBe(scan(map, inputPath));
    }
    // Entries appended after the first lookup are found too.
    map.push({ inputPath: "./content/new.md", n: 4 });
    expect(entryForInputPath(map, "./content/new.md")).toBe(map[4]);
    expect(entryForInputPath(map, "./content/a.md")).toBe(map[0]);
  });

  it("is the lookup Eleventy's TemplateMap uses", async () => {
    const { default: TemplateMap } = await import(pathToFileURL(templateMapFile).href);
    const map = [{ inputPath: "./content/a.md" }];
    expect(TemplateMap.prototype.getMapEntryForInputPath.call({ map }, "./content/a.md")).toBe(
      map[0],
    );
    expect(TemplateMap.prototype.getMapEntryForInputPath.toString()).toContain("entryForInputPath");
  });
});
