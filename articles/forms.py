from django import forms
from django.utils.translation import gettext_lazy as _

from .images import PictureField
from .models import Article
from .richtext import RichTextWidget


class ArticleAdminForm(forms.ModelForm):
    """The article form of the admin.

    ``can_publish`` is set by ``ArticleAdmin.get_form`` for the user at hand. Without it the
    status field offers, and accepts, only draft and review: a journalist who posts
    ``status=published`` by hand gets a form error, not a published article.
    """

    can_publish = False

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "category",
            "lead",
            "body",
            "cover_image",
            "cover_caption",
            "byline",
            "status",
            "published_at",
            "is_featured",
            "allow_comments",
        ]
        widgets = {"body": RichTextWidget()}
        # Checked and re-encoded like the editor's uploads (articles/images.py).
        field_classes = {"cover_image": PictureField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and not self.can_publish:
            status.choices = [
                (value, label)
                for value, label in status.choices
                if value != Article.Status.PUBLISHED
            ]
            status.error_messages["invalid_choice"] = _(
                "Only editors can publish or schedule an article. Choose “In review” to send "
                "it to an editor."
            )
