// The /search/ page: the query and filters live in the URL; Pagefind's JS API does the searching.
const root = document.getElementById("search");
const form = root.querySelector("form");
const fields = {
  q: form.elements.namedItem("q"),
  kind: form.elements.namedItem("kind"),
  category: form.elements.namedItem("category"),
  tag: form.elements.namedItem("tag"),
  sort: form.elements.namedItem("sort"),
};
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const PAGE_SIZE = 10;
const FILTERS = ["kind", "category", "tag"];
const baseTitle = document.title;
const collator = new Intl.Collator(document.documentElement.lang || undefined);

root.hidden = false;

let pagefindLoad = null;
function pagefind() {
  pagefindLoad ??= import(`${root.dataset.bundle}pagefind.js`).then(async (pf) => {
    await pf.options({ baseUrl: root.dataset.baseUrl, excerptLength: 26 });
    return pf;
  });
  return pagefindLoad;
}

/** The search a URL asks for; unknown kinds and categories are dropped rather than searched for. */
function stateFrom(search) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const name of Object.keys(fields))
    state[name] = (params.get(name) ?? "").trim().slice(0, 200);
  for (const name of ["kind", "category", "sort"]) {
    if (![...fields[name].options].some((o) => o.value === state[name])) state[name] = "";
  }
  return state;
}

function stateFromForm() {
  const state = {};
  for (const [name, field] of Object.entries(fields))
    state[name] = field.value.trim().slice(0, 200);
  return state;
}

function urlFor(state) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(state)) if (value) params.set(name, value);
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ""}`;
}

const tagOption = (tag, count) => new Option(count === undefined ? tag : `${tag} (${count})`, tag);

function fill(state) {
  if (state.tag && ![...fields.tag.options].some((o) => o.value === state.tag))
    fields.tag.append(tagOption(state.tag));
  for (const [name, field] of Object.entries(fields)) field.value = state[name];
}

// Topics come from the index only when the reader reaches for the filters, so a plain search stays light.
let tagsLoad = null;
function loadTags() {
  tagsLoad ??= pagefind()
    .then((pf) => pf.filters())
    .then((filters) => {
      const counts = filters.tag ?? {};
      const chosen = fields.tag.value;
      const names = Object.keys(counts).sort(collator.compare);
      fields.tag.replaceChildren(
        fields.tag.options[0],
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

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
const optionLabel = (select) =>
  select.selectedOptions[0]?.textContent.replace(/ \(\d+\)$/, "") ?? "";

function describe(state) {
  const parts = [];
  if (state.kind) parts.push(optionLabel(fields.kind));
  if (state.category) parts.push(`in ${optionLabel(fields.category)}`);
  if (state.tag) parts.push(`on ${state.tag}`);
  return parts.join(", ");
}

/** Pagefind's excerpt is escaped text with <mark> around matches; only those two are kept. */
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

function element(tag, className, children = []) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.append(...children);
  return el;
}

function renderResult(data) {
  const meta = data.meta ?? {};
  const link = element("a", "", [meta.title || data.url]);
  link.href = data.url;
  const body = [element("h2", "search-result__title", [link])];
  if (meta.status)
    body.push(
      element("p", `badge badge--${meta.status.startsWith("Draft") ? "draft" : "scheduled"}`, [
        meta.status,
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

let current = null;
let runId = 0;

async function showMore(id) {
  const batch = current.results.slice(current.shown, current.shown + PAGE_SIZE);
  const data = await Promise.all(batch.map((result) => result.data()));
  if (id !== runId) return [];
  const items = data.map(renderResult);
  list.append(...items);
  current.shown += items.length;
  more.hidden = current.shown >= current.results.length;
  return items;
}

function announce(state) {
  const total = current.results.length;
  const what = state.q ? ` for “${state.q}”` : "";
  const scope = describe(state);
  if (total === 0) {
    status.textContent = `No results${what}${scope ? ` (${scope})` : ""}.${scope ? " Try removing a filter." : ""}`;
  } else {
    const shown = total > current.shown ? `, showing the first ${current.shown}` : "";
    status.textContent = `${plural(total, "result", "results")}${what}${scope ? ` (${scope})` : ""}${shown}.`;
  }
}

async function run(state) {
  const id = ++runId;
  const filtered = FILTERS.some((name) => state[name]);
  document.title = state.q ? `“${state.q}”: ${baseTitle}` : baseTitle;
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
    const filters = {};
    for (const name of FILTERS) if (state[name]) filters[name] = state[name];
    const order = state.sort || (state.q ? "" : "newest");
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
    status.textContent = "Search could not be loaded. Please try again later, or browse by topic.";
    console.error(error);
  } finally {
    if (id === runId) list.removeAttribute("aria-busy");
  }
}

/** Searches for what the form says; returns whether that made a history entry (push) or changed the current one. */
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
for (const name of [...FILTERS, "sort"])
  fields[name].addEventListener("change", () => {
    go(true);
    live = false;
  });
const filterSet = root.querySelector("fieldset");
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
