import datetime as dt
import io

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Category


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem-42")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)
        if create:
            self.save()


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")
    position = factory.Sequence(lambda n: n)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Bài viết số {n} về Hà Nội")
    lead = "Tóm tắt ngắn gọn nội dung chính của bài viết."
    body = "<p>Nội dung bài viết.</p>"
    byline = "Huy Kiên"
    category = factory.SubFactory(CategoryFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))


def camera_photo(size=(4000, 2667), *, quality=95) -> bytes:
    """A JPEG as a newsroom camera makes it: big, detailed (noise compresses like a real
    photo's texture, a 4000 × 2667 one is several megabytes), with the camera and the GPS
    position in its EXIF."""
    from PIL import Image

    width, height = size
    gradient = Image.linear_gradient("L").resize(size)
    texture = Image.effect_noise(size, 40)
    photo = Image.merge("RGB", (gradient, texture, Image.blend(gradient, texture, 0.5)))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif.get_ifd(0x8825).update({1: "N", 2: (21.0, 1.0, 41.0), 3: "E", 4: (105.0, 51.0, 2.0)})
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG", quality=quality, exif=exif)
    return buffer.getvalue()
