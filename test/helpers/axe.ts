import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import axe, { type AxeResults, type RunOptions } from "axe-core";
import type { BrowserContext, Page } from "playwright-core";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** The WCAG rules that read colours (color-contrast, link-in-text-block): the only ones a colour scheme can change. */
export const COLOUR_RULES = axe
  .getRules(WCAG_TAGS)
  .filter((rule) => rule.tags.includes("cat.color"))
  .map((rule) => rule.ruleId);

/** axe-core's minified build (560 kB), the same release as `axe.source` (1.3 MB): less to send and parse. */
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

/** Contexts whose new documents get axe from Chromium itself (addInitScript), not sent again per page. */
const contextsWithAxe = new WeakSet<BrowserContext>();

/**
 * axe in the page as it stands, with every WCAG rule or only `rules`. The page's context keeps axe for its
 * later documents; only a document loaded before its first audit (or a frame without axe) is sent it. Sent
 * over the DevTools pipe for every audited page, it cost about 0.1 s of Chromium's CPU and 0.02 s of the
 * test process's per page (measured on the demo site).
 */
export async function runAxe(page: Page, rules?: string[]): Promise<AxeResults> {
  const context = page.context();
  if (!contextsWithAxe.has(context)) {
    contextsWithAxe.add(context);
    await context.addInitScript({ content: AXE_SOURCE });
  }
  for (const frame of page.frames()) {
    if (!(await frame.evaluate(() => "axe" in window))) await frame.evaluate(AXE_SOURCE);
  }
  const runOnly: RunOptions["runOnly"] = rules
    ? { type: "rule", values: rules }
    : { type: "tag", values: WCAG_TAGS };
  // Only violations carry every node: selectors for each passing node cost time and are never read.
  const options: RunOptions = { runOnly, resultTypes: ["violations"] };
  return page.evaluate(
    (options) => (window as unknown as { axe: typeof axe }).axe.run(document, options),
    options,
  );
}

/** Each violation's nodes as lines: "label: rule (impact) help, at selector, why". */
export function violationLines(results: AxeResults, label: string): string[] {
  return results.violations.flatMap((v) =>
    v.nodes.map(
      (node) =>
        `${label}: ${v.id} (${v.impact}) ${v.help}\n    at ${node.target.join(" ")}\n    ${node.failureSummary?.replace(/\n/g, "\n    ")}`,
    ),
  );
}

/**
 * Declarations that apply in the dark scheme only and set something other than a colour: there must be none,
 * or the dark audit's colour rules would miss what they change.
 */
export function darkOnlyNonColours(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const isColour = (name: string, value: string) =>
      /(^|-)color$|^(fill|stroke|color-scheme)$/.test(name) ||
      (name.startsWith("--") && CSS.supports("color", value.trim()));
    const darkMedia = (media: string) => /prefers-color-scheme:\s*dark/.test(media);
    const visit = (rules: CSSRuleList, dark: boolean) => {
      for (const rule of rules) {
        const inDark = dark || (rule instanceof CSSMediaRule && darkMedia(rule.conditionText));
        if (inDark && rule instanceof CSSStyleRule) {
          for (const name of rule.style) {
            const value = rule.style.getPropertyValue(name);
            if (!isColour(name, value)) found.push(`${rule.selectorText} { ${name}: ${value} }`);
          }
        }
        if (rule instanceof CSSImportRule && rule.styleSheet) {
          visit(rule.styleSheet.cssRules, inDark || darkMedia(rule.media.mediaText));
        } else if ("cssRules" in rule) visit(rule.cssRules as CSSRuleList, inDark);
      }
    };
    for (const sheet of document.styleSheets) {
      visit(sheet.cssRules, darkMedia(sheet.media.mediaText));
    }
    return found;
  });
}

/**
 * axe with every WCAG rule in the light scheme, then with the colour rules in the dark (the dark scheme
 * changes colours only, which darkOnlyNonColours checks), then ends the emulation. Returns every violation as a line.
 */
export async function auditBothSchemes(page: Page, label: string): Promise<string[]> {
  await page.emulateMedia({ colorScheme: "light" });
  const light = await runAxe(page);
  if (light.passes.length === 0) return [`${label}: axe passed no rule at all`];
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await runAxe(page, COLOUR_RULES);
  await page.emulateMedia({ colorScheme: null });
  const nonColours = (await darkOnlyNonColours(page)).map(
    (rule) => `${label}: the dark scheme changes more than colours: ${rule}`,
  );
  return [
    ...violationLines(light, `${label} [light]`),
    ...violationLines(dark, `${label} [dark]`),
    ...nonColours,
  ];
}
