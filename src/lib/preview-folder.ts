import { createHmac } from "node:crypto";

/** Previews are published at <site>/preview-<token>/; the live site's robots.txt disallows the prefix. */
export const PREVIEW_FOLDER_PREFIX = "preview-";
export const PREVIEW_FOLDER_PATTERN = /^preview-[0-9a-f]{32}$/;

/**
 * The folder of one pull request's preview: an HMAC of the repository and number under a repository
 * secret, so no one can find a preview without the link from the pull-request comment.
 */
export function previewFolder(secret: string, repository: string, pullRequest: number): string {
  if (secret.trim().length < 32)
    throw new Error(
      `PREVIEW_SECRET: expected a repository secret of at least 32 characters, got ${secret.trim() ? `${secret.trim().length}` : "none"}`,
    );
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
    throw new Error(`repository: expected owner/name, got ${JSON.stringify(repository)}`);
  if (!Number.isInteger(pullRequest) || pullRequest < 1)
    throw new Error(`pull request: expected a positive number, got ${pullRequest}`);
  const token = createHmac("sha256", secret.trim())
    .update(`${repository.toLowerCase()}#${pullRequest}`)
    .digest("hex")
    .slice(0, 32);
  return `${PREVIEW_FOLDER_PREFIX}${token}`;
}
