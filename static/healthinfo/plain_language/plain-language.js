// The live plain-language check: sends the form's text to the check endpoint as the
// editor types (after a pause) and fills in the report beside it. Works with any form
// marked data-plain-language-check="<endpoint>" (or any element so marked, with
// data-plain-language-form="<the form's id>"), whose text fields are marked
// data-plain-language-source ("html" for editor bodies, "heading" for section
// headings, "summary" for the summary). The page's language is the form's "language"
// field, or data-plain-language-language. Parts marked for deletion, and the
// template the admin copies for "Add another", are left out.
const PAUSE_MS = 600;

function interpolate(template, values) {
  return template.replace(/\{(\w+)\}/g, (_match, key) => String(values[key] ?? ""));
}

function fill(report, data) {
  for (const element of report.querySelectorAll("[data-result]")) {
    const key = element.dataset.result;
    if (key === "verdict") {
      element.textContent = data.score === null ? "" : data.above_target ? element.dataset.above : element.dataset.within;
      element.classList.toggle("plain-language-above", Boolean(data.above_target));
    } else {
      const value = data[key];
      element.textContent = value === null || value === undefined || value === "" ? "—" : String(value);
    }
  }
  for (const list of report.querySelectorAll("[data-result-list]")) {
    const items = data[list.dataset.resultList] || [];
    const rows = items.map((item) => {
      const row = document.createElement("li");
      row.textContent = interpolate(list.dataset.template, { ...item, plain: (item.plain || []).join(", ") });
      return row;
    });
    if (!rows.length) {
      const row = document.createElement("li");
      row.textContent = list.dataset.none;
      rows.push(row);
    }
    list.replaceChildren(...rows);
  }
  report.removeAttribute("data-empty");
}

function leftOut(field) {
  if (field.closest(".empty-form")) return true;
  const part = field.closest(".inline-related");
  const remove = part?.querySelector('input[type="checkbox"][name$="-DELETE"]');
  return Boolean(remove?.checked);
}

function watch(marked) {
  const form = marked.tagName === "FORM" ? marked : document.getElementById(marked.dataset.plainLanguageForm);
  const url = marked.dataset.plainLanguageCheck;
  const report = (marked.tagName === "FORM" ? document : marked).querySelector("[data-plain-language-results]");
  if (!form || !report) return;
  let timer = null;
  let pending = null;

  async function send() {
    const body = new FormData();
    const language = form.querySelector('[name="language"]');
    body.set(
      "language",
      marked.dataset.plainLanguageLanguage || (language ? language.value : document.documentElement.lang || "en"),
    );
    for (const field of form.querySelectorAll("[data-plain-language-source]")) {
      if (leftOut(field)) continue;
      if (field.dataset.plainLanguageSource === "summary") body.set("summary", field.value);
      else if (field.dataset.plainLanguageSource === "heading") body.append("heading", field.value);
      else body.append("body", field.value);
    }
    pending?.abort();
    pending = new AbortController();
    const token = form.querySelector('[name="csrfmiddlewaretoken"]');
    try {
      const response = await fetch(url, {
        method: "POST",
        body,
        signal: pending.signal,
        credentials: "same-origin",
        headers: token ? { "X-CSRFToken": token.value } : {},
      });
      if (response.ok) fill(report, await response.json());
    } catch (error) {
      if (error.name !== "AbortError") report.setAttribute("data-empty", "");
    }
  }

  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(send, PAUSE_MS);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  send();
}

for (const form of document.querySelectorAll("[data-plain-language-check]")) watch(form);
