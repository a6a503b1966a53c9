/* The editor's gallery, the media library (articles.editor.views.browse): clicking a picture
   hands its address (and alternative text) to the image dialog of the editor window that
   opened the gallery, then closes the gallery. */
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
      var alt = button.getAttribute("data-alt") || "";
      // CKEditor calls the function with the dialog's browse button as "this": the library's
      // alternative text fills the dialog's field unless the journalist typed one already.
      editorWindow.CKEDITOR.tools.callFunction(
        Number(functionNumber),
        button.getAttribute("data-url"),
        function () {
          var dialog = this.getDialog && this.getDialog();
          var field = dialog && dialog.getContentElement("info", "alt");
          if (alt && field && !field.getValue()) {
            field.setValue(alt);
          }
        }
      );
      window.close();
    });
  });
})();
