/* The article form's tag field (articles.forms.TagSuggestWidget): as the journalist types the
   last tag of "Quy hoạch, Nam Từ", existing tags are offered in the field's datalist, each as
   the whole value with that last tag completed. */
(function () {
  "use strict";

  var SUGGEST_DELAY_MS = 200;

  function lastTag(value) {
    var parts = value.split(",");
    return { before: parts.slice(0, -1), typed: parts[parts.length - 1].trim() };
  }

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var address = input.getAttribute("data-tag-suggest");
    var asked = "";
    if (!list || !address) {
      return;
    }
    var waiting = null;
    var inFlight = null;

    function ask() {
      var value = lastTag(input.value);
      if (value.typed.length < 1 || value.typed === asked) {
        return;
      }
      asked = value.typed;
      if (inFlight) {
        inFlight.abort();
      }
      inFlight = new AbortController();
      fetch(address + "?q=" + encodeURIComponent(value.typed), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: inFlight.signal
      })
        .then(function (response) { return response.ok ? response.json() : { tags: [] }; })
        .then(function (answer) {
          if (asked !== value.typed) {
            return;
          }
          var prefix = value.before.map(function (tag) { return tag.trim(); })
            .filter(Boolean).join(", ");
          list.replaceChildren.apply(list, answer.tags.map(function (tag) {
            var option = document.createElement("option");
            option.value = prefix ? prefix + ", " + tag : tag;
            return option;
          }));
        })
        .catch(function () { /* aborted, or no suggestions: typing still works */ });
    }

    // One request once typing pauses, not one per keystroke; a newer one cancels the older.
    input.addEventListener("input", function () {
      clearTimeout(waiting);
      waiting = setTimeout(ask, SUGGEST_DELAY_MS);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-tag-suggest]").forEach(attach);
  });
})();
