// The article editing page (templates/admin/healthinfo/drafttranslation/change_form.html):
// - the address (slug) of a new article follows its title until the editor edits it;
// - "Move up" / "Move down" move a section, reference or figure on the page at once
//   (without JavaScript they submit the form, which saves the move), keep the focus
//   on the button pressed and say where the part went;
// - parts added with "Add another" are numbered after the others.

function interpolate(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_match, key) => String(values[key] ?? ""));
}

export function slugify(text) {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100)
    .replace(/-+$/g, "");
}

function followTitle(slugInput) {
  const title = document.getElementById(slugInput.dataset.slugFrom);
  if (!title) return;
  let edited = slugInput.value !== "" && slugInput.value !== slugify(title.value);
  slugInput.addEventListener("input", () => {
    edited = slugInput.value !== "";
  });
  title.addEventListener("input", () => {
    if (!edited) slugInput.value = slugify(title.value);
  });
}

const announcer = () => document.querySelector("[data-draft-announcer]");

function rows(group) {
  return [...group.querySelectorAll(":scope > fieldset > .inline-related")].filter(
    (row) => !row.classList.contains("empty-form"),
  );
}

function renumber(group) {
  for (const [index, row] of rows(group).entries()) {
    const order = row.querySelector('input[name$="-order"]');
    if (order) order.value = String(index + 1);
    for (const number of row.querySelectorAll(".part-number")) number.textContent = String(index + 1);
  }
}

function move(button) {
  const row = button.closest(".inline-related");
  const group = button.closest(".draft-parts");
  if (!row || !group) return;
  const up = button.dataset.direction === "up";
  const all = rows(group);
  const position = all.indexOf(row);
  const other = all[position + (up ? -1 : 1)];
  const name = group.dataset.partName;
  const label = row.querySelector(".inline_label")?.textContent.trim();
  const part = label ? `${name} “${label}”` : name;
  if (!other) {
    announcer().textContent = interpolate(group.dataset.edgeMessage, { part });
    return;
  }
  if (up) other.before(row);
  else other.after(row);
  renumber(group);
  button.focus();
  announcer().textContent = interpolate(group.dataset.movedMessage, {
    part,
    position: position + (up ? 0 : 2),
    count: all.length,
  });
  row.closest("form")?.dispatchEvent(new Event("change", { bubbles: true }));
}

document.addEventListener("click", (event) => {
  const button = event.target.closest('button[name="_move"]');
  if (!button || !button.closest(".draft-parts")) return;
  event.preventDefault();
  move(button);
});

for (const slugInput of document.querySelectorAll("input[data-slug-from]")) followTitle(slugInput);

// Rows added by the admin's "Add another" (a jQuery event from inlines.js).
const jQuery = window.django?.jQuery;
if (jQuery) {
  jQuery(document).on("formset:added", (event) => {
    const group = event.target.closest(".draft-parts");
    if (group) renumber(group);
  });
}
