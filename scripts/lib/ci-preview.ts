// What the preview and deploy workflows decide: the preview's address, the pull-request comment, the daily schedule.
import type { DateTime } from "luxon";
import { previewFolder } from "../../src/lib/preview-folder.ts";

/** Hidden in every preview comment, so each run updates the one comment. */
export const COMMENT_MARKER = "<!-- solidarity-digest-preview -->";

export interface AddressInput {
  secret: string;
  /** owner/name */
  repository: string;
  pullRequest: number;
  /** vars.PAGES_URL: the site's address when it is not https://<owner>.github.io/<repo>/ (a custom domain). */
  pagesUrl?: string;
  /** vars.PAGES_BASE_PATH: the path the site is served under, when it differs from PAGES_URL's path. */
  pagesBasePath?: string;
}

export interface PreviewAddress {
  folder: string;
  /** --pathprefix of the preview build, e.g. /repo/preview-…/ */
  pathPrefix: string;
  url: string;
}

/** Where a pull request's preview is published: a folder no one can guess, under the Pages site. */
export function previewAddress(input: AddressInput): PreviewAddress {
  const folder = previewFolder(input.secret, input.repository, input.pullRequest);
  const [owner = "", name = ""] = input.repository.toLowerCase().split("/");
  const trim = (text: string) => text.replace(/\/+$/, "");
  const site = input.pagesUrl
    ? trim(input.pagesUrl)
    : `https://${owner}.github.io${name === `${owner}.github.io` ? "" : `/${name}`}`;
  const basePath = trim(input.pagesBasePath || new URL(`${site}/`).pathname);
  return { folder, pathPrefix: `${basePath}/${folder}/`, url: `${site}/${folder}/` };
}

export type CommentState =
  | { state: "ready"; url: string; sha: string; changes: string }
  | { state: "failed"; sha: string; runUrl: string; reason?: string }
  | { state: "fork" }
  | { state: "removed" };

const short = (sha: string) => sha.slice(0, 7);

const WHO_CAN_SEE =
  "Anyone with this link can open the preview, drafts and embargoed items included: it is not linked from the site, listed or indexed, but share it only with people who may read them.";

/** The text of the one preview comment on a pull request. */
export function previewComment(input: CommentState): string {
  const body = (() => {
    switch (input.state) {
      case "ready":
        return [
          `**Preview** of ${short(input.sha)}: ${input.url}`,
          "",
          `Ready a few minutes after this comment; drafts and scheduled items are shown and marked. ${WHO_CAN_SEE}`,
          "",
          input.changes.trim(),
        ].join("\n");
      case "failed":
        return [
          `**Preview failed** for ${short(input.sha)}: ${input.reason || "the site could not be built."}`,
          "",
          `What went wrong is in the log: ${input.runUrl}`,
          "Run `npm run check` on your computer, fix what it lists, and push again; this comment is updated with the new preview.",
          "Any earlier preview link in this pull request is out of date.",
        ].join("\n");
      case "fork":
        return [
          "**No preview for this pull request**: it comes from a fork, and GitHub does not let workflows started from a fork publish anything or read the repository's secrets.",
          "",
          "The checks still run. A maintainer can push the branch to this repository and open the pull request from there to get a preview.",
        ].join("\n");
      case "removed":
        return "The preview was removed when this pull request was closed.";
    }
  })();
  return `${COMMENT_MARKER}\n${body}\n`;
}

/** The daily build runs at this hour, London time, in summer and winter alike. */
export const DAILY_HOUR = 0;
export const DAILY_ZONE = "Europe/London";

/**
 * Whether the scheduled run started by `cron` (UTC, as GitHub reads it) is the one that falls in
 * DAILY_HOUR in London on this day: the workflow lists one cron for winter and one for summer time.
 * Runs started any other way always go ahead.
 */
export function scheduledRunDue(cron: string | undefined, now: DateTime): boolean {
  if (!cron) return true;
  const hour = Number(cron.trim().split(/\s+/)[1]);
  if (!Number.isInteger(hour))
    throw new Error(`schedule: expected a cron with an hour, got "${cron}"`);
  const offsetHours = now.setZone(DAILY_ZONE).offset / 60;
  return (hour + offsetHours + 24) % 24 === DAILY_HOUR;
}
