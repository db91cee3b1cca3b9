// Question moderation page: conveniences on top of forms that work without JavaScript.
(function () {
  "use strict";

  // Insert the chosen canned reply into the reply text here, instead of a round trip.
  var insert = document.querySelector("[data-insert-canned]");
  var select = document.getElementById("id_canned_reply");
  var reply = document.getElementById("id_reply");
  var data = document.getElementById("canned-replies");
  if (insert && select && reply && data) {
    var bodies = JSON.parse(data.textContent);
    insert.addEventListener("click", function (event) {
      var body = bodies[select.value];
      if (!body) { return; }  // let the server explain that nothing was chosen
      event.preventDefault();
      var current = reply.value.replace(/\s+$/, "");
      reply.value = current ? current + "\n\n" + body : body;
      reply.focus();
      reply.setSelectionRange(reply.value.length, reply.value.length);
    });
  }

  // Selecting text in the question fills in "Text to remove" and where it is.
  var source = document.querySelector("[data-redact-source]");
  var text = document.getElementById("id_redact_text");
  var start = document.getElementById("id_redact_start");
  var end = document.getElementById("id_redact_end");
  if (!source || !text || !start || !end) { return; }
  function codePoints(value) { return Array.from(value).length; }
  function takeSelection() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!source.contains(range.startContainer) || !source.contains(range.endContainer)) { return; }
    var before = document.createRange();
    before.selectNodeContents(source);
    before.setEnd(range.startContainer, range.startOffset);
    var selected = range.toString();
    var offset = codePoints(before.toString());
    text.value = selected;
    start.value = String(offset);
    end.value = String(offset + codePoints(selected));
  }
  source.addEventListener("mouseup", takeSelection);
  source.addEventListener("keyup", takeSelection);
  source.addEventListener("touchend", takeSelection);
  text.addEventListener("input", function () { start.value = ""; end.value = ""; });
}());
