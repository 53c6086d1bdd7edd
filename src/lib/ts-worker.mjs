// Runs a TypeScript module in a worker thread: workers do not inherit the main thread's TypeScript loader.
import { fileURLToPath } from "node:url";
import { workerData } from "node:worker_threads";
import { compiledEntry } from "./ts-compile.mjs";

await import(await compiledEntry(fileURLToPath(workerData.entry)));
