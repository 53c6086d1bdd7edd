// @ts-check
// The search page of each language: the query and filters live in the URL; Pagefind's JS API does the
// searching, in the index of the page's <html lang>, and every word shown comes from strings.json beside the page.

/** @typedef {{ q: string, kind: string, category: string, group: string, tag: string, sort: string }} SearchState */
/** @typedef {{ title?: string, date?: string, datetime?: string, summary?: string, image?: string, status?: string }} ResultMeta */
/** @typedef {{ url: string, excerpt?: string, meta?: ResultMeta }} ResultData */
/**
 * The page's language's words for what this script writes (layouts/search.njk, from src/i18n): templates
 * with {name} slots, and `count` by plural category (Intl.PluralRules).
 * @typedef {{
 *   digits: "latn" | "arab", count: Record<string, string>, query: string, scope: string, shown: string,
 *   found: string, none: string, noneFiltered: string, in: string, from: string, on: string,
 *   separator: string, failed: string, title: string, option: string, draft: string, scheduled: string,
 * }} SearchStrings
 */
/** @typedef {{ results: { data(): Promise<ResultData> }[] }} SearchResponse */
/**
 * The part of Pagefind's browser API this page calls: https://pagefind.app/docs/api/
 * @typedef {{
 *   options(options: { baseUrl?: string, excerptLength?: number }): Promise<void>,
 *   filters(): Promise<Record<string, Record<string, number>>>,
 *   search(query: string | null, options: { filters: Record<string, string>, sort: Record<string, string> }): Promise<SearchResponse>,
 * }} Pagefind
 */

/**
 * The element the layout always renders, of the type this script needs.
 * @template {Element} T
 * @param {Element | RadioNodeList | null} element
 * @param {{ new (): T }} type
 * @returns {T}
 */
function expect(element, type) {
  if (!(element instanceof type))
    throw new Error(`search: expected a ${type.name}, got ${element}`);
  return element;
}

const root = expect(document.getElementById("search"), HTMLElement);
const form = expect(root.querySelector("form"), HTMLFormElement);
const select = (/** @type {string} */ name) =>
  expect(form.elements.namedItem(name), HTMLSelectElement);
const fields = {
  q: expect(form.elements.namedItem("q"), HTMLInputElement),
  kind: select("kind"),
  category: select("category"),
  group: select("group"),
  tag: select("tag"),
  sort: select("sort"),
};
const status = expect(document.getElementById("search-status"), HTMLElement);
const list = expect(document.getElementById("search-results"), HTMLElement);
const more = expect(document.getElementById("search-more"), HTMLButtonElement);
const PAGE_SIZE = 10;
/** @type {readonly ("kind" | "category" | "group" | "tag")[]} */
const FILTERS = ["kind", "category", "group", "tag"];
const FIELD_NAMES = /** @type {(keyof SearchState)[]} */ (Object.keys(fields));
const baseTitle = document.title;
const lang = document.documentElement.lang || undefined;
const collator = new Intl.Collator(lang);
const plurals = new Intl.PluralRules(lang);
/** @type {SearchStrings} The page's words, from strings.json beside it (its language's). */
const strings = await fetch(new URL("strings.json", location.href)).then((r) => r.json());

/**
 * A template of `strings` with its {name} slots filled.
 * @param {string} template
 * @param {Record<string, string | number>} values
 */
const format = (template, values) =>
  template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
const ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩";
/** A count in the page's digits, which the page's language says (not the browser's ICU). */
const number = (/** @type {number} */ n) =>
  strings.digits === "arab"
    ? String(n).replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)] ?? d)
    : String(n);
/** "12 results", in the plural form the language uses for that number. */
const count = (/** @type {number} */ n) =>
  format(strings.count[plurals.select(n)] ?? strings.count.other ?? "{n}", { n: number(n) });

root.hidden = false;

/**
 * What a language with nothing published searches: pagefind.js would load another language's index.
 * @type {Pagefind}
 */
const NOTHING = {
  options: async () => {},
  filters: async () => ({}),
  search: async () => ({ results: [] }),
};

/** @type {Promise<Pagefind> | null} */
let pagefindLoad = null;
/** @returns {Promise<Pagefind>} */
function pagefind() {
  if (root.dataset.empty !== undefined) return Promise.resolve(NOTHING);
  pagefindLoad ??= import(`${root.dataset.bundle}pagefind.js`).then(
    async (/** @type {Pagefind} */ pf) => {
      await pf.options({ baseUrl: root.dataset.baseUrl, excerptLength: 26 });
      return pf;
    },
  );
  return pagefindLoad;
}

/**
 * The search a URL asks for; unknown kinds, categories and groups are dropped rather than searched for.
 * @param {string} search
 * @returns {SearchState}
 */
function stateFrom(search) {
  const params = new URLSearchParams(search);
  const state = stateOf((name) => params.get(name) ?? "");
  for (const name of /** @type {const} */ (["kind", "category", "group", "sort"])) {
    if (![...fields[name].options].some((o) => o.value === state[name])) state[name] = "";
  }
  return state;
}

/**
 * Each field's value as `read` gives it, trimmed and cut to a sane length.
 * @param {(name: keyof SearchState) => string} read
 * @returns {SearchState}
 */
function stateOf(read) {
  const value = (/** @type {keyof SearchState} */ name) => read(name).trim().slice(0, 200);
  return {
    q: value("q"),
    kind: value("kind"),
    category: value("category"),
    group: value("group"),
    tag: value("tag"),
    sort: value("sort"),
  };
}

const stateFromForm = () => stateOf((name) => fields[name].value);

/** @param {SearchState} state */
function urlFor(state) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(state)) if (value) params.set(name, value);
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ""}`;
}

/** @param {string} tag @param {number} [n] */
function tagOption(tag, n) {
  const option = new Option(
    n === undefined ? tag : format(strings.option, { name: tag, n: number(n) }),
    tag,
  );
  option.dataset.label = tag;
  return option;
}

/** @param {SearchState} state */
function fill(state) {
  if (state.tag && ![...fields.tag.options].some((o) => o.value === state.tag))
    fields.tag.append(tagOption(state.tag));
  for (const name of FIELD_NAMES) fields[name].value = state[name];
}

// Topics come from the index only when the reader reaches for the filters, so a plain search stays light.
/** @type {Promise<void> | null} */
let tagsLoad = null;
function loadTags() {
  tagsLoad ??= pagefind()
    .then((pf) => pf.filters())
    .then((filters) => {
      const counts = filters.tag ?? {};
      const chosen = fields.tag.value;
      const names = Object.keys(counts).sort(collator.compare);
      fields.tag.replaceChildren(
        ...[...fields.tag.options].slice(0, 1),
        ...names.map((name) => tagOption(name, counts[name])),
      );
      if (chosen && !names.includes(chosen)) fields.tag.append(tagOption(chosen, 0));
      fields.tag.value = chosen;
    })
    .catch(() => {
      tagsLoad = null;
    });
  return tagsLoad;
}

/** @param {HTMLSelectElement} select */
const optionLabel = (select) => {
  const option = select.selectedOptions[0];
  return option?.dataset.label ?? option?.textContent ?? "";
};

/** @param {SearchState} state */
function describe(state) {
  const parts = [];
  if (state.kind) parts.push(optionLabel(fields.kind));
  if (state.category) parts.push(format(strings.in, { name: optionLabel(fields.category) }));
  if (state.group) parts.push(format(strings.from, { name: optionLabel(fields.group) }));
  if (state.tag) parts.push(format(strings.on, { name: state.tag }));
  return parts.join(strings.separator);
}

/**
 * Pagefind's excerpt is escaped text with <mark> around matches; only those two are kept.
 * @param {string} html
 */
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return [...template.content.childNodes].map((node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent ?? "");
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} className
 * @param {(Node | string)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
function element(tag, className, children = []) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.append(...children);
  return el;
}

/** @param {ResultData} data */
function renderResult(data) {
  const meta = data.meta ?? {};
  const link = element("a", "", [meta.title || data.url]);
  link.href = data.url;
  const body = [element("h2", "search-result__title", [link])];
  // Only a preview indexes drafts and scheduled items: its results say so, as its cards do.
  if (meta.status === "draft" || meta.status === "scheduled")
    body.push(
      element("p", `badge badge--${meta.status}`, [
        format(strings[meta.status], { date: meta.date ?? "" }),
      ]),
    );
  if (meta.date) {
    const time = element("time", "", [meta.date]);
    if (meta.datetime) time.dateTime = meta.datetime;
    body.push(element("p", "search-result__meta", [time]));
  }
  body.push(
    element(
      "p",
      "search-result__text",
      meta.summary ? [meta.summary] : excerptNodes(data.excerpt ?? ""),
    ),
  );
  const children = [element("div", "search-result__body", body)];
  if (meta.image) {
    const img = element("img", "search-result__image");
    Object.assign(img, {
      src: meta.image,
      alt: "",
      width: 96,
      height: 64,
      loading: "lazy",
      decoding: "async",
    });
    children.push(img);
  }
  return element("li", "search-result", children);
}

/** @type {{ results: SearchResponse["results"], shown: number } | null} */
let current = null;
let runId = 0;

/** @param {number} id */
async function showMore(id) {
  if (!current) return [];
  const batch = current.results.slice(current.shown, current.shown + PAGE_SIZE);
  const data = await Promise.all(batch.map((result) => result.data()));
  if (id !== runId) return [];
  const items = data.map(renderResult);
  list.append(...items);
  current.shown += items.length;
  more.hidden = current.shown >= current.results.length;
  return items;
}

/** @param {SearchState} state */
function announce(state) {
  if (!current) return;
  const total = current.results.length;
  const scope = describe(state);
  const parts = {
    query: state.q ? format(strings.query, { q: state.q }) : "",
    scope: scope ? format(strings.scope, { scope }) : "",
  };
  if (total === 0) {
    status.textContent = format(scope ? strings.noneFiltered : strings.none, parts);
  } else {
    const shown = total > current.shown ? format(strings.shown, { n: number(current.shown) }) : "";
    status.textContent = format(strings.found, { ...parts, count: count(total), shown });
  }
}

/** @param {SearchState} state */
async function run(state) {
  const id = ++runId;
  const filtered = FILTERS.some((name) => state[name]);
  document.title = state.q ? format(strings.title, { q: state.q, title: baseTitle }) : baseTitle;
  if (!state.q && !filtered) {
    current = null;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "";
    return;
  }
  list.setAttribute("aria-busy", "true");
  try {
    const pf = await pagefind();
    if (state.tag) loadTags();
    /** @type {Record<string, string>} */
    const filters = {};
    for (const name of FILTERS) if (state[name]) filters[name] = state[name];
    const order = state.sort || (state.q ? "" : "newest");
    /** @type {Record<string, string>} */
    const sort = order === "newest" ? { date: "desc" } : order === "oldest" ? { date: "asc" } : {};
    const response = await pf.search(state.q || null, { filters, sort });
    if (id !== runId) return;
    current = { results: response.results, shown: 0 };
    list.replaceChildren();
    await showMore(id);
    if (id !== runId) return;
    announce(state);
  } catch (error) {
    if (id !== runId) return;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = strings.failed;
    console.error(error);
  } finally {
    if (id === runId) list.removeAttribute("aria-busy");
  }
}

/**
 * Searches for what the form says; returns whether that made a history entry (push) or changed the current one.
 * @param {boolean} push
 */
function go(push) {
  const state = stateFromForm();
  const url = urlFor(state);
  const moved = url !== `${location.pathname}${location.search}`;
  if (moved) history[push ? "pushState" : "replaceState"](null, "", url);
  void run(state);
  return moved;
}

let typing = 0;
// Whether the current history entry was made by typing: more typing replaces it, but the first live
// result after a search adds an entry, so Back still returns to that search (regression: a pause of
// 300 ms before Enter replaced the previous search in the history).
let live = false;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  go(true);
  live = false;
});
fields.q.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    // Only an entry typing made may be replaced by more typing (typing a letter and deleting it makes none).
    if (go(!live)) live = true;
  }, 300);
});
for (const name of /** @type {const} */ ([...FILTERS, "sort"]))
  fields[name].addEventListener("change", () => {
    go(true);
    live = false;
  });
const filterSet = expect(root.querySelector("fieldset"), HTMLFieldSetElement);
for (const type of ["focusin", "pointerover", "pointerdown"])
  filterSet.addEventListener(type, loadTags, { once: true });

more.addEventListener("click", async () => {
  if (!current) return;
  const items = await showMore(runId);
  items[0]?.querySelector("a")?.focus();
  announce(stateFromForm());
});

window.addEventListener("popstate", () => {
  live = false;
  const state = stateFrom(location.search);
  fill(state);
  run(state);
});

const initial = stateFrom(location.search);
fill(initial);
run(initial);
