// The logic of the GitHub workflows, as commands they run (and tests run too): see .github/workflows/.
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { routes } from "../src/lib/routes.ts";
import { PREVIEW_FOLDER_PATTERN, previewFolder } from "../src/lib/preview-folder.ts";
import { parseCli, printers, runIfEntry, userPath, type CommandIo } from "./lib/cli.ts";
import { previewAddress, previewComment, scheduledRunDue } from "./lib/ci-preview.ts";
import { copyFolders, updateFolder } from "./lib/previews-branch.ts";
import { upsertComment } from "./lib/pr-comment.ts";

const USAGE = `Usage: tsx scripts/ci.ts COMMAND
  address                               preview folder, path prefix and URL of pull request $PR (into $GITHUB_ENV)
  comment ready|failed|fork|removed     the preview comment (--changes FILE, --url, --sha, --run-url, --reason)
  post-comment FILE                     post FILE as the preview comment of $PR, or update the one there ($GITHUB_TOKEN)
  publish DIR                           make the preview folder of $PR on the previews branch hold DIR (--branch, --repo)
  unpublish                             remove the preview folder of $PR, if the secret, branch and folder exist
  add-previews SITE_DIR                 copy every preview folder of the previews branch into SITE_DIR
  prune-images SITE_DIR                 remove from .cache/images/ the encodes the site built in SITE_DIR does not use
  scheduled                             whether this run ($SCHEDULE, the cron that started it) is today's daily build`;

/** Appends name=value lines to a GitHub file ($GITHUB_ENV, $GITHUB_OUTPUT), or prints them. */
function emit(io: CommandIo, file: string | undefined, values: Record<string, string>): void {
  const text = Object.entries(values)
    .map(([name, value]) => `${name}=${value}\n`)
    .join("");
  if (file) appendFileSync(path.resolve(io.cwd, file), text);
  else io.stdout.write(text);
}

async function ci(argv: string[], io: CommandIo): Promise<number> {
  const { env } = io;
  const print = printers(io);
  /** The pull request this run is for, as the workflows pass it. */
  const pullRequest = {
    secret: env.PREVIEW_SECRET ?? "",
    repository: env.GITHUB_REPOSITORY ?? "",
    pullRequest: Number(env.PR),
  };
  const cli = parseCli(
    {
      changes: { type: "string" },
      url: { type: "string" },
      sha: { type: "string" },
      "run-url": { type: "string" },
      reason: { type: "string" },
      branch: { type: "string", default: "pr-previews" },
      repo: { type: "string", default: "." },
      help: { type: "boolean" },
    },
    USAGE,
    argv,
    io,
  );
  if (cli === "help") return 0;
  if (!cli) return 2;
  const { values } = cli;
  const [command, ...args] = cli.positionals;
  const branch = { repo: userPath(io, values.repo!), branch: values.branch!, log: print.log };
  switch (values.help ? "help" : command) {
    case "address": {
      const address = previewAddress({
        ...pullRequest,
        pagesUrl: env.PAGES_URL || undefined,
        pagesBasePath: env.PAGES_BASE_PATH || undefined,
      });
      // Keeps the unguessable part out of the public log.
      if (env.GITHUB_ACTIONS === "true") print.log(`::add-mask::${address.folder}`);
      emit(io, env.GITHUB_ENV, {
        PREVIEW_FOLDER: address.folder,
        PATH_PREFIX: address.pathPrefix,
        PREVIEW_URL: address.url,
      });
      return 0;
    }
    case "comment": {
      const state = args[0];
      const sha = values.sha ?? env.GITHUB_SHA ?? "";
      const runUrl = values["run-url"] ?? "";
      if (state === "ready")
        io.stdout.write(
          previewComment({
            state,
            sha,
            url: values.url ?? "",
            changes: values.changes ? readFileSync(userPath(io, values.changes), "utf8") : "",
          }),
        );
      else if (state === "failed")
        io.stdout.write(previewComment({ state, sha, runUrl, reason: values.reason }));
      else if (state === "fork" || state === "removed") io.stdout.write(previewComment({ state }));
      else {
        print.error(
          `comment: expected ready, failed, fork or removed, got ${JSON.stringify(state ?? "")}`,
        );
        return 2;
      }
      return 0;
    }
    case "post-comment": {
      if (!args[0]) break;
      const done = await upsertComment(
        {
          apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
          token: env.GITHUB_TOKEN ?? "",
          repository: pullRequest.repository,
          issue: pullRequest.pullRequest,
        },
        readFileSync(userPath(io, args[0]), "utf8"),
      );
      print.log(`Preview comment ${done}.`);
      return 0;
    }
    case "publish":
    case "unpublish": {
      const from = command === "publish" ? args[0] : null;
      if (from === undefined) break;
      if (from === null && !env.PREVIEW_SECRET?.trim()) {
        print.log("No PREVIEW_SECRET, so no preview was ever published: nothing to remove.");
        return 0;
      }
      const result = updateFolder({
        ...branch,
        folder: previewFolder(pullRequest.secret, pullRequest.repository, pullRequest.pullRequest),
        from: from && userPath(io, from),
        message: from
          ? `Preview of pull request #${env.PR}`
          : `Remove the preview of pull request #${env.PR}`,
      });
      print.log(
        {
          pushed: `${values.branch} updated.`,
          unchanged: `${values.branch} already held this preview.`,
          absent: `Nothing to remove: ${values.branch} has no preview of pull request #${env.PR}.`,
        }[result],
      );
      return 0;
    }
    case "add-previews": {
      if (!args[0]) break;
      const folders = copyFolders({
        ...branch,
        into: userPath(io, args[0]),
        pattern: PREVIEW_FOLDER_PATTERN,
      });
      print.log(`${folders.length} preview${folders.length === 1 ? "" : "s"} added.`);
      return 0;
    }
    case "prune-images": {
      if (!args[0]) break;
      // A site with no pictures has no /img/; a wrong folder must not empty the cache.
      if (!existsSync(path.join(userPath(io, args[0]), "index.html"))) {
        print.error(`prune-images: expected a built site in ${args[0]}, found no index.html`);
        return 1;
      }
      // The image pipeline loads only for this command.
      const { imageCacheDir, pruneImageCache } = await import("../src/lib/images.ts");
      const cache = imageCacheDir(path.resolve(io.cwd, env.CONTENT_DIR ?? "content"));
      const { kept, removed } = pruneImageCache(cache, userPath(io, args[0]));
      print.log(
        `Image cache: ${kept} encodes kept, ${removed} no longer used removed (${path.relative(io.cwd, cache)}/, used in ${routes.images}).`,
      );
      return 0;
    }
    case "scheduled": {
      const due = scheduledRunDue(env.SCHEDULE || undefined, DateTime.utc());
      if (!due) print.log(`Not today's daily build (${env.SCHEDULE} is the other season's run).`);
      emit(io, env.GITHUB_OUTPUT, { due: String(due) });
      return 0;
    }
    case "help":
      print.log(USAGE);
      return 0;
  }
  print.error(USAGE);
  return 2;
}

/** The workflows' command; a failure prints its message alone and exits 1. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  try {
    return await ci(argv, io);
  } catch (error) {
    printers(io).error((error as Error).message);
    return 1;
  }
}

await runIfEntry(import.meta, main);
