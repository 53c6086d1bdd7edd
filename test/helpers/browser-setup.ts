// The tests' setup file: after each test file, the contexts it opened in the worker's Chromium are closed, and
// that Chromium stays for the next file (see testBrowser); nothing happens where no file started one.
import { afterAll } from "vitest";
import { closeContexts } from "./browser.ts";

afterAll(closeContexts);
