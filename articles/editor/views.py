"""The editor's picture upload and its gallery ("Browse server"), for staff only.

They speak CKEditor 4's protocol (articles/editor/ is the one place that knows the editor):
the upload answers JSON, ``{"uploaded": 1, "fileName": …, "url": …}`` or ``{"uploaded": 0,
"error": {"message": …}}`` with a 4xx status, and records the picture in the media library;
the gallery lists the library and hands the chosen picture's address back to the editor window
(static/admin_hnp/editor_browse.js).

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

from ..body_images import BODY_WIDTHS, JPEG_SPECS, has_renditions, make_renditions
from ..images import store_editor_image
from ..library import LibraryImage
from ..models import display_name
from ..permissions import editor_view
from ..renditions import storage_url

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
        picture = store_editor_image(uploaded, uploaded_by=request.user)
    except ValidationError as refused:
        status = (
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE
            if refused.code == "too_large"
            else HTTPStatus.UNSUPPORTED_MEDIA_TYPE
            if refused.code == "not_an_image"
            else HTTPStatus.BAD_REQUEST
        )
        return _refused(refused.messages[0], status)
    # Its renditions are made now, so that saving the article has nothing left to make.
    make_renditions(picture)
    name = picture.file.name
    return JsonResponse(
        {"uploaded": 1, "fileName": PurePosixPath(name).name, "url": default_storage.url(name)}
    )


def gallery_thumbnail(picture: LibraryImage) -> str:
    """The smallest copy of ``picture`` there is: its 480-pixel rendition, or the file."""
    if picture.renditions and has_renditions(picture.file.name):
        return storage_url(JPEG_SPECS[BODY_WIDTHS[0]].name_for(picture.file.name))
    return picture.file.url


@never_cache
@staff_member_required
@editor_view
@require_GET
def browse(request: HttpRequest) -> HttpResponse:
    """The media library, newest first, read from the database (articles/library.py):
    searchable by caption, credit or alternative text, everyone's or one's own. Clicking a
    picture puts it, with its alternative text, into the image dialog."""
    query = request.GET.get("q", "").strip()[:100]
    mine = request.GET.get("mine") == "1"
    pictures = LibraryImage.objects.matching(query).select_related("uploaded_by")
    if mine:
        pictures = pictures.uploaded_by(request.user)
    page = Paginator(pictures, BROWSE_PER_PAGE).get_page(request.GET.get("page"))
    function_number = request.GET.get("CKEditorFuncNum", "")
    editor_params = {
        key: request.GET[key]
        for key in ("CKEditor", "CKEditorFuncNum", "langCode")
        if key in request.GET
    }
    context = {
        "page": page,
        "pictures": [
            {
                "picture": picture,
                "url": default_storage.url(picture.file.name),
                "thumbnail": gallery_thumbnail(picture),
                "uploader": display_name(picture.uploaded_by) if picture.uploaded_by else "",
            }
            for picture in page.object_list
        ],
        "query": query,
        "mine": mine,
        "function_number": function_number if function_number.isdigit() else "",
        "editor_params": editor_params,
        # CKEditor's parameters and the search, kept on the links to other pages.
        "editor_query": urlencode(
            {**editor_params, **({"q": query} if query else {}), **({"mine": "1"} if mine else {})}
        ),
    }
    return render(request, "articles/editor_browse.html", context)
