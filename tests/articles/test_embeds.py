"""Videos and maps: a journalist pastes the address alone on its line; readers see a facade
(thumbnail and play button) that asks nothing of YouTube or Facebook until they click."""

import io
import re
from http import HTTPStatus

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from articles import embeds
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

VIDEO_ID = "dQw4w9WgXcQ"


def article_html(client, body: str) -> str:
    article = ArticleFactory(body=body)
    response = client.get(article.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    return html[
        html.index('<div class="article__body">') : html.index('<p class="article__byline">')
    ]


@pytest.mark.parametrize(
    "pasted",
    [
        f"https://www.youtube.com/watch?v={VIDEO_ID}",
        f"https://www.youtube.com/watch?v={VIDEO_ID}&amp;t=42s",
        f"https://youtu.be/{VIDEO_ID}",
        f"https://m.youtube.com/watch?v={VIDEO_ID}",
        f"https://www.youtube.com/shorts/{VIDEO_ID}",
        f'<a href="https://www.youtube.com/watch?v={VIDEO_ID}">https://www.youtube.com/watch?v={VIDEO_ID}</a>',
    ],
)
def test_a_pasted_youtube_address_becomes_a_facade_with_youtube_nocookie(client, pasted):
    body = article_html(client, f"<p>Mở đầu.</p><p>{pasted}</p><p>Kết.</p>")

    assert '<figure class="embed embed--youtube">' in body
    assert f'data-embed-src="https://www.youtube-nocookie.com/embed/{VIDEO_ID}?autoplay=1"' in body
    assert '<button type="button" class="embed__play">Phát video YouTube</button>' in body
    assert f'href="https://www.youtube.com/watch?v={VIDEO_ID}"' in body
    # No player, script or picture from another site before the click.
    assert "<iframe" not in body
    assert not re.search(r'\ssrc="https?://', body)


def test_a_facebook_video_becomes_a_facade_with_facebooks_player(client):
    body = article_html(client, "<p>https://www.facebook.com/hanoitv/videos/1234567890/</p>")

    assert '<figure class="embed embed--facebook">' in body
    assert (
        'data-embed-src="https://www.facebook.com/plugins/video.php?autoplay=true&amp;'
        'show_text=false&amp;href=https%3A%2F%2Fwww.facebook.com%2Fhanoitv%2Fvideos%2F1234567890%2F"'
    ) in body
    assert "Phát video Facebook" in body


def test_a_google_maps_embed_address_becomes_a_map_facade(client):
    url = "https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3724.1!2d105.85!3d21.02"

    body = article_html(client, f"<p>{url}</p>")

    assert '<figure class="embed embed--maps">' in body
    assert f'data-embed-src="{url}"' in body
    assert "Xem bản đồ" in body


def test_an_address_inside_a_sentence_stays_a_link(client):
    body = article_html(
        client,
        f'<p>Xem <a href="https://www.youtube.com/watch?v={VIDEO_ID}">video này</a> nhé.</p>',
    )

    assert "embed" not in body


def fake_thumbnail(url: str) -> bytes:
    assert url == f"https://i.ytimg.com/vi/{VIDEO_ID}/hqdefault.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (480, 360), "#333").save(buffer, format="JPEG")
    return buffer.getvalue()


def test_saving_keeps_the_videos_thumbnail_in_our_storage(client, settings, monkeypatch):
    settings.EMBED_THUMBNAILS = True
    monkeypatch.setattr(embeds, "_download", fake_thumbnail)

    body = article_html(client, f"<p>https://youtu.be/{VIDEO_ID}</p>")

    thumbnail = f'src="{settings.MEDIA_URL}embeds/youtube/{VIDEO_ID}.jpg"'
    assert f'<img class="embed__thumbnail" {thumbnail}' in body
    assert default_storage.exists(f"embeds/youtube/{VIDEO_ID}.jpg")


def test_a_thumbnail_that_cannot_be_fetched_leaves_a_plain_facade(client, settings, monkeypatch):
    settings.EMBED_THUMBNAILS = True

    def unreachable(url):
        raise OSError("network is unreachable")

    monkeypatch.setattr(embeds, "_download", unreachable)

    body = article_html(client, f"<p>https://youtu.be/{VIDEO_ID}</p>")

    assert '<figure class="embed embed--youtube">' in body
    assert "embed__thumbnail" not in body


def test_the_content_security_policy_lets_exactly_the_players_in(client, article):
    policy = client.get(article.get_absolute_url())["Content-Security-Policy"]

    frame_src = next(part for part in policy.split(";") if part.strip().startswith("frame-src"))
    assert sorted(frame_src.split()[1:]) == sorted(embeds.FRAME_HOSTS)
