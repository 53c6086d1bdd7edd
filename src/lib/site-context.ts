import path from "node:path";
import type { DateTime } from "luxon";
import { loadSettings, type SiteSettings } from "./settings.ts";
import { buildNow } from "./time.ts";

/** Everything a build depends on besides the content: read once, from the environment. */
export interface SiteContext {
  /** Absolute path of the content folder (CONTENT_DIR, default ./content). */
  contentDir: string;
  settings: SiteSettings;
  /** The one "now" of the build (BUILD_DATE, else the clock), in the site zone. */
  now: DateTime;
  /** Preview builds (PREVIEW=1, and the dev server) include drafts and scheduled items. */
  preview: boolean;
}

const truthy = (value: string | undefined) =>
  value !== undefined && /^(1|true|yes)$/i.test(value.trim());

export function loadSiteContext(env: NodeJS.ProcessEnv = process.env): SiteContext {
  const contentDir = path.resolve(env.CONTENT_DIR ?? "content");
  const settings = loadSettings(contentDir);
  return {
    contentDir,
    settings,
    now: buildNow(settings.timezone, env),
    preview:
      truthy(env.PREVIEW) || env.ELEVENTY_RUN_MODE === "serve" || env.ELEVENTY_RUN_MODE === "watch",
  };
}
