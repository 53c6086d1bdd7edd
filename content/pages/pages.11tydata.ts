// Defaults for every file in content/pages/ (the URL comes from src/lib/content.ts): https://www.11ty.dev/docs/data-template-dir/
export default {
  layout: "item.njk",
};
