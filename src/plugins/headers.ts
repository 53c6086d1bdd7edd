import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { copyBeforePages } from "../lib/build-copies.ts";
import { routes } from "../lib/routes.ts";

export interface HeadersOptions {
  /** The _headers file to publish at the site root. */
  file?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Publishes `_headers` (security headers for hosts that read it) at the root of the output. */
export default function headers(eleventyConfig: UserConfig, options: HeadersOptions = {}) {
  const { file = path.join(here, "..", "assets", "_headers") } = options;
  if (typeof file !== "string" || !existsSync(file)) {
    throw new Error(
      `headers plugin: file must be an existing _headers file, got ${JSON.stringify(file)}`,
    );
  }
  copyBeforePages(eleventyConfig, { [file]: routes.headers.slice(1) });
}
