// npm start: the dev server (scripts/lib/dev-server.ts); tsx watch restarts it when src/ changes, and the open page reloads.
import { startDevServer } from "./lib/dev-server.ts";
import { parseCli, run } from "./lib/cli.ts";

const USAGE = `usage: npm start [-- --port=8080] [--pathprefix=/sub/path/]
  Serves the site with drafts and scheduled items on http://localhost:8080/, rebuilding on every change.`;

await run("start", async () => {
  const args = parseCli(
    { port: { type: "string", default: "8080" }, pathprefix: { type: "string" } },
    USAGE,
  );
  if (!args) return 2;
  const port = Number(args.values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `--port: expected a port number such as 8080, got "${args.values.port}"\n${USAGE}`,
    );
    return 2;
  }
  try {
    await startDevServer({
      env: { ...process.env, PREVIEW: "1" },
      port,
      pathPrefix: args.values.pathprefix,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    console.error(
      `port ${port} is in use: stop the other server, or pass another, as in npm start -- --port=${port + 1}`,
    );
    return 1;
  }
  // The server runs until stopped; a restart by tsx watch frees the port at once.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(0));
  return 0;
});
