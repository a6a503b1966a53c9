/* CKEditor 4 uploads pictures with XMLHttpRequest (pasted or dropped pictures, and the Upload tab
   of the image dialog, CKEDITOR_CONFIGS filebrowserUploadMethod "xhr"). Django's CSRF check
   protects the upload view (articles/editor/views.py), so every upload carries the token of the
   page's form in the X-CSRFToken header. Loaded after ckeditor.js by the editor widget
   (articles/editor/). */
(function () {
  "use strict";

  if (!window.CKEDITOR) {
    return;
  }

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  // Read when each upload is sent, so the token is the page's current one.
  var headers = {};
  Object.defineProperty(headers, "X-CSRFToken", { enumerable: true, get: csrfToken });
  window.CKEDITOR.config.fileTools_requestHeaders = headers;

  // A refused upload answers 4xx with {"error": {"message": …}}. The image dialog shows that
  // message; for a pasted or dropped picture CKEditor would only say "HTTP error 415", so
  // show the server's explanation there too.
  window.CKEDITOR.on("instanceCreated", function (event) {
    event.editor.on("fileUploadRequest", function (request) {
      var loader = request.data.fileLoader;
      loader.on(
        "error",
        function () {
          try {
            var answer = JSON.parse(loader.xhr.responseText);
            if (answer && answer.error && answer.error.message) {
              loader.message = answer.error.message;
            }
          } catch (ignored) {
            // Not JSON: keep CKEditor's own message.
          }
        },
        null,
        null,
        1
      );
    });
  });
})();
