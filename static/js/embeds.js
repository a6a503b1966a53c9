/* The facade of a video or map in an article (articles/embeds.py): nothing is asked of YouTube,
   Facebook or Google until the reader presses the play button; then the player takes the
   facade's place and keyboard focus. The player's address was written by the server from a
   checked video id, never taken from the body as typed. */
(function () {
  "use strict";

  function play(frame) {
    var iframe = document.createElement("iframe");
    iframe.src = frame.getAttribute("data-embed-src");
    iframe.title = frame.getAttribute("data-embed-title") || "";
    iframe.className = "embed__player";
    iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    iframe.allowFullscreen = true;
    iframe.referrerPolicy = "strict-origin-when-cross-origin";
    frame.replaceChildren(iframe);
    frame.classList.add("is-playing");
    iframe.focus();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".embed__play");
    if (!button) {
      return;
    }
    var frame = button.closest("[data-embed-src]");
    if (frame) {
      play(frame);
    }
  });
})();
