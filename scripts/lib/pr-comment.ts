// Posts the one preview comment of a pull request, or updates it: found by the hidden marker it starts with.
import { COMMENT_MARKER } from "./ci-preview.ts";

export interface CommentTarget {
  /** https://api.github.com (GITHUB_API_URL) */
  apiUrl: string;
  token: string;
  /** owner/name */
  repository: string;
  issue: number;
  fetch?: typeof fetch;
}

async function call(target: CommentTarget, method: string, path: string, body?: unknown) {
  const response = await (target.fetch ?? fetch)(`${target.apiUrl.replace(/\/+$/, "")}${path}`, {
    method,
    headers: {
      accept: "application/vnd.github+json",
      authorization: `Bearer ${target.token}`,
      "content-type": "application/json",
      "x-github-api-version": "2022-11-28",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(
      `GitHub API ${method} ${path}: expected success, got HTTP ${response.status} ${await response.text()}`,
    );
  return response.json() as Promise<unknown>;
}

/** Updates the comment holding COMMENT_MARKER, else creates one; returns which it did. */
export async function upsertComment(
  target: CommentTarget,
  body: string,
): Promise<"updated" | "created"> {
  const base = `/repos/${target.repository}/issues`;
  for (let page = 1; ; page++) {
    const comments = (await call(
      target,
      "GET",
      `${base}/${target.issue}/comments?per_page=100&page=${page}`,
    )) as { id: number; body?: string }[];
    const mine = comments.find((comment) => comment.body?.includes(COMMENT_MARKER));
    if (mine) {
      await call(target, "PATCH", `${base}/comments/${mine.id}`, { body });
      return "updated";
    }
    if (comments.length < 100) break;
  }
  await call(target, "POST", `${base}/${target.issue}/comments`, { body });
  return "created";
}
