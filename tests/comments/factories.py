import factory
from django.utils import timezone

from comments.models import Comment
from tests.factories import ArticleFactory


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"Bạn đọc {n}")
    phone = ""
    title = factory.Sequence(lambda n: f"Ý kiến số {n}")
    content = factory.Sequence(lambda n: f"Tôi đồng tình với bài viết, góp ý số {n}.")
    status = Comment.Status.APPROVED
    created_at = factory.LazyFunction(timezone.now)
    ip_address = "203.0.113.7"
    user_agent = "Mozilla/5.0 (Linux; Android 14) Mobile"
