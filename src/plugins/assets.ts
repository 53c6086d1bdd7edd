import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { copyBeforePages } from "../lib/build-copies.ts";
import { routes } from "../lib/routes.ts";

export interface AssetsOptions {
  /** Folder of the site's own static files. */
  dir?: string;
  /** Files in it published under a name carrying a hash of their content, so they cache for ever. */
  fingerprint?: string[];
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Stylesheets and icons, published with content-hashed names; templates find them in `assets`. */
export default function assets(eleventyConfig: UserConfig, options: AssetsOptions = {}) {
  const { dir = path.join(here, "..", "assets"), fingerprint = ["site.css"] } = options;
  const urls: Record<string, string> = {};
  const copies: Record<string, string> = {};
  for (const name of fingerprint) {
    let source: Buffer;
    try {
      source = readFileSync(path.join(dir, name));
    } catch {
      throw new Error(
        `assets plugin: fingerprint lists "${name}", but ${path.join(dir, name)} does not exist`,
      );
    }
    const hash = createHash("sha256").update(source).digest("hex").slice(0, 10);
    const published = name.replace(/(\.[^.]+)$/, `.${hash}$1`);
    urls[name] = `${routes.assets}${published}`;
    copies[path.join(dir, name)] = `${routes.assets.slice(1)}${published}`;
  }
  copies[path.join(dir, "favicon.svg")] = routes.favicon.slice(1);
  copyBeforePages(eleventyConfig, copies);
  eleventyConfig.addGlobalData("assets", urls);
}
