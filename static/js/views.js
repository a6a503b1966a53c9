// Counts a view of the article page: one POST beacon to the address in data-view-beacon
// (articles:count_view). It works on cached pages too, and never delays the page.
// A page the browser prerenders is counted only once the reader actually opens it.
(function () {
  "use strict";
  var element = document.querySelector("[data-view-beacon]");
  if (!element || !navigator.sendBeacon) {
    return;
  }
  function send() {
    navigator.sendBeacon(element.getAttribute("data-view-beacon"));
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
