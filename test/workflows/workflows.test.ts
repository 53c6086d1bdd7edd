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
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[]; if?: string; environment?: unknown }>;
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

  it("deploy builds main under the Pages prefix daily and on push, and publishes with deploy-pages", () => {
    const deploy = workflow("deploy.yml");
    expect(deploy.on).toMatchObject({
      push: { branches: ["main"] },
      schedule: [{ cron: expect.any(String) }],
    });
    expect(uses(deploy)).toEqual(
      expect.arrayContaining([
        "actions/configure-pages@v5",
        "actions/upload-pages-artifact@v3",
        "actions/deploy-pages@v4",
      ]),
    );
    expect(runs(deploy)).toContain(
      'npm run build -- --pathprefix="${{ steps.pages.outputs.base_path }}/"',
    );
  });

  it("preview builds under /pr-N/, compares with the base branch, updates one comment, and cleans up on close", () => {
    const preview = workflow("preview.yml");
    expect(preview.on).toEqual({
      pull_request: { types: ["opened", "synchronize", "reopened", "closed"] },
    });
    const text = read("preview.yml");
    expect(text).toContain('echo "PATH_PREFIX=$base_path/pr-$PR/"');
    expect(runs(preview)).toContain('npm run build:preview -- --pathprefix="$PATH_PREFIX"');
    expect(runs(preview)).toContain(
      'changed -- "$RUNNER_TEMP/base-site" "$RUNNER_TEMP/pr-site" --markdown --base-url "$PREVIEW_URL"',
    );
    expect(uses(preview)).toContain("JamesIves/github-pages-deploy-action@v4");
    const scripts = steps(preview).flatMap((s) =>
      s.uses === "actions/github-script@v7" ? [String(s.with!.script)] : [],
    );
    expect(scripts).toHaveLength(2);
    for (const script of scripts) expect(script).toContain("c.body?.includes(process.env.MARKER)");
    expect(scripts[0]).toContain("updateComment");
    expect(preview.jobs.remove!.if).toContain("github.event.action == 'closed'");
    expect(runs(preview)).toContain('git rm -r --quiet "pr-$PR"');
  });
});
