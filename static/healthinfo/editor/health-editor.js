// The rich-text editor for health page sections (see healthinfo/editing/widgets.py).
//
// Built from django-prose-editor's ProseMirror parts, served from our own static
// files. Differences from the package's presets:
// - only what our sanitiser keeps (headings 3-4, lists, bold, italic, links, tables);
// - "Link to an article": a dialog with a searchable list of published articles
//   that writes a [[slug|text]] token;
// - no injected <style> element (our Content-Security-Policy allows our own
//   stylesheets only: health-editor.css carries those rules);
// - the editable area is labelled by the field's <label> and described by its
//   help text; the toolbar is a labelled toolbar whose toggle buttons say
//   whether they are pressed, and every button and text style is named in the
//   page's language (the package's own labels are English); its dialogs are
//   named by their titles and translated (the JavaScript catalogue, labelDialogs).
import {
  Bold,
  BulletList,
  Document,
  Editor,
  Extension,
  HardBreak,
  Heading,
  History,
  Italic,
  Link,
  ListItem,
  Menu,
  OrderedList,
  Paragraph,
  Table,
  TableCell,
  TableHeader,
  TableRow,
  Text,
  initializeEditors,
} from "django-prose-editor/editor";

const ATTRIBUTE = "data-health-editor";
let dialogCounter = 0;

function interpolate(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_match, key) => String(values[key] ?? ""));
}

// A token's text part cannot hold the token's own brackets.
function tokenText(text) {
  return text.replace(/\[\[|\]\]/g, "").replace(/\s+/g, " ").trim();
}

function articleToken(slug, text) {
  const words = tokenText(text);
  return words ? `[[${slug}|${words}]]` : `[[${slug}]]`;
}

// The dialog that finds a published article. One per editor, built on first use.
function articlePicker(config) {
  const labels = config.labels;
  const id = `health-editor-article-dialog-${++dialogCounter}`;
  const dialog = document.createElement("dialog");
  dialog.className = "health-editor-dialog";
  dialog.setAttribute("aria-labelledby", `${id}-title`);
  dialog.innerHTML = `
    <form method="dialog">
      <h2 id="${id}-title"></h2>
      <p>
        <label for="${id}-search"></label>
        <input id="${id}-search" type="search" role="combobox" autocomplete="off"
               aria-autocomplete="list" aria-expanded="false" aria-controls="${id}-list"
               aria-describedby="${id}-help">
        <small id="${id}-help"></small>
      </p>
      <ul id="${id}-list" role="listbox" class="health-editor-results"></ul>
      <p class="health-editor-status" role="status" aria-live="polite"></p>
      <p>
        <label for="${id}-text"></label>
        <input id="${id}-text" type="text" maxlength="200">
      </p>
      <p class="health-editor-actions">
        <button type="submit" value="insert" class="health-editor-insert" disabled></button>
        <button type="submit" value="cancel" formnovalidate></button>
      </p>
    </form>`;
  dialog.querySelector("h2").textContent = labels.dialogTitle;
  dialog.querySelector(`label[for="${id}-search"]`).textContent = labels.search;
  dialog.querySelector(`#${id}-help`).textContent = labels.searchHelp;
  dialog.querySelector(`label[for="${id}-text"]`).textContent = labels.linkText;
  dialog.querySelector(".health-editor-insert").textContent = labels.insert;
  dialog.querySelector('button[value="cancel"]').textContent = labels.cancel;
  document.body.append(dialog);

  const search = dialog.querySelector(`#${id}-search`);
  const list = dialog.querySelector(`#${id}-list`);
  const status = dialog.querySelector(".health-editor-status");
  const textInput = dialog.querySelector(`#${id}-text`);
  const insert = dialog.querySelector(".health-editor-insert");
  let results = [];
  let active = -1;
  let chosen = null;
  let pending = null;

  function show(index) {
    active = index;
    for (const [position, option] of [...list.children].entries()) {
      option.setAttribute("aria-selected", String(position === index));
    }
    if (index >= 0) {
      search.setAttribute("aria-activedescendant", `${id}-option-${index}`);
      list.children[index].scrollIntoView({ block: "nearest" });
    } else {
      search.removeAttribute("aria-activedescendant");
    }
  }

  function choose(index) {
    if (index < 0 || index >= results.length) return;
    chosen = results[index];
    show(index);
    insert.disabled = false;
  }

  function render() {
    list.replaceChildren(
      ...results.map((result, index) => {
        const option = document.createElement("li");
        option.id = `${id}-option-${index}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = result.title;
        const slug = document.createElement("span");
        slug.className = "health-editor-slug";
        slug.textContent = ` [[${result.slug}]]`;
        option.append(slug);
        option.addEventListener("click", () => {
          choose(index);
          textInput.focus();
        });
        return option;
      }),
    );
    search.setAttribute("aria-expanded", String(results.length > 0));
    status.textContent = results.length
      ? interpolate(labels.results, { count: results.length })
      : labels.noResults;
    chosen = null;
    insert.disabled = true;
    show(-1);
  }

  async function load() {
    pending?.abort();
    pending = new AbortController();
    const url = new URL(config.articleSearchUrl, window.location.href);
    url.searchParams.set("q", search.value);
    url.searchParams.set("language", config.language || "");
    try {
      const response = await fetch(url, {
        signal: pending.signal,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(String(response.status));
      results = (await response.json()).results;
      render();
    } catch (error) {
      if (error.name !== "AbortError") {
        results = [];
        list.replaceChildren();
        status.textContent = labels.failed;
      }
    }
  }

  let timer = null;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(load, 150);
  });
  search.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!results.length) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      choose((active + step + results.length) % results.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (active >= 0) {
        choose(active);
        textInput.focus();
      }
    }
  });
  textInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      if (chosen) dialog.close("insert");
    }
  });
  let callback = null;
  dialog.addEventListener("close", () => {
    const done = callback;
    callback = null;
    if (!done) return;
    const wanted = dialog.returnValue === "insert" && chosen;
    done(wanted ? articleToken(chosen.slug, textInput.value) : null);
  });

  return {
    open(selectedText, whenDone) {
      callback = whenDone;
      search.value = "";
      textInput.value = tokenText(selectedText || "");
      dialog.returnValue = "";
      dialog.showModal();
      search.focus();
      load();
    },
  };
}

// The toolbar button and command that insert a [[slug|text]] token.
const ArticleLink = Extension.create({
  name: "articleLink",
  addOptions() {
    return { config: null };
  },
  addStorage() {
    return { picker: null };
  },
  addMenuItems({ menu, buttons }) {
    const { config } = this.options;
    const storage = this.storage;
    menu.defineItem({
      name: "articleLink",
      groups: "link",
      button: buttons.text("[[…]]", config.labels.articleLink),
      command(editor) {
        storage.picker ??= articlePicker(config);
        const { from, to } = editor.state.selection;
        const selected = editor.state.doc.textBetween(from, to, " ");
        storage.picker.open(selected, (token) => {
          if (token === null) {
            editor.commands.focus();
            return;
          }
          editor
            .chain()
            .focus()
            .insertContentAt({ from, to }, { type: "text", text: token })
            .run();
        });
      },
      enabled: (editor) => editor.isEditable,
    });
  },
});

function describe(element, textarea) {
  const label = document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`);
  if (label) {
    label.id ||= `${textarea.id}-label`;
    element.setAttribute("aria-labelledby", label.id);
    // A click on the label focuses the editable area, not the hidden textarea.
    label.addEventListener("click", (event) => {
      event.preventDefault();
      element.focus();
    });
  }
  const describedBy = textarea.getAttribute("aria-describedby");
  if (describedBy) element.setAttribute("aria-describedby", describedBy);
  if (textarea.getAttribute("aria-invalid")) {
    element.setAttribute("aria-invalid", textarea.getAttribute("aria-invalid"));
  }
}

// The label of a text style: "paragraph" or "heading 3" in the package's words.
function styleLabel(name, labels) {
  const level = /^heading ?(\d)$/.exec(name || "");
  if (level) return interpolate(labels.heading, { level: level[1] });
  return name === "paragraph" ? labels.paragraph : null;
}

// The package labels its buttons in English: say them in the page's language.
function translateButtons(toolbar, labels) {
  for (const button of toolbar.querySelectorAll("button")) {
    if (button.classList.contains("prose-menubar__option")) {
      // A choice in the text-style picker: its text is its label (h3, h4 or p inside).
      const label = styleLabel(button.dataset.name, labels);
      const shown = button.firstElementChild || button;
      if (label && shown.textContent !== label) shown.textContent = label;
      continue;
    }
    let label = labels.buttons[button.dataset.name];
    if (!label && button.closest(".prose-menubar__selected")) {
      // The picker shows the current style's own button: name the picker and the style.
      button.dataset.style ||= button.getAttribute("aria-label") || "";
      const style = styleLabel(button.dataset.style, labels);
      if (style) label = `${labels.textStyle}: ${style}`;
    }
    if (label && button.getAttribute("aria-label") !== label) {
      button.setAttribute("aria-label", label);
      button.title = label;
    }
  }
}

function labelToolbar(wrapper, editor, config) {
  const toolbar = wrapper.querySelector(".prose-menubar");
  if (!toolbar) return;
  toolbar.setAttribute("role", "toolbar");
  toolbar.setAttribute("aria-label", config.labels.toolbar);
  const update = () => {
    translateButtons(toolbar, config.labels);
    for (const button of toolbar.querySelectorAll("button")) {
      if (button.classList.contains("prose-menubar__button--active")) {
        button.setAttribute("aria-pressed", "true");
      } else if (button.hasAttribute("aria-pressed")) {
        button.setAttribute("aria-pressed", "false");
      }
    }
  };
  editor.on("transaction", update);
  update();
}

// The package's own dialogs (a link, a table, list properties) are translated through
// the JavaScript catalogue (window.gettext, /admin/jsi18n/); two things it leaves
// undone are done here: the dialog is named by its title, and the table dialog's
// "Yes"/"No" choices are said in the page's language (their values stay as the
// package reads them).
function labelDialogs(wrapper, labels) {
  const label = (dialog) => {
    const title = dialog.querySelector(".prose-editor-dialog-title");
    if (title && !dialog.hasAttribute("aria-labelledby")) {
      title.id ||= `health-editor-dialog-title-${++dialogCounter}`;
      dialog.setAttribute("aria-labelledby", title.id);
    }
    const choices = { Yes: labels.yes, No: labels.no };
    for (const option of dialog.querySelectorAll("select option")) {
      const text = choices[option.value];
      if (text && option.textContent !== text) {
        option.setAttribute("value", option.value); // the value the package reads stays
        option.textContent = text;
      }
    }
  };
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const dialogs = node.matches("dialog.prose-editor-dialog")
          ? [node]
          : node.querySelectorAll("dialog.prose-editor-dialog");
        dialogs.forEach(label);
      }
    }
  }).observe(wrapper, { childList: true, subtree: true });
}

// The size the server accepts, checked before a form is sent (the server checks again).
function guardSize(textarea, config) {
  const form = textarea.form;
  if (!form || form.dataset.healthEditorGuard) return;
  form.dataset.healthEditorGuard = "1";
  form.addEventListener("submit", (event) => {
    for (const field of form.querySelectorAll(`textarea[${ATTRIBUTE}]`)) {
      const bytes = new Blob([field.value]).size;
      if (bytes > config.maxBytes) {
        event.preventDefault();
        const limit = `${Math.round(config.maxBytes / 1000)} KB`;
        window.alert(interpolate(config.labels.tooLarge, { limit }));
        return;
      }
    }
  });
}

export function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE));
  const disabled = textarea.hasAttribute("disabled");
  const wrapper = document.createElement("div");
  wrapper.className = `prose-editor${disabled ? " disabled" : ""}`;
  textarea.before(wrapper);
  wrapper.append(textarea);
  const editor = new Editor({
    element: wrapper,
    editable: !disabled,
    injectCSS: false,
    extensions: [
      Document,
      Paragraph,
      Text,
      HardBreak,
      History,
      Menu,
      Heading.configure({ levels: config.headingLevels }),
      Bold,
      Italic,
      BulletList,
      OrderedList,
      ListItem,
      Link.configure({
        openOnClick: false,
        enableTarget: false,
        protocols: ["http", "https", "mailto", "tel"],
        HTMLAttributes: { target: null, rel: null, class: null },
      }),
      Table,
      TableRow,
      TableHeader,
      TableCell,
      ArticleLink.configure({ config }),
    ],
    content: textarea.value,
    editorProps: {
      attributes: { role: "textbox", "aria-multiline": "true" },
    },
    onUpdate({ editor: current }) {
      const html = current.getHTML();
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
    onCreate({ editor: created }) {
      // The editable area and the toolbar exist only once the editor is mounted.
      describe(created.view.dom, textarea);
      labelToolbar(wrapper, created, config);
      labelDialogs(wrapper, config.labels);
    },
    onDestroy() {
      wrapper.before(textarea);
      wrapper.remove();
    },
  });
  guardSize(textarea, config);
  textarea.dispatchEvent(
    new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }),
  );
  return editor;
}

initializeEditors(createEditor, `[${ATTRIBUTE}]`);
