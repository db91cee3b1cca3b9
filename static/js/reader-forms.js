// Forms in a page shared by every reader (and kept by HTTP caches) carry no token of
// their own: this reader's CSRF token and the question form's timestamp are asked for
// once, when she starts using a form. Without JavaScript those forms stay hidden and a
// link leads to the same form on a page of its own.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-reader-tokens]");
  if (!forms.length) { return; }
  document.querySelectorAll("[data-without-js]").forEach(function (element) { element.hidden = true; });
  document.querySelectorAll("[data-with-js]").forEach(function (element) { element.hidden = false; });
  var pending = null;
  function tokens(url) {
    if (!pending) {
      pending = fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error("tokens: " + response.status); }
          return response.json();
        });
      pending.catch(function () { pending = null; });  // asked again on the next try
    }
    return pending;
  }
  function fill(form, values) {
    Object.keys(values).forEach(function (name) {
      var input = form.querySelector('input[name="' + name + '"]');
      if (name === "started" && !input) { return; }  // only the question form has a timestamp
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        form.prepend(input);
      }
      if (!input.value) { input.value = values[name]; }
    });
    form.setAttribute("data-tokens-filled", "");
  }
  forms.forEach(function (form) {
    var url = form.getAttribute("data-reader-tokens");
    function prepare() { return tokens(url).then(function (values) { fill(form, values); }); }
    form.addEventListener("focusin", function () { prepare().catch(function () {}); }, { once: true });
    form.addEventListener("submit", function (event) {
      if (form.hasAttribute("data-tokens-filled")) { return; }
      event.preventDefault();
      var submitter = event.submitter;
      prepare().then(function () {
        if (form.requestSubmit) { form.requestSubmit(submitter || undefined); return; }
        if (submitter && submitter.name) {
          var choice = document.createElement("input");
          choice.type = "hidden";
          choice.name = submitter.name;
          choice.value = submitter.value;
          form.append(choice);
        }
        form.submit();
      }).catch(function () {
        // The token could not be fetched: send the reader to the form's own page.
        window.location.href = form.getAttribute("action");
      });
    });
  });
}());
