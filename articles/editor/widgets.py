from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django.urls import reverse
from django.utils.translation import gettext as _


class RichTextWidget(CKEditorUploadingWidget):
    """The editor the admin shows for article bodies.

    Pasted and dropped pictures go to the same upload view as the image dialog's (``uploadUrl``:
    without it CKEditor appends "&responseType=json" to the dialog's address, making
    "/ckeditor/upload/&responseType=json"); editor_csrf.js adds Django's CSRF token to them.

    The image dialog's alt-text field is labelled as alt text (CKEditor's Vietnamese calls it
    "Chú thích ảnh", "caption", which journalists then filled with the caption):
    editor_labels.js reads the label from ``hnpAltLabel`` in the editor's configuration.
    """

    class Media:
        # Listing ckeditor.js first makes Django's media merge keep the others after it.
        js = [
            "ckeditor/ckeditor/ckeditor.js",
            "admin_hnp/editor_csrf.js",
            "admin_hnp/editor_labels.js",
        ]

    def _set_config(self):
        self.config.setdefault("uploadUrl", reverse("ckeditor_upload"))
        self.config["hnpAltLabel"] = _(
            "Alternative text: a description of the picture for people who cannot see it"
        )
        super()._set_config()
