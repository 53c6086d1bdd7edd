import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixture.ts";

const dir = path.join(repoRoot, ".github", "workflows");
const read = (name: string) => readFileSync(path.join(dir, name), "utf8");
const errorsOf = (source: string) => validateWorkflow(source).errors;

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  steps: Step[];
  if?: string;
  environment?: unknown;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  concurrency?: unknown;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}
const workflow = (name: string) => parse(read(name)) as Workflow;
const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((job) => job.steps);
const uses = (wf: Workflow) => steps(wf).flatMap((s) => (s.uses ? [s.uses] : []));
const runs = (wf: Workflow) =>
  steps(wf)
    .flatMap((s) => (s.run ? [s.run] : []))
    .join("\n");

describe("GitHub Actions workflows", () => {
  it("are exactly ci, deploy and preview, and each passes the workflow schema", () => {
    const files = readdirSync(dir).sort();
    expect(files).toEqual(["ci.yml", "deploy.yml", "preview.yml"]);
    for (const file of files) expect(errorsOf(read(file)), file).toEqual([]);
  });

  it("the validator fails a workflow with a typo (so the test above can fail)", () => {
    const typo = read("ci.yml").replace("runs-on:", "runs_on:");
    expect(typo).not.toBe(read("ci.yml"));
    expect(errorsOf(typo).length).toBeGreaterThan(0);
    const broken = `name: Broken
on:
  pull_request:
    types: [opend]
jobs:
  test:
    runs-on: ubuntu-latest
    step:
      - run: npm test
`;
    expect(errorsOf(broken).length).toBeGreaterThan(0);
    expect(errorsOf("on: push\njobs: [\n").length).toBeGreaterThan(0);
  });

  it("ci runs npm ci, check and the tests on every push and pull request", () => {
    const ci = workflow("ci.yml");
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
    const commands = runs(ci);
    for (const command of ["npm ci", "npm run check", "npm test", "apt-get install -y chromium"])
      expect(commands).toContain(command);
    expect(commands.indexOf("npm ci")).toBeLessThan(commands.indexOf("npm run check"));
  });

  it("deploy publishes only a commit CI passed, after successful previews, daily, and keeps the schedule alive", () => {
    const deploy = workflow("deploy.yml");
    const text = read("deploy.yml");
    expect(deploy.on).toMatchObject({
      workflow_run: { workflows: ["CI", "Preview"], types: ["completed"] },
      schedule: [{ cron: "20 0 * * *" }, { cron: "20 23 * * *" }],
    });
    expect(deploy.on).not.toHaveProperty("push");
    const build = deploy.jobs.build!;
    for (const condition of [
      "github.event.workflow_run.conclusion == 'success'",
      "github.event.workflow_run.event == 'push'",
      "github.event.workflow_run.head_branch == github.event.repository.default_branch",
    ])
      expect(build.if).toContain(condition);
    // The default branch is read, never named.
    expect(text).not.toMatch(/\bmain\b/);
    expect(uses(deploy)).toEqual(
      expect.arrayContaining([
        "actions/configure-pages@v5",
        "actions/upload-pages-artifact@v3",
        "actions/deploy-pages@v4",
      ]),
    );
    const commands = runs(deploy);
    expect(commands).toContain("npx tsx scripts/ci.ts scheduled");
    expect(commands).toContain(
      "actions/workflows/ci.yml/runs?branch=$branch&event=push&status=success",
    );
    expect(commands).toContain(
      'npm run build -- --pathprefix="${{ steps.pages.outputs.base_path }}/"',
    );
    expect(commands).toContain("npx tsx scripts/ci.ts add-previews _site");
    // Encoded pictures come from earlier runs, only on a run that builds (a skipped run saves nothing stale),
    // and the cache it saves holds only what this build used.
    const cache = build.steps.find((s) => s.uses === "actions/cache@v4")!;
    expect(cache.if).toBe("steps.schedule.outputs.due == 'true'");
    expect(cache.with).toMatchObject({ path: ".cache/images", "restore-keys": "images-" });
    expect(String(cache.with!.key)).toMatch(/^images-\$\{\{ hashFiles\('content\/\*\*\/\*\.jpg'/);
    const order = (text: string) => build.steps.findIndex((s) => s.run?.includes(text));
    expect(build.steps.indexOf(cache)).toBeLessThan(order("npm run build"));
    expect(order("npm run build")).toBeLessThan(order("scripts/ci.ts prune-images _site"));
    expect(deploy.jobs.deploy!.if).toBe("needs.build.outputs.due == 'true'");
    const keepAlive = deploy.jobs["keep-alive"]!;
    expect(keepAlive.if).toBe("github.event_name == 'schedule'");
    expect(keepAlive.permissions).toEqual({ actions: "write" });
    expect(keepAlive.steps[0]!.run).toContain("actions/workflows/deploy.yml/enable");
  });

  it("preview builds under an unguessable folder, never force-pushes, says when it failed, and tells forks why not", () => {
    const preview = workflow("preview.yml");
    expect(preview.on).toEqual({
      pull_request: { types: ["opened", "synchronize", "reopened", "closed"] },
      pull_request_target: { types: ["opened", "reopened"] },
    });
    const commands = runs(preview);
    expect(commands).toContain("npx tsx scripts/ci.ts address");
    expect(commands).toContain('npm run build:preview -- --pathprefix="$PATH_PREFIX"');
    expect(commands).toContain(
      'changed -- "$RUNNER_TEMP/base-site" "$RUNNER_TEMP/pr-site" --markdown --base-url "$PREVIEW_URL"',
    );
    expect(commands).toContain('npx tsx scripts/ci.ts publish "$RUNNER_TEMP/pr-site"');
    expect(commands).toContain('prune-images "$RUNNER_TEMP/pr-site"');
    // The base branch's own scripts may predate prune-images: the pull request's prunes its cache.
    expect(commands).toContain(
      'CONTENT_DIR=../base/content npx tsx scripts/ci.ts prune-images "$RUNNER_TEMP/base-site"',
    );
    const cache = steps(preview).find((s) => s.uses === "actions/cache@v4")!;
    expect(cache.with!.path).toBe("pr/.cache/images\nbase/.cache/images\n");
    expect(uses(preview).filter((u) => !u.startsWith("actions/"))).toEqual([]);
    expect(read("preview.yml")).not.toMatch(/pr-\$PR|--force|clean: true/);

    const job = preview.jobs.preview!;
    expect(job.env).toMatchObject({ PREVIEW_SECRET: "${{ secrets.PREVIEW_SECRET }}" });
    expect(job.concurrency).toEqual({
      group: "preview-${{ github.event.pull_request.number }}",
      "cancel-in-progress": true,
    });
    const failed = job.steps.find((s) => s.run?.includes("scripts/ci.ts comment failed"))!;
    expect(failed.if).toBe("failure()");
    const post = job.steps.at(-1)!;
    expect(post.if).toBe("success() || failure()");
    expect(post.run).toContain("scripts/ci.ts post-comment");

    const remove = preview.jobs.remove!;
    expect(remove.if).toContain("github.event.action == 'closed'");
    expect(runs({ ...preview, jobs: { remove } })).toContain("npx tsx scripts/ci.ts unpublish");

    const fork = preview.jobs.fork!;
    expect(fork.if).toContain("github.event_name == 'pull_request_target'");
    expect(fork.if).toContain("github.event.pull_request.head.repo.full_name != github.repository");
    // The fork's code never runs with this event's write token: only the base commit is checked out.
    const checkouts = fork.steps.filter((s) => s.uses === "actions/checkout@v4");
    expect(checkouts.map((s) => s.with)).toEqual([
      { ref: "${{ github.event.pull_request.base.sha }}" },
    ]);
    expect(runs({ ...preview, jobs: { fork } })).toContain("scripts/ci.ts comment fork");
    for (const name of ["preview", "remove"])
      expect(preview.jobs[name]!.if).toContain("github.event_name == 'pull_request'");
  });
});
