import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeFixture, runScript, runScriptCli } from "../helpers/fixture.ts";

describe("npm run new -- group", () => {
  let dir: string;
  const file = () => path.join(dir, "content/groups/leeds-nablus-link.md");
  let made: Awaited<ReturnType<typeof runScript>>;
  beforeAll(async () => {
    dir = makeFixture({});
    // As npm runs it, in a child process: the exact streams and exit code.
    made = await runScriptCli(dir, "new.ts", ["group", "Leeds–Nablus link"]);
  });

  it("writes the group's skeleton and says what to do next", () => {
    expect(made.stderr).toBe("");
    expect(made.stdout).toBe(
      [
        "Wrote content/groups/leeds-nablus-link.md: write each TO FILL IN, then run npm run check.",
        "URL: /groups/leeds-nablus-link/ (https://fixture.example.org/groups/leeds-nablus-link/ once published)",
        "It is a draft: previews show it; remove `draft: true` to publish it.",
        "",
      ].join("\n"),
    );
    expect(made.code).toBe(0);
  });

  it("check refuses the unfilled skeleton with the exact message, and accepts it once filled", async () => {
    const refused = await runScript(dir, "check.ts");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'content/groups/leeds-nablus-link.md:24 → contact: expected an https, http or mailto URL, got the placeholder "TO FILL IN" that npm run new wrote (write the real one)\n',
    );
    expect(refused.stderr).toContain("\n6 errors: fix them, then run npm run check again.");
    const filled = readFileSync(file(), "utf8")
      .replace("kind: TO FILL IN", "kind: town-link")
      .replace("place: TO FILL IN", "place: Leeds")
      .replace("region: TO FILL IN", "region: yorkshire")
      .replace("lat: TO FILL IN", "lat: 53.8")
      .replace("lon: TO FILL IN", "lon: -1.55")
      .replace("contact: TO FILL IN", "contact: https://leeds-nablus.example.org/");
    writeFileSync(file(), filled);
    const accepted = await runScript(dir, "check.ts");
    expect(accepted.stderr).toBe("");
    expect(accepted.stdout).toContain("All 1 content files are valid");
    expect(accepted.code).toBe(0);
  });

  it("--seeking starts a community in groups/seeking/, and a name taken or reserved is refused", async () => {
    const seeking = await runScript(dir, "new.ts", ["group", "Aida camp", "--seeking"]);
    expect(seeking.code, seeking.stderr).toBe(0);
    expect(seeking.stdout).toContain("Wrote content/groups/seeking/aida-camp.md");
    expect(seeking.stdout).toContain("URL: /groups/seeking/#aida-camp");
    const again = await runScript(dir, "new.ts", ["group", "Leeds Nablus link"]);
    expect(again.stderr).toBe(
      "Nothing was written: content/groups/leeds-nablus-link.md already exists and would publish at /groups/leeds-nablus-link/ (choose another name or edit that file)\n",
    );
    const reserved = await runScript(dir, "new.ts", ["group", "Seeking"]);
    expect(reserved.stderr).toBe(
      'Nothing was written: a group called "seeking" would take the URL /groups/seeking/, where the site publishes the communities seeking a partner; choose another name\n',
    );
    expect(reserved.code).toBe(1);
    const wrong = await runScript(dir, "new.ts", ["group", "X", "--url", "https://x.example.org/"]);
    expect(wrong.stderr.split("\n")[0]).toBe(
      "--url: expected only --date and --seeking with group, got --url",
    );
    expect(wrong.code).toBe(1);
  });
});
