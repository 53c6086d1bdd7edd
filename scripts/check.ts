// Validates every content file against the schema without building: fast enough for a pre-commit hook.
import { formatError } from "../src/lib/content.ts";
import { loadSiteContext } from "../src/lib/site-context.ts";
import { ContentStore, ContentValidationError } from "../src/lib/store.ts";

function main(): number {
  let store: ContentStore;
  try {
    store = new ContentStore(loadSiteContext());
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  try {
    const items = store.load();
    console.log(`All ${items.length} content files are valid.`);
    return 0;
  } catch (error) {
    if (!(error instanceof ContentValidationError)) throw error;
    for (const e of error.errors) console.error(formatError(e));
    console.error(`\n${error.errors.length} error${error.errors.length === 1 ? "" : "s"}: fix them, then run npm run check again.`);
    return 1;
  }
}

process.exitCode = main();
