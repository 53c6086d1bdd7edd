import { readdirSync } from "node:fs";
import path from "node:path";
import { readFolder, shownPath, type ContentError } from "./content.ts";
import { SECTIONS } from "./schema.ts";
import { slugify } from "./slug.ts";

/** The only files content/_data/ may hold. */
export const DATA_FILES = ["site.yml"];

/** Picture files by extension; whether one really is a picture is checked by its content when used. */
export const IMAGE_EXTENSIONS = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"];

/** Hidden files and folders (".DS_Store", ".git"): never read, never published. */
export const isHidden = (name: string) => name.startsWith(".");

const CLEAN_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;

/**
 * The clean name closest to `name` ("Café Night!.md" → "cafe-night.md"), or null when nothing is
 * left: the one slug rule (src/lib/slug.ts) that tags and `npm run new` use.
 */
export function cleanName(name: string): string | null {
  // Already clean (most names): slugify would give it back unchanged.
  if (CLEAN_NAME.test(name)) return name;
  const stem = slugify(name.replace(/\.md$/i, ""));
  return stem ? `${stem}.md` : null;
}

/**
 * Everything under content/ that is neither a section's Markdown, a section's defaults file, a
 * picture, nor a file of content/_data/ the site reads: each is refused by name, so that nothing
 * unchecked is built and no code from content/ runs. Also refuses Markdown file names that would not
 * make a clean URL. Hidden files and folders are ignored.
 */
export function checkContentTree(contentDir: string, languages: string[] = []): ContentError[] {
  const errors: ContentError[] = [];
  const refuse = (full: string, field: string, message: string) =>
    errors.push({ file: shownPath(contentDir, full), field, message });
  const sectionList = SECTIONS.map((s) => `content/${s}/`).join(", ");
  const walk = (dir: string, section: string | null, top: boolean) => {
    // A broken or looping link is no folder: reading it reports why (Markdown), or it is refused below.
    for (const { name, full, link, isDirectory } of readFolder(dir, contentDir)) {
      if (link) {
        refuse(
          full,
          "file",
          `expected a file or folder inside content/, got ${link} (put the real file here instead)`,
        );
        continue;
      }
      if (top && name === "_data") {
        if (!isDirectory) refuse(full, "file", "expected a folder of settings, got a file");
        else
          for (const data of readdirSync(full).sort()) {
            if (isHidden(data) || DATA_FILES.includes(data)) continue;
            // A language's own interface strings: content/_data/i18n/<code>.yml (src/lib/strings.ts).
            if (data === "i18n") {
              let files: string[] = [];
              try {
                files = readdirSync(path.join(full, data)).sort();
              } catch {
                refuse(
                  path.join(full, data),
                  "file",
                  "expected a folder of strings files, got a file",
                );
              }
              for (const file of files) {
                if (isHidden(file) || languages.some((code) => file === `${code}.yml`)) continue;
                refuse(
                  path.join(full, data, file),
                  "file",
                  `expected the interface strings of one of the site's languages in content/_data/i18n/ (${languages.map((code) => `${code}.yml`).join(", ")}), got a file the site does not read (rename or remove it)`,
                );
              }
              continue;
            }
            refuse(
              path.join(full, data),
              "file",
              `expected only ${DATA_FILES.join(", ")} in content/_data/, got a file the site does not read (remove it)`,
            );
          }
        continue;
      }
      const inSection =
        section ?? (top && (SECTIONS as readonly string[]).includes(name) ? name : null);
      if (isDirectory) {
        walk(full, inSection, false);
        continue;
      }
      const extension = path.extname(name).toLowerCase();
      if (IMAGE_EXTENSIONS.includes(extension)) continue;
      if (extension === ".md" && section) {
        const fixed = cleanName(name);
        if (fixed !== name) {
          refuse(
            full,
            "file name",
            `expected a name of lower-case letters, digits and hyphens, with no accents (it is the page's address), got ${JSON.stringify(name)}${fixed ? `; rename it ${fixed}` : ""}`,
          );
        }
        continue;
      }
      refuse(
        full,
        "file",
        extension === ".md"
          ? `expected Markdown only in ${sectionList}, got a file outside them (move it into one, or out of content/)`
          : `expected Markdown in ${sectionList} or a picture (${IMAGE_EXTENSIONS.join(", ")}), got ${extension ? `a ${extension} file` : "a file without an extension"} (nothing else is published: move it out of content/)`,
      );
    }
  };
  walk(contentDir, null, true);
  return errors;
}
