import path from "node:path";
import type { DateTime } from "luxon";
import { checkPathPrefix, resolveDeploy, type Deploy } from "./deploy.ts";
import { defaultCode, makeLanguages, siteLanguageCodes, type Languages } from "./languages.ts";
import { loadSettings, type SiteSettings } from "./settings.ts";
import { loadStrings, REFERENCE, Strings } from "./strings.ts";
import { buildNow } from "./time.ts";

/** Everything a build depends on besides the content: read once, from the environment. */
export interface SiteContext {
  /** Absolute path of the content folder (CONTENT_DIR, default ./content). */
  contentDir: string;
  settings: SiteSettings;
  /** The languages the site publishes in, with their strings (the default first). */
  languages: Languages;
  /** The origin and path prefix of every URL the build writes (`url`, or `--pathprefix`). */
  deploy: Deploy;
  /** The one "now" of the build (BUILD_DATE, else the clock), in the site zone. */
  now: DateTime;
  /** Preview builds (PREVIEW=1, and the dev server) include drafts and scheduled items. */
  preview: boolean;
}

export interface SiteContextOptions {
  /** --pathprefix, which replaces the path of `url` (never adds to it). */
  pathPrefix?: string;
}

/** The deploy settings were wrong: one line per setting, naming it, nothing else to show. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

const truthy = (value: string | undefined) =>
  value !== undefined && /^(1|true|yes)$/i.test(value.trim());

/**
 * Reads the settings, the path prefix and BUILD_DATE, checking all three up front: a SettingsError
 * lists every one that is wrong.
 */
export function loadSiteContext(
  env: NodeJS.ProcessEnv = process.env,
  options: SiteContextOptions = {},
): SiteContext {
  const contentDir = path.resolve(env.CONTENT_DIR ?? "content");
  const problems: string[] = [];
  let settings: SiteSettings | undefined;
  try {
    settings = loadSettings(contentDir);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (options.pathPrefix !== undefined) {
    const prefix = checkPathPrefix(options.pathPrefix);
    if (!prefix.ok) problems.push(`--pathprefix: expected ${prefix.expected}`);
  }
  let now: DateTime | undefined;
  try {
    // Without valid settings the zone is unknown: BUILD_DATE's form is still worth checking.
    now = buildNow(settings?.timezone ?? "UTC", env);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const languages = settings && siteLanguages(contentDir, settings, problems);
  if (problems.length || !settings || !now || !languages)
    throw new SettingsError(problems.join("\n"));
  return {
    contentDir,
    settings,
    languages,
    deploy: resolveDeploy(settings.url, options.pathPrefix),
    now,
    preview:
      truthy(env.PREVIEW) || env.ELEVENTY_RUN_MODE === "serve" || env.ELEVENTY_RUN_MODE === "watch",
  };
}

/** The languages of site.yml with their strings; a string missing in any of them is a problem. */
function siteLanguages(contentDir: string, settings: SiteSettings, problems: string[]) {
  const main = defaultCode(settings);
  const codes = siteLanguageCodes(settings);
  const loaded = loadStrings(contentDir, codes);
  // A site in one language with no strings of its own keeps the English interface it always had.
  const alone = codes.length === 1 && loaded.strings.get(main)!.table.size === 0;
  if (alone && main !== REFERENCE) {
    const english = loadStrings(contentDir, [REFERENCE]);
    problems.push(...english.problems);
    return makeLanguages(settings, () => english.strings.get(REFERENCE)!);
  }
  problems.push(...loaded.problems);
  return makeLanguages(
    settings,
    (code) => loaded.strings.get(code) ?? new Strings(code, new Map()),
  );
}
