// The browser layer's setup file: after each test file, the contexts it opened are closed, and the worker's
// Chromium stays for the next file (see testBrowser).
import { afterAll } from "vitest";
import { closeContexts } from "./browser.ts";

afterAll(closeContexts);
