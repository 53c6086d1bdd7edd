import type UserConfig from "@11ty/eleventy/UserConfig";
import { templateName } from "../lib/languages.ts";
import type { Item } from "../lib/content.ts";
import type { EditionView } from "../lib/editions.ts";
import {
  emailSizeError,
  renderEmailHtml,
  renderEmailText,
  type EmailContext,
} from "../lib/email.ts";
import { routes } from "../lib/routes.ts";
import { ContentValidationError, type ContentStore } from "../lib/store.ts";

export interface DigestOptions {
  store: ContentStore;
  /** What the emails are rendered with: absolute URLs, bodies and pictures (src/lib/email.ts). */
  email: EmailContext;
  /** How many editions the archive lists per page (settings.pageSize by default). */
  pageSize?: number;
}

/** The digest: the archive of editions at /digest/, and each edition's email.html and email.txt beside its page. */
export default function digest(eleventyConfig: UserConfig, options: DigestOptions) {
  const { store, email } = options ?? {};
  if (!store) throw new Error("digest plugin: the `store` option is required");
  if (!email) throw new Error("digest plugin: the `email` option is required");
  const pageSize = options.pageSize ?? store.ctx.settings.pageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new Error(`digest plugin: pageSize must be a whole number from 1, got ${pageSize}`);

  let views = new Map<Item, EditionView>();
  let emails = new Map<Item, { html: string; text: string }>();
  // Emails are rendered before anything is written, so one over the size limit refuses the whole build.
  eleventyConfig.on("eleventy.before", () => {
    store.load();
    views = new Map(store.editions.map((view) => [view.edition, view]));
    emails = new Map();
    const errors = [];
    for (const view of store.editions) {
      const html = renderEmailHtml(view, email);
      const tooBig = emailSizeError(html);
      if (tooBig) errors.push({ file: view.edition.file, field: "email.html", message: tooBig });
      emails.set(view.edition, { html, text: renderEmailText(view, email) });
    }
    if (errors.length) throw new ContentValidationError(errors);
  });

  eleventyConfig.addFilter("editionView", (item: Item) => views.get(item));
  const { languages } = store.ctx;
  // The default language's editions, and each language's (the home page shows its language's latest).
  eleventyConfig.addGlobalData("editions", () => store.editionsIn(languages.default.code));
  eleventyConfig.addGlobalData("editionsIn", () =>
    Object.fromEntries(languages.list.map((l) => [l.code, store.editionsIn(l.code)])),
  );
  eleventyConfig.addGlobalData("allEditions", () => store.editions);

  for (const language of languages.list) {
    const { isDefault, code, routes: at } = language;
    eleventyConfig.addTemplate(templateName(language, "digest-archive.njk"), "", {
      layout: "digest/archive.njk",
      title: language.strings.text("digest.title"),
      pagination: {
        data: isDefault ? "editions" : `editionsIn.${code}`,
        size: pageSize,
        alias: "views",
        generatePageOnEmptyData: true,
      },
      // Not /digest/2/, which is edition 2.
      permalink: (data: { pagination: { pageNumber: number } }) =>
        at.digestPage(data.pagination.pageNumber),
    });
  }
  for (const kind of ["html", "text"] as const) {
    const extension = kind === "html" ? "html" : "txt";
    eleventyConfig.addTemplate(
      `digest-email-${kind}.njk`,
      `{{ view.edition | email${kind} | safe }}`,
      {
        // Every language's editions: each email sits beside its page (/ar/digest/3/email.html).
        pagination: { data: "allEditions", size: 1, alias: "view" },
        permalink: (data: { view: EditionView }) =>
          routes.editionEmail(data.view.edition.url as string, extension),
        eleventyExcludeFromCollections: true,
      },
    );
    eleventyConfig.addFilter(`email${kind}`, (edition: Item) => emails.get(edition)![kind]);
  }
}
