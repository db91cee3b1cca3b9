/*
 * The words of django-prose-editor's own dialogs (its link, table and list
 * dialogs…), which its editor.js passes to window.gettext and for which the
 * package ships no Spanish. Listed here, as they are written there, so that
 * `make makemessages` (makemessages -d djangojs) keeps them in
 * locale/es/LC_MESSAGES/djangojs.po; the admin's JavaScript catalogue
 * (/admin/jsi18n/, loaded before the editor on every page that has one)
 * serves the translations. No page loads this file. A test compares the list
 * with the installed package's strings, so an upgrade that adds one fails it.
 */
const gettext_noop = (text) => text;

export const PROSE_EDITOR_STRINGS = [
  gettext_noop("Add caption"),
  gettext_noop("Alternative Text"),
  gettext_noop("Browse..."),
  gettext_noop("Bullets"),
  gettext_noop("Cancel"),
  gettext_noop("Caption"),
  gettext_noop("Columns"),
  gettext_noop("Decimal numbers"),
  gettext_noop("Edit Figure"),
  gettext_noop("Edit HTML"),
  gettext_noop("Edit Image"),
  gettext_noop("Edit Link"),
  gettext_noop("Image URL"),
  gettext_noop("Include header row"),
  gettext_noop("Insert Figure"),
  gettext_noop("Insert Table"),
  gettext_noop("Insert"),
  gettext_noop("List properties"),
  gettext_noop("List type"),
  gettext_noop("Lowercase Roman numerals"),
  gettext_noop("Lowercase letters"),
  gettext_noop("Open in new window"),
  gettext_noop("Prettify"),
  gettext_noop("Remove caption"),
  gettext_noop("Rows"),
  gettext_noop("Start at"),
  gettext_noop("Table Properties"),
  gettext_noop("The HTML contents of the editor. Note that the allowed HTML is restricted by the editor schema."),
  gettext_noop("Title"),
  gettext_noop("Toggle fullscreen"),
  gettext_noop("URL"),
  gettext_noop("Update"),
  gettext_noop("Uppercase Roman numerals"),
  gettext_noop("Uppercase letters"),
];
