/* The pending-comments badge: in the header, and beside the comment links of the index and
   the sidebar; the count is read every minute from a small JSON endpoint (staff who may
   moderate only), so it stays current without a reload. */
(function () {
  "use strict";
  var header = document.querySelector("[data-pending-url]");
  if (!header || !window.fetch) {
    return;
  }
  var url = header.getAttribute("data-pending-url");
  var listPath = header.getAttribute("href").split("?")[0];

  function badges() {
    var links = document.querySelectorAll('a[href="' + listPath + '"]');
    for (var i = 0; i < links.length; i += 1) {
      if (!links[i].querySelector("[data-pending-count]")) {
        var badge = document.createElement("span");
        badge.className = "pending-badge__count";
        badge.setAttribute("data-pending-count", "");
        links[i].appendChild(document.createTextNode(" "));
        links[i].appendChild(badge);
      }
    }
  }

  function show(count) {
    var counts = document.querySelectorAll("[data-pending-count]");
    for (var i = 0; i < counts.length; i += 1) {
      counts[i].textContent = String(count);
      counts[i].hidden = count === 0 && counts[i].parentNode !== header;
    }
    header.hidden = false;
  }

  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          show(data.pending);
        }
      })
      .catch(function () {});
  }

  badges();
  refresh();
  window.setInterval(refresh, 60000);
})();
