// "Copy link" on the article page: copies the article's address instead of opening it.
// Without JavaScript (or without the clipboard API) it stays a plain link to the article.
// "In bài" (print) is a button that only works with JavaScript: shown here.
(function () {
  "use strict";
  document.querySelectorAll("[data-print-item]").forEach(function (item) {
    item.hidden = false;
    item.querySelector("[data-print]").addEventListener("click", function () {
      window.print();
    });
  });
})();

(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("[data-copy-link]").forEach(function (link) {
    var status = link.closest(".share").querySelector("[data-copy-status]");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      navigator.clipboard.writeText(link.href).then(
        function () {
          status.textContent = link.getAttribute("data-msg-copied");
        },
        function () {
          status.textContent = link.getAttribute("data-msg-failed");
        }
      );
    });
  });
})();
