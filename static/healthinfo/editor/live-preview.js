// The live preview (templates/admin/healthinfo/drafttranslation/live_preview.html):
// width links switch the frame between desktop, tablet and phone widths without a
// reload, and the frame reloads when the draft's revision changes (a save, here or
// in another browser), checked every few seconds while the tab is visible.
const POLL_MS = 3000;

function interpolate(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_match, key) => String(values[key] ?? ""));
}

function setUp(root) {
  const frame = root.querySelector("iframe");
  const status = root.querySelector("[data-live-preview-status]");
  let revision = root.dataset.revision;

  for (const link of root.querySelectorAll("[data-width]")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      frame.classList.remove(frame.dataset.widthClass);
      frame.dataset.widthClass = `width-${link.dataset.width}`;
      frame.classList.add(frame.dataset.widthClass);
      for (const other of root.querySelectorAll("[data-width]")) other.removeAttribute("aria-current");
      link.setAttribute("aria-current", "true");
      const url = new URL(window.location.href);
      url.searchParams.set("width", link.dataset.width);
      window.history.replaceState(null, "", url);
    });
  }

  async function check() {
    if (document.visibilityState !== "visible") return;
    try {
      const response = await fetch(root.dataset.revisionUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const data = await response.json();
      if (data.gone) {
        status.textContent = root.dataset.goneMessage;
        return;
      }
      if (String(data.revision) !== String(revision)) {
        revision = data.revision;
        frame.contentWindow.location.reload();
        const time = new Date().toLocaleTimeString(document.documentElement.lang || undefined, {
          hour: "2-digit",
          minute: "2-digit",
        });
        status.textContent = interpolate(root.dataset.updatedMessage, { time });
      }
    } catch {
      // Offline for a moment: the next check tries again.
    }
  }

  setInterval(check, POLL_MS);
  document.addEventListener("visibilitychange", check);
}

for (const root of document.querySelectorAll("[data-live-preview]")) setUp(root);
