// The branch that stores every open pull request's preview, one folder each: updated with retries, read when it may not exist.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface BranchOptions {
  /** A git checkout whose `remote` (with its credentials) holds the branch. */
  repo: string;
  branch: string;
  remote?: string;
  /** Tries before giving up when other pushes keep moving the branch. */
  attempts?: number;
  log?: (line: string) => void;
  /** Waits `ms` before trying again on the branch's new tip (tests need not wait). */
  pause?: (ms: number) => void;
  /** Called before each push (tests move the branch here to prove the retry). */
  beforePush?: (attempt: number) => void;
}

const BOT = [
  "-c",
  "user.name=github-actions[bot]",
  "-c",
  "user.email=41898282+github-actions[bot]@users.noreply.github.com",
];

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

function branchExists({ repo, branch, remote = "origin" }: BranchOptions): boolean {
  try {
    git(repo, "ls-remote", "--exit-code", "--heads", remote, branch);
    return true;
  } catch (error) {
    // ls-remote exits 2 when the remote answers but has no such branch; anything else is a real failure.
    if ((error as { status?: number }).status === 2) return false;
    throw error;
  }
}

/** Runs `work` in a throw-away worktree of `repo`, so the checkout itself is never touched. */
function inWorktree<T>(repo: string, work: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), "previews-"));
  git(repo, "worktree", "add", "--detach", "--quiet", dir);
  try {
    return work(dir);
  } finally {
    git(repo, "worktree", "remove", "--force", dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Puts the worktree at the branch's latest commit (one commit deep: its history is not needed). */
function checkOutTip(dir: string, remote: string, branch: string): void {
  git(dir, "fetch", "--quiet", "--depth=1", remote, branch);
  git(dir, "checkout", "--quiet", "--force", "--detach", "FETCH_HEAD");
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Makes `folder` on the branch hold exactly `from` (or removes it when `from` is null), on top of the
 * branch's latest commit: when another run pushed first, the change is made again on the new tip.
 * Never force-pushes, so one pull request's update never wipes another's folder.
 */
export function updateFolder(
  options: BranchOptions & { folder: string; from: string | null; message: string },
): "pushed" | "unchanged" | "absent" {
  const { repo, branch, remote = "origin", attempts = 5, folder, from, message } = options;
  const log = options.log ?? (() => undefined);
  const pause = options.pause ?? sleep;
  if (!/^[\w.-]+$/.test(folder) || folder.startsWith("."))
    throw new Error(`folder: expected one folder name, got ${JSON.stringify(folder)}`);
  return inWorktree(repo, (dir) => {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (!branchExists(options)) {
        if (from === null) return "absent";
        git(dir, "checkout", "--quiet", "--orphan", `${branch}-new`);
        git(dir, "rm", "-r", "--quiet", "--cached", "--ignore-unmatch", ".");
        for (const name of readdirSync(dir))
          if (name !== ".git") rmSync(path.join(dir, name), { recursive: true, force: true });
      } else {
        checkOutTip(dir, remote, branch);
      }
      const target = path.join(dir, folder);
      if (from === null && !existsSync(target)) return "absent";
      rmSync(target, { recursive: true, force: true });
      if (from !== null) cpSync(from, target, { recursive: true });
      git(dir, "add", "--all", "--", folder);
      try {
        git(dir, "diff", "--cached", "--quiet");
        return "unchanged";
      } catch {
        // Staged changes: commit them.
      }
      git(dir, ...BOT, "commit", "--quiet", "-m", message);
      options.beforePush?.(attempt);
      try {
        git(dir, "push", "--quiet", remote, `HEAD:refs/heads/${branch}`);
        return "pushed";
      } catch (error) {
        if (attempt === attempts) throw error;
        log(
          `${branch} moved while this run worked (attempt ${attempt} of ${attempts}); trying again on its new tip.`,
        );
        pause(1000 * attempt + Math.floor(Math.random() * 1000));
      }
    }
    throw new Error(`${branch}: could not push after ${attempts} attempts`);
  });
}

/** Copies the branch's folders whose names match `pattern` into `into`; none when the branch does not exist. */
export function copyFolders(options: BranchOptions & { into: string; pattern: RegExp }): string[] {
  const { repo, branch, remote = "origin", into, pattern } = options;
  if (!branchExists(options)) return [];
  return inWorktree(repo, (dir) => {
    checkOutTip(dir, remote, branch);
    const folders = readdirSync(dir).filter((name) => pattern.test(name));
    for (const name of folders)
      cpSync(path.join(dir, name), path.join(into, name), { recursive: true });
    return folders.sort();
  });
}
