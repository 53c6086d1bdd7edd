// @ts-check
// Progressive enhancement for share links: the native share sheet where the browser has one, and the Mastodon share page's server form.
for (const button of document.querySelectorAll("button[data-share-url]")) {
  if (!(button instanceof HTMLButtonElement) || typeof navigator.share !== "function") continue;
  button.hidden = false;
  button.addEventListener("click", () => {
    const { shareUrl = "", shareText = "", shareTitle = "" } = button.dataset;
    navigator.share({ title: shareTitle, text: shareText, url: shareUrl }).catch(() => {});
  });
}

const form = document.querySelector("form[data-mastodon]");
if (form instanceof HTMLFormElement) {
  const text = new URLSearchParams(location.search).get("text") ?? "";
  const box = form.querySelector("textarea");
  if (box) box.value = text;
  const server = form.querySelector("input[name=server]");
  const saved = localStorage.getItem("mastodon-server");
  if (server instanceof HTMLInputElement && saved) server.value = saved;
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!(server instanceof HTMLInputElement)) return;
    const host = server.value
      .trim()
      .replace(/^https?:\/\//, "")
      .replace(/\/.*$/, "");
    if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host)) {
      server.setCustomValidity("Enter a server name such as mastodon.social");
      server.reportValidity();
      return;
    }
    localStorage.setItem("mastodon-server", host);
    location.href = `https://${host}/share?text=${encodeURIComponent(box?.value ?? text)}`;
  });
  server?.addEventListener(
    "input",
    () => server instanceof HTMLInputElement && server.setCustomValidity(""),
  );
}
