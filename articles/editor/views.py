"""The editor's picture upload and its gallery ("Browse server"), for staff only.

They speak CKEditor 4's protocol (articles/editor/ is the one place that knows the editor):
the upload answers JSON, ``{"uploaded": 1, "fileName": …, "url": …}`` or ``{"uploaded": 0,
"error": {"message": …}}`` with a 4xx status; the gallery hands the chosen picture's address
back to the editor window (static/admin_hnp/editor_browse.js).

Unlike django-ckeditor's own views, the upload is protected against cross-site requests by
Django's CSRF check: static/admin_hnp/editor_csrf.js makes CKEditor send the token in the
``X-CSRFToken`` header of its uploads.
"""

from http import HTTPStatus
from pathlib import PurePosixPath
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..images import FORMATS, store_editor_image
from ..permissions import editor_view

UPLOAD_FIELD = "upload"  # the field CKEditor 4 sends the file in
BROWSE_PER_PAGE = 60
# Room for the multipart envelope around the file itself.
_MULTIPART_OVERHEAD = 64 * 1024


def _refused(message: str, status: HTTPStatus = HTTPStatus.BAD_REQUEST) -> JsonResponse:
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)


@never_cache
@staff_member_required
@editor_view
@require_POST
def upload(request: HttpRequest) -> JsonResponse:
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if declared.isdigit() and int(declared) > settings.UPLOAD_MAX_BYTES + _MULTIPART_OVERHEAD:
        # Refused before the body is read, so an oversized upload is not even stored
        # temporarily.
        return _refused(
            _("The file is too large: pictures may be at most %(size)s.")
            % {"size": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
        )
    uploaded = request.FILES.get(UPLOAD_FIELD)
    if uploaded is None:
        return _refused(_("Choose a picture to upload."))
    try:
        name = store_editor_image(uploaded)
    except ValidationError as refused:
        status = (
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE
            if refused.code == "too_large"
            else HTTPStatus.UNSUPPORTED_MEDIA_TYPE
            if refused.code == "not_an_image"
            else HTTPStatus.BAD_REQUEST
        )
        return _refused(refused.messages[0], status)
    return JsonResponse(
        {"uploaded": 1, "fileName": PurePosixPath(name).name, "url": default_storage.url(name)}
    )


def uploaded_pictures() -> list[str]:
    """Storage names of the pictures uploaded through the editor, newest first."""
    root = settings.CKEDITOR_UPLOAD_PATH.strip("/")
    names: list[str] = []
    folders = [root]
    extensions = {f".{extension}" for extension in FORMATS.values()} | {".jpeg"}
    while folders:
        folder = folders.pop()
        try:
            subfolders, files = default_storage.listdir(folder)
        except FileNotFoundError:
            continue
        folders.extend(f"{folder}/{sub}" for sub in subfolders)
        names.extend(
            f"{folder}/{file}" for file in files if PurePosixPath(file).suffix.lower() in extensions
        )
    # Folders are <year>/<month> and names start with the upload time (images.generated_name):
    # sorting the names puts the newest last without asking the storage for every file's date.
    return sorted(names, reverse=True)


@never_cache
@staff_member_required
@editor_view
@require_GET
def browse(request: HttpRequest) -> HttpResponse:
    """A gallery of the uploaded pictures; clicking one puts it into the image dialog."""
    page = Paginator(uploaded_pictures(), BROWSE_PER_PAGE).get_page(request.GET.get("page"))
    function_number = request.GET.get("CKEditorFuncNum", "")
    context = {
        "page": page,
        "pictures": [(name, default_storage.url(name)) for name in page.object_list],
        "function_number": function_number if function_number.isdigit() else "",
        # CKEditor's parameters, kept on the links to other pages of the gallery.
        "editor_query": urlencode(
            {
                key: request.GET[key]
                for key in ("CKEditor", "CKEditorFuncNum", "langCode")
                if key in request.GET
            }
        ),
    }
    return render(request, "articles/editor_browse.html", context)
