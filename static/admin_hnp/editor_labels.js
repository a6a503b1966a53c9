/* Labels of CKEditor 4's dialogs that its Vietnamese translation gets wrong for the newsroom:
   the image dialog's alt-text field is called "Chú thích ảnh" (caption), so journalists wrote
   captions there. Its label comes from the editor's configuration (hnpAltLabel, set and
   translated by articles/editor/widgets.py). Loaded after ckeditor.js. */
(function () {
  "use strict";

  if (!window.CKEDITOR) {
    return;
  }

  window.CKEDITOR.on("dialogDefinition", function (event) {
    var label = event.editor.config.hnpAltLabel;
    if (!label || (event.data.name !== "image2" && event.data.name !== "image")) {
      return;
    }
    var info = event.data.definition.getContents("info");
    var alt = info && info.get("alt");
    if (alt) {
      alt.label = label;
    }
  });
})();
