import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder, wherever the command is run from. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Writes a site's content/ under `dir`: `files` maps paths under content/ to their text (or bytes),
 * `settings` becomes content/_data/site.yml. The section data files come from the repository, so
 * fixtures build as the real site does. Returns the content folder.
 */
export function writeSite(
  dir: string,
  files: Record<string, string | Buffer>,
  settings: string | Buffer,
): string {
  const content = path.join(dir, "content");
  mkdirSync(path.join(content, "_data"), { recursive: true });
  writeFileSync(path.join(content, "_data", "site.yml"), settings);
  for (const section of ["articles", "actions", "pages"]) {
    mkdirSync(path.join(content, section), { recursive: true });
    const data = path.join(repoRoot, "content", section, `${section}.11tydata.ts`);
    if (existsSync(data)) cpSync(data, path.join(content, section, `${section}.11tydata.ts`));
  }
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(content, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return content;
}
