from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django.urls import reverse


class RichTextWidget(CKEditorUploadingWidget):
    """The editor the admin shows for article bodies.

    Pasted and dropped pictures go to the same upload view as the image dialog's (``uploadUrl``:
    without it CKEditor appends "&responseType=json" to the dialog's address, making
    "/ckeditor/upload/&responseType=json"); editor_csrf.js adds Django's CSRF token to them.
    """

    class Media:
        # Listing ckeditor.js first makes Django's media merge keep editor_csrf.js after it.
        js = ["ckeditor/ckeditor/ckeditor.js", "admin_hnp/editor_csrf.js"]

    def _set_config(self):
        self.config.setdefault("uploadUrl", reverse("ckeditor_upload"))
        super()._set_config()
