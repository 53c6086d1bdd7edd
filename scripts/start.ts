// npm start: the dev server (scripts/lib/dev-server.ts); tsx watch restarts it when src/ changes, and the open page reloads.
import { command, parseCli, printers, runIfEntry, siteEnv, type CommandIo } from "./lib/cli.ts";

const USAGE = `usage: npm start [-- --port=8080] [--pathprefix=/sub/path/]
  Serves the site with drafts and scheduled items on http://localhost:8080/, rebuilding on every change.`;

/** Starts the server, which keeps the process alive, and returns 0; or the exit code of a refusal. */
async function start(argv: string[], io: CommandIo): Promise<number> {
  const print = printers(io);
  const args = parseCli(
    { port: { type: "string", default: "8080" }, pathprefix: { type: "string" } },
    USAGE,
    argv,
    io,
  );
  if (args === "help") return 0;
  if (!args) return 2;
  const port = Number(args.values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    print.error(`--port: expected a port number such as 8080, got "${args.values.port}"\n${USAGE}`);
    return 2;
  }
  // The dev server (Eleventy, Pagefind) loads only to start: --help and usage errors answer at once.
  const { startDevServer } = await import("./lib/dev-server.ts");
  try {
    await startDevServer({
      env: { ...siteEnv(io), PREVIEW: "1" },
      port,
      pathPrefix: args.values.pathprefix,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    print.error(
      `port ${port} is in use: stop the other server, or pass another, as in npm start -- --port=${port + 1}`,
    );
    return 1;
  }
  // The server runs until stopped; a restart by tsx watch frees the port at once.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(0));
  return 0;
}

export const main = command("start", start);
await runIfEntry(import.meta, main);
