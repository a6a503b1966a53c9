/* The editor's gallery (articles.editor.views.browse): clicking a picture hands its address to
   the image dialog of the editor window that opened the gallery, then closes the gallery. */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var gallery = document.querySelector("[data-editor-browse]");
    if (!gallery) {
      return;
    }
    var functionNumber = gallery.getAttribute("data-function-number");
    var editorWindow = window.opener;
    if (!functionNumber || !editorWindow || !editorWindow.CKEDITOR) {
      return;
    }
    gallery.addEventListener("click", function (event) {
      var button = event.target.closest("[data-url]");
      if (!button) {
        return;
      }
      editorWindow.CKEDITOR.tools.callFunction(
        Number(functionNumber),
        button.getAttribute("data-url")
      );
      window.close();
    });
  });
})();
