// The section menu. Wider than 480 px it is one row that scrolls sideways: the current
// section is scrolled into view. Narrower, it folds behind a "Chuyên mục" button: opening it
// moves the focus to the current (or first) section, Escape closes it and gives the focus back
// to the button. Without JavaScript the menu stays the scrolling row.
(function () {
  "use strict";
  var nav = document.querySelector("[data-site-nav]");
  if (!nav) {
    return;
  }
  var list = nav.querySelector(".site-nav__list");
  var toggle = nav.querySelector("[data-site-nav-toggle]");
  var narrow = window.matchMedia("(max-width: 29.99em)");

  function current() {
    return list.querySelector(".is-current");
  }

  function showCurrent() {
    var link = current();
    if (link && list.scrollWidth > list.clientWidth) {
      var item = link.parentElement;
      list.scrollLeft = item.offsetLeft - (list.clientWidth - item.offsetWidth) / 2;
    }
  }

  function setOpen(open) {
    nav.classList.toggle("is-open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function layout() {
    var folded = narrow.matches;
    nav.classList.toggle("is-foldable", folded);
    toggle.hidden = !folded;
    setOpen(false);
    if (!folded) {
      showCurrent();
    }
  }

  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    setOpen(open);
    if (open) {
      (current() || list.querySelector("a")).focus();
    }
  });

  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && nav.classList.contains("is-open")) {
      setOpen(false);
      toggle.focus();
    }
  });

  nav.addEventListener("focusout", function (event) {
    if (nav.classList.contains("is-open") && !nav.contains(event.relatedTarget)) {
      setOpen(false);
    }
  });

  narrow.addEventListener("change", layout);
  layout();
})();
