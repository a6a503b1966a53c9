"""Embeds are the one place a body names another site's player: only the exact address shapes
of YouTube, Facebook and Google Maps become one, and nothing a hostile body carries (a
javascript: address, a lookalike host, extra attributes, a pasted iframe) reaches readers."""

import re
from http import HTTPStatus

import pytest

from articles.embeds import FRAME_HOSTS, parse, parse_value
from articles.sanitizer import sanitize_html
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

VIDEO = "dQw4w9WgXcQ"

NOT_EMBEDS = {
    "javascript: address": f"javascript:alert(1)//www.youtube.com/watch?v={VIDEO}",
    "javascript: with a youtube look": f"javascript://www.youtube.com/%0aalert(1)?v={VIDEO}",
    "data: address": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "lookalike host, suffix": f"https://www.youtube.com.evil.example/watch?v={VIDEO}",
    "lookalike host, prefix": f"https://evilyoutube.com/watch?v={VIDEO}",
    "lookalike host, Cyrillic o": f"https://www.y\u043eutube.com/watch?v={VIDEO}",
    "user info before the host": f"https://www.youtube.com@evil.example/watch?v={VIDEO}",
    "a port": f"https://www.youtube.com:8443/watch?v={VIDEO}",
    "youtube address in a query": f"https://evil.example/?u=https://www.youtube.com/watch?v={VIDEO}",
    "id too long": f"https://www.youtube.com/watch?v={VIDEO}x",
    "id with a quote": f'https://www.youtube.com/watch?v={VIDEO[:10]}"',
    "id with a path": f"https://youtu.be/../../{VIDEO}",
    "youtube playlist": "https://www.youtube.com/playlist?list=PL1234567890",
    "facebook lookalike": "https://www.facebook.com.evil.example/hanoitv/videos/1234567890/",
    "facebook page, not a video": "https://www.facebook.com/hanoitv/",
    "facebook plugin with an evil href": (
        "https://www.facebook.com/plugins/video.php?href=https://evil.example/"
    ),
    "maps over http": "http://www.google.com/maps/embed?pb=!1m18",
    "maps search, not embed": "https://www.google.com/maps/search/?api=1&query=hanoi",
    "maps pb with markup": "https://www.google.com/maps/embed?pb=<script>",
    "google, not maps": "https://www.google.com/url?q=https://evil.example",
}


@pytest.mark.parametrize("address", NOT_EMBEDS.values(), ids=NOT_EMBEDS.keys())
def test_an_address_outside_the_allowed_shapes_is_no_embed(address):
    assert parse(address) is None
    stored = sanitize_html(f"<p>{address}</p>")
    assert "data-embed" not in stored and "<figure" not in stored


HOSTILE_BODIES = {
    "iframe pasted as HTML": f'<iframe src="https://www.youtube.com/embed/{VIDEO}"></iframe>',
    "iframe with srcdoc": '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "embed element": f'<embed src="https://www.youtube.com/v/{VIDEO}">',
    "object element": '<object data="https://evil.example/x.swf"></object>',
    "figure naming another host": (
        '<figure class="embed" data-embed="youtube:https://evil.example"><a href="#">x</a></figure>'
    ),
    "figure with a path in the id": (
        '<figure class="embed" data-embed="youtube:../../../x"></figure>'
    ),
    "figure with a made-up provider": (
        '<figure class="embed" data-embed="vimeo:123456"><a href="#">x</a></figure>'
    ),
    "figure with a facebook host in the key": (
        '<figure class="embed" data-embed="facebook://evil.example/videos/1"></figure>'
    ),
    "figure with a quote breaking out": (
        '<figure class="embed" data-embed=\'youtube:dQw4w9WgXcQ" onclick="alert(1)\'></figure>'
    ),
    "data-embed-src written by hand": (
        '<div class="embed__frame" data-embed-src="javascript:alert(1)">'
        '<button class="embed__play">x</button></div>'
    ),
}


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_a_hostile_embed_is_stripped_before_it_is_stored_and_shown(client, body):
    article = ArticleFactory(body=f"<p>Tin.</p>{body}")

    html = client.get(article.get_absolute_url()).content.decode()
    shown = html[html.index('<div class="article__body">') : html.index('class="article__byline"')]

    assert "<iframe" not in shown and "<embed" not in shown and "<object" not in shown
    assert "javascript:" not in shown and "evil.example" not in shown
    assert "onclick" not in shown and "data-embed-src" not in shown
    assert "<button" not in shown
    assert "data-embed" not in article.body or parse_value(
        re.search(r'data-embed="([^"]*)"', article.body)[1]
    )


def test_extra_attributes_on_a_real_embed_are_dropped_and_the_embed_kept(client):
    article = ArticleFactory(
        body=(
            f'<figure class="embed" data-embed="youtube:{VIDEO}" onclick="alert(1)" '
            'style="position:fixed" data-embed-src="javascript:alert(1)" id="x">'
            f'<a href="https://www.youtube.com/watch?v={VIDEO}">video</a></figure>'
        )
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert f"https://www.youtube-nocookie.com/embed/{VIDEO}?autoplay=1" in html
    for leftover in ("onclick", "position:fixed", "javascript:", 'id="x"'):
        assert leftover not in html


def test_the_players_are_the_only_frames_the_policy_allows(client, article):
    policy = client.get(article.get_absolute_url())["Content-Security-Policy"]

    frame_src = [p.split()[1:] for p in policy.split(";") if p.strip().startswith("frame-src")]
    assert frame_src == [list(FRAME_HOSTS)]
    assert "frame-ancestors 'none'" in policy
