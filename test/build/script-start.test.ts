import { createServer, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { makeFixture, md, runScriptCli } from "../helpers/fixture.ts";

describe("npm start on a port that is in use", () => {
  // Regression: the file watchers started before listening kept the process alive, so it hung instead of exiting.
  // So it runs as a process of its own, which must end.
  it("says so and exits 1, watching nothing", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      const dir = makeFixture({
        "articles/a.md": md("title: A\ndate: 2024-01-01\ncategory: news"),
      });
      const result = await runScriptCli(dir, "start.ts", [`--port=${port}`]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `port ${port} is in use: stop the other server, or pass another, as in npm start -- --port=${port + 1}`,
      );
    } finally {
      busy.close();
    }
  });
});
