import { describe, expect, it } from "vitest";
import { makeFixture, runScript, runScriptCli } from "../helpers/fixture.ts";

// Every editor-facing command answers --help with its usage and does nothing else.
const COMMANDS = ["new.ts", "check.ts", "import.ts", "changed.ts", "digest.ts", "build.ts"];

describe("--help", () => {
  it.each(COMMANDS)("scripts/%s prints its usage and exits 0", async (script) => {
    const dir = makeFixture({});
    for (const flag of ["--help", "-h"]) {
      const result = await runScript(dir, script, [flag]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^usage: npm run /i);
      expect(result.stderr).toBe("");
    }
  });

  // The commands' wiring to the process, once (the other commands' is run by their own tests).
  it("as the command line runs it: scripts/digest.ts --help in a child process", async () => {
    const result = await runScriptCli(makeFixture({}), "digest.ts", ["--help"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run digest /i);
    expect(result.stderr).toBe("");
  });
});
