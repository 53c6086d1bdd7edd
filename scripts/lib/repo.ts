import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder, wherever the command is run from. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Writes a site's content/ under `dir`: `files` maps paths under content/ to their text (or bytes),
 * `settings` becomes content/_data/site.yml. Returns the content folder.
 */
export function writeSite(
  dir: string,
  files: Record<string, string | Buffer>,
  settings: string | Buffer,
): string {
  const content = path.join(dir, "content");
  mkdirSync(path.join(content, "_data"), { recursive: true });
  writeFileSync(path.join(content, "_data", "site.yml"), settings);
  for (const section of ["articles", "actions", "pages"])
    mkdirSync(path.join(content, section), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(content, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return content;
}
