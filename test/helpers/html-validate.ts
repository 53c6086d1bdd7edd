import { readFileSync } from "node:fs";
import path from "node:path";
import { type ConfigData, HtmlValidate, StaticConfigLoader } from "html-validate";
import { builtFiles } from "./sample-site.ts";

/** Resolves the configuration once: the static loader merges every element's metadata again for each page (a third of the time). */
class ResolvedOnceLoader extends StaticConfigLoader {
  #resolved?: ReturnType<StaticConfigLoader["getConfigFor"]>;
  override getConfigFor(handle: string, configOverride?: ConfigData) {
    if (configOverride) return super.getConfigFor(handle, configOverride);
    this.#resolved ??= super.getConfigFor(handle);
    return this.#resolved;
  }
}

export const validator = new HtmlValidate(
  new ResolvedOnceLoader({
    extends: ["html-validate:recommended"],
    rules: {
      // Our layouts write `<!doctype html>` (case does not matter to HTML); check that style rather than drop the rule.
      "doctype-style": ["error", { style: "lowercase" }],
      // `<ul role="list">` is deliberate: Safari/VoiceOver drops list semantics from lists styled list-style: none.
      "no-redundant-role": "off",
      // For the same reason `<ol role="list">` is no custom widget; every other role still must prefer its native element.
      // Titles are editors' headlines plus " · <site title>"; search engines cut long ones, which is no error. A cap still catches a pasted paragraph.
      "long-title": ["error", { maxlength: 160 }],
      "prefer-native-element": ["error", { exclude: ["list"] }],
    },
  }),
);

/** Every error html-validate reports on the built pages, one line each: file:line:column rule: message. */
export async function validateSite(out: string): Promise<string[]> {
  const lines: string[] = [];
  // Emails are checked by their own rules (test/build/digest.test.ts): email clients need table attributes.
  for (const file of builtFiles(out).filter((f) => !f.endsWith("/email.html"))) {
    const report = await validator.validateString(readFileSync(path.join(out, file), "utf8"), file);
    for (const result of report.results) {
      for (const m of result.messages)
        lines.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
  }
  return lines;
}
