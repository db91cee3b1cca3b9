// Text size control: remembered in this browser only (localStorage), never sent to us.
(function () {
  "use strict";
  var KEY = "healthinfo-text-size";
  var MAX = 3;
  var root = document.documentElement;
  function read() {
    try { return Math.max(0, Math.min(MAX, parseInt(localStorage.getItem(KEY) || "0", 10) || 0)); }
    catch (e) { return 0; }
  }
  function apply(size) {
    if (size > 0) { root.setAttribute("data-text-size", String(size)); }
    else { root.removeAttribute("data-text-size"); }
    try { localStorage.setItem(KEY, String(size)); } catch (e) { /* private mode: keep for this page */ }
  }
  apply(read());
  var group = document.querySelector(".text-size");
  if (!group) { return; }
  group.hidden = false;
  group.addEventListener("click", function (event) {
    var button = event.target.closest("[data-text-size]");
    if (!button) { return; }
    var size = read() + (button.getAttribute("data-text-size") === "up" ? 1 : -1);
    apply(Math.max(0, Math.min(MAX, size)));
  });
}());

// Print button: the print stylesheet does the work (no navigation, link addresses written out).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
}());


// The menu (a <details>): Escape closes it and puts the focus back on its button.
(function () {
  "use strict";
  var menu = document.querySelector(".site-menu");
  if (!menu) { return; }
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
}());
