import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { PREVIEW_FOLDER_PATTERN, previewFolder } from "../../src/lib/preview-folder.ts";
import {
  COMMENT_MARKER,
  previewAddress,
  previewComment,
  scheduledRunDue,
} from "../../scripts/lib/ci-preview.ts";
import { upsertComment } from "../../scripts/lib/pr-comment.ts";
import { copyFolders, updateFolder } from "../../scripts/lib/previews-branch.ts";
import { listFiles } from "../helpers/files.ts";
import { repoRoot, runScript, runScriptCli } from "../helpers/fixture.ts";

const SECRET = "s3cret-s3cret-s3cret-s3cret-s3cret";

describe("the preview's address", () => {
  it("is an HMAC folder per pull request that changes with the secret and cannot be made without one", () => {
    const seven = previewFolder(SECRET, "Org/Digest", 7);
    expect(seven).toMatch(PREVIEW_FOLDER_PATTERN);
    expect(previewFolder(SECRET, "org/digest", 7)).toBe(seven);
    expect(previewFolder(SECRET, "org/digest", 8)).not.toBe(seven);
    expect(previewFolder(`${SECRET}x`, "org/digest", 7)).not.toBe(seven);
    const hmac = createHmac("sha256", SECRET).update("org/digest#7").digest("hex");
    expect(seven).toBe(`preview-${hmac.slice(0, 32)}`);
    expect(() => previewFolder("", "org/digest", 7)).toThrow(
      "PREVIEW_SECRET: expected a repository secret of at least 32 characters, got none",
    );
    expect(() => previewFolder("short", "org/digest", 7)).toThrow("got 5");
  });

  it("lives under the Pages site: project site, user site, custom domain", () => {
    const folder = previewFolder(SECRET, "org/digest", 7);
    const at = (extra: object, repository = "org/digest") =>
      previewAddress({ secret: SECRET, repository, pullRequest: 7, ...extra });
    expect(at({})).toEqual({
      folder,
      pathPrefix: `/digest/${folder}/`,
      url: `https://org.github.io/digest/${folder}/`,
    });
    const user = previewFolder(SECRET, "org/org.github.io", 7);
    expect(at({}, "org/org.github.io")).toEqual({
      folder: user,
      pathPrefix: `/${user}/`,
      url: `https://org.github.io/${user}/`,
    });
    expect(at({ pagesUrl: "https://digest.example.org/" })).toMatchObject({
      pathPrefix: `/${folder}/`,
      url: `https://digest.example.org/${folder}/`,
    });
    expect(at({ pagesUrl: "https://example.org/news", pagesBasePath: "/news/" })).toMatchObject({
      pathPrefix: `/news/${folder}/`,
      url: `https://example.org/news/${folder}/`,
    });
  });
});

describe("the preview comment", () => {
  it("gives the link, the commit, who can see it and the changed pages when ready", () => {
    const text = previewComment({
      state: "ready",
      url: "https://org.github.io/digest/preview-abc/",
      sha: "0123456789abcdef",
      changes: "**Added** (1)\n- /articles/new/\n",
    });
    expect(
      text.startsWith(
        `${COMMENT_MARKER}\n**Preview** of 0123456: https://org.github.io/digest/preview-abc/\n`,
      ),
    ).toBe(true);
    expect(text).toContain(
      "Anyone with this link can open the preview, drafts and embargoed items included",
    );
    expect(text).toContain("**Added** (1)\n- /articles/new/\n");
  });

  it("says a failed preview failed, with the log, and drops the link", () => {
    const text = previewComment({
      state: "failed",
      sha: "0123456789abcdef",
      runUrl: "https://github.com/org/digest/actions/runs/42",
      reason: "",
    });
    expect(text).toContain("**Preview failed** for 0123456: the site could not be built.");
    expect(text).toContain(
      "What went wrong is in the log: https://github.com/org/digest/actions/runs/42",
    );
    expect(text).toContain("Any earlier preview link in this pull request is out of date.");
    expect(text).not.toContain("preview-");
  });

  it("tells a fork why it has no preview, and a closed pull request that its preview is gone", () => {
    expect(previewComment({ state: "fork" })).toContain(
      "**No preview for this pull request**: it comes from a fork",
    );
    expect(previewComment({ state: "removed" })).toBe(
      `${COMMENT_MARKER}\nThe preview was removed when this pull request was closed.\n`,
    );
  });

  it("updates the comment holding the marker, looking through every page, else creates one", async () => {
    const calls: string[] = [];
    const comments = Array.from({ length: 150 }, (_, i) => ({
      id: i + 1,
      body: i === 120 ? `${COMMENT_MARKER}\nold` : `comment ${i}`,
    }));
    const fake = (withMarker: boolean) =>
      (async (url: string, init?: RequestInit) => {
        const { pathname, searchParams } = new URL(url);
        calls.push(`${init?.method} ${pathname}${searchParams.size ? `?${searchParams}` : ""}`);
        expect(new Headers(init?.headers).get("authorization")).toBe("Bearer t0ken");
        const page = Number(searchParams.get("page") ?? 1);
        const list = (withMarker ? comments : comments.map((c) => ({ ...c, body: "x" }))).slice(
          (page - 1) * 100,
          page * 100,
        );
        return new Response(JSON.stringify(init?.method === "GET" ? list : {}), { status: 200 });
      }) as typeof fetch;
    const target = {
      apiUrl: "https://api.test/",
      token: "t0ken",
      repository: "org/digest",
      issue: 7,
    };

    expect(await upsertComment({ ...target, fetch: fake(true) }, "new")).toBe("updated");
    expect(calls).toEqual([
      "GET /repos/org/digest/issues/7/comments?per_page=100&page=1",
      "GET /repos/org/digest/issues/7/comments?per_page=100&page=2",
      "PATCH /repos/org/digest/issues/comments/121",
    ]);
    calls.length = 0;
    expect(await upsertComment({ ...target, fetch: fake(false) }, "new")).toBe("created");
    expect(calls.at(-1)).toBe("POST /repos/org/digest/issues/7/comments");

    const refusing = (async () => new Response("Bad credentials", { status: 401 })) as typeof fetch;
    await expect(upsertComment({ ...target, fetch: refusing }, "new")).rejects.toThrow(
      "expected success, got HTTP 401 Bad credentials",
    );
  });
});

describe("the daily build", () => {
  const crons = (
    parse(readFileSync(path.join(repoRoot, ".github/workflows/deploy.yml"), "utf8")) as {
      on: { schedule: { cron: string }[] };
    }
  ).on.schedule.map((s) => s.cron);

  it("runs once on every London day of the year, at 00:20 London time, in both seasons", () => {
    expect(crons).toEqual(["20 0 * * *", "20 23 * * *"]);
    const londonTimes: string[] = [];
    for (let day = DateTime.utc(2026, 1, 1); day.year === 2026; day = day.plus({ days: 1 })) {
      for (const cron of crons) {
        const [minute, hour] = cron.split(" ").map(Number);
        const start = day.set({ hour, minute });
        if (scheduledRunDue(cron, start))
          londonTimes.push(start.setZone("Europe/London").toFormat("yyyy-MM-dd HH:mm"));
      }
    }
    const days = londonTimes.map((t) => t.slice(0, 10));
    expect(new Set(days).size).toBe(days.length);
    expect(londonTimes.every((t) => t.endsWith(" 00:20"))).toBe(true);
    // 1 January's summer-time run would have been on 31 December 2025; every other day of 2026 has its run.
    expect(days.length).toBeGreaterThanOrEqual(364);
    expect(days).toContain("2026-03-29"); // the night the clocks go forward
    expect(days).toContain("2026-10-25"); // and back
  });

  it("still runs when GitHub starts it late, and always when started by hand", () => {
    expect(scheduledRunDue("20 23 * * *", DateTime.utc(2026, 7, 15, 0, 50))).toBe(true);
    expect(scheduledRunDue("20 0 * * *", DateTime.utc(2026, 7, 15, 0, 50))).toBe(false);
    expect(scheduledRunDue("20 0 * * *", DateTime.utc(2026, 1, 15, 1, 10))).toBe(true);
    expect(scheduledRunDue(undefined, DateTime.utc(2026, 1, 15, 13, 0))).toBe(true);
  });
});

/** A repository with a bare "origin", as actions/checkout leaves it. */
function gitRepo(): {
  repo: string;
  origin: string;
  git: (cwd: string, ...args: string[]) => string;
} {
  const root = mkdtempSync(path.join(tmpdir(), "previews-test-"));
  const git = (cwd: string, ...args: string[]) =>
    execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@example.org", ...args], {
      cwd,
      encoding: "utf8",
    });
  const origin = path.join(root, "origin.git");
  const repo = path.join(root, "repo");
  git(root, "init", "--quiet", "--bare", origin);
  git(root, "init", "--quiet", repo);
  writeFileSync(path.join(repo, "README.md"), "the project\n");
  git(repo, "add", ".");
  git(repo, "commit", "--quiet", "-m", "start");
  git(repo, "remote", "add", "origin", origin);
  return { repo, origin, git };
}

function siteFolder(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "previews-site-"));
  mkdirSync(path.join(dir, "articles"));
  writeFileSync(path.join(dir, "index.html"), text);
  writeFileSync(path.join(dir, "articles", "index.html"), `${text} articles`);
  return dir;
}

const treeOf = (git: (cwd: string, ...args: string[]) => string, origin: string) =>
  git(origin, "ls-tree", "-r", "--name-only", "pr-previews").trim().split("\n");

// Each case runs dozens of git commands, whose speed depends on the machine's load: wait for them, however long.
describe("the previews branch", { timeout: 900_000 }, () => {
  const A = `preview-${"a".repeat(32)}`;
  const B = `preview-${"b".repeat(32)}`;

  it("has nothing to remove or copy when it does not exist yet, and creates nothing", () => {
    const { repo, origin, git } = gitRepo();
    const options = { repo, branch: "pr-previews" };
    expect(updateFolder({ ...options, folder: A, from: null, message: "rm" })).toBe("absent");
    const into = mkdtempSync(path.join(tmpdir(), "site-"));
    expect(copyFolders({ ...options, into, pattern: PREVIEW_FOLDER_PATTERN })).toEqual([]);
    expect(listFiles(into)).toEqual([]);
    expect(git(origin, "branch", "--list")).toBe("");
  });

  it("keeps both pull requests' previews when another push lands first, and never rewrites history", () => {
    const { repo, origin, git } = gitRepo();
    // No wait before the retry: the retry itself is what is checked.
    const options = { repo, branch: "pr-previews", log: () => undefined, pause: () => undefined };
    expect(updateFolder({ ...options, folder: A, from: siteFolder("A1"), message: "A1" })).toBe(
      "pushed",
    );
    const first = git(origin, "rev-parse", "pr-previews").trim();

    // While B's run works, A's next run pushes: B's first push is refused and B tries again on the new tip.
    const attempts: number[] = [];
    const result = updateFolder({
      ...options,
      folder: B,
      from: siteFolder("B1"),
      message: "B1",
      beforePush: (attempt) => {
        attempts.push(attempt);
        if (attempt === 1)
          expect(
            updateFolder({ ...options, folder: A, from: siteFolder("A2"), message: "A2" }),
          ).toBe("pushed");
      },
    });
    expect(result).toBe("pushed");
    expect(attempts).toEqual([1, 2]);
    expect(treeOf(git, origin)).toEqual([
      `${A}/articles/index.html`,
      `${A}/index.html`,
      `${B}/articles/index.html`,
      `${B}/index.html`,
    ]);
    expect(git(origin, "show", `pr-previews:${A}/index.html`)).toBe("A2");
    expect(git(origin, "log", "--format=%s", "pr-previews").trim().split("\n")).toEqual([
      "B1",
      "A2",
      "A1",
    ]);
    expect(git(origin, "merge-base", "--is-ancestor", first, "pr-previews")).toBe("");

    expect(updateFolder({ ...options, folder: B, from: siteFolder("B1"), message: "again" })).toBe(
      "unchanged",
    );
    expect(updateFolder({ ...options, folder: A, from: null, message: "rm A" })).toBe("pushed");
    expect(updateFolder({ ...options, folder: A, from: null, message: "rm A" })).toBe("absent");
    expect(treeOf(git, origin)).toEqual([`${B}/articles/index.html`, `${B}/index.html`]);
    // The checkout the workflow started from is left as it was.
    expect(git(repo, "status", "--porcelain")).toBe("");
    expect(git(repo, "worktree", "list").trim().split("\n")).toHaveLength(1);
  });

  it("copies only preview folders into the site", () => {
    const { repo, origin, git } = gitRepo();
    const options = { repo, branch: "pr-previews" };
    updateFolder({ ...options, folder: A, from: siteFolder("A"), message: "A" });
    updateFolder({
      ...options,
      folder: "pr-7",
      from: siteFolder("old style"),
      message: "guessable",
    });
    expect(treeOf(git, origin)).toHaveLength(4);
    const into = mkdtempSync(path.join(tmpdir(), "site-"));
    expect(copyFolders({ ...options, into, pattern: PREVIEW_FOLDER_PATTERN })).toEqual([A]);
    expect(listFiles(into)).toEqual([`${A}/articles/index.html`, `${A}/index.html`]);
  });

  it("as the workflow runs it: unpublish with no branch, and with no secret, exits 0 saying why", async () => {
    const { repo } = gitRepo();
    const env = { PREVIEW_SECRET: SECRET, GITHUB_REPOSITORY: "org/digest", PR: "7" };
    const missing = await runScript(repo, "ci.ts", ["unpublish", "--repo", repo], { env });
    expect(missing.code, missing.stderr).toBe(0);
    expect(missing.stdout).toContain(
      "Nothing to remove: pr-previews has no preview of pull request #7.",
    );
    const noSecret = await runScript(repo, "ci.ts", ["unpublish"], {
      env: { ...env, PREVIEW_SECRET: "" },
    });
    expect(noSecret.stdout).toContain("No PREVIEW_SECRET, so no preview was ever published");
    // As the workflow runs it, in a child process: its failure is one line and exit code 1.
    const address = await runScriptCli(repo, "ci.ts", ["address"], {
      env: { ...env, PREVIEW_SECRET: "" },
    });
    expect(address.code).toBe(1);
    expect(address.stderr.trim()).toBe(
      "PREVIEW_SECRET: expected a repository secret of at least 32 characters, got none",
    );
    const output = path.join(repo, "..", "github-output");
    const scheduled = await runScript(repo, "ci.ts", ["scheduled"], {
      env: { SCHEDULE: "", GITHUB_OUTPUT: output },
    });
    expect(scheduled.code).toBe(0);
    expect(readFileSync(output, "utf8")).toBe("due=true\n");
  });
});
