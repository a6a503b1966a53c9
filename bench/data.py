"""A large, realistic data set for the benchmark (``make bench``) and for reading query plans:
``python bench/build_data.py`` (which see).

Articles over 20 categories spanning ten years (one category, "Thời sự", holding close to half
of them, so that its page 2,000 exists at 100,000 articles), mostly published, a few scheduled,
in review or drafts; comments mostly approved, some pending, rejected or spam, with a few
"breaking" articles carrying 500 or more approved comments.

Text is made of Vietnamese newsroom words, in realistic lengths (a title of ten or so words,
a two-sentence lead, a body of five to nine paragraphs, about 5 KB). Bodies are assembled from
a pool of paragraphs so that the derived columns ``save()`` would fill (the sanitised body, the
search text) are computed once per paragraph with the model's own functions, not once per
article. Rows go in with PostgreSQL's COPY, or with ``bulk_create`` on other databases.
"""

import datetime as dt
import io
import random
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from articles.models import Article, ArticleDailyViews, Category, Tag, TaggedArticle
from articles.most_read import rank_most_read
from articles.sanitizer import plain_text, sanitize_html
from articles.search import SECTION_SEPARATOR
from articles.text import search_normalize, vietnamese_slugify
from comments.models import Comment, content_fingerprint

CATEGORIES = [
    ("Thời sự", "thoi-su"),
    ("Giao thông", "giao-thong"),
    ("Kinh tế", "kinh-te"),
    ("Đô thị", "do-thi"),
    ("Giáo dục", "giao-duc"),
    ("Sức khoẻ", "suc-khoe"),
    ("Văn hoá", "van-hoa"),
    ("Thể thao", "the-thao"),
    ("Pháp luật", "phap-luat"),
    ("Đời sống", "doi-song"),
    ("Du lịch", "du-lich"),
    ("Công nghệ", "cong-nghe"),
    ("Môi trường", "moi-truong"),
    ("Bất động sản", "bat-dong-san"),
    ("Thế giới", "the-gioi"),
    ("Giải trí", "giai-tri"),
    ("Khoa học", "khoa-hoc"),
    ("Xe", "xe"),
    ("Ý kiến", "y-kien"),
    ("Bạn đọc", "ban-doc"),
]
# Share of the articles in the first category; the others share the rest equally.
FIRST_CATEGORY_SHARE = 0.45


def _word_list(text: str) -> list[str]:
    return text.split()


WORDS = _word_list("""
Hà Nội thành phố người dân chính quyền quận huyện phường xã dự án công trình đường phố
giao thông ùn tắc xe buýt đường sắt đô thị tàu điện cầu vượt nút giao vỉa hè bãi đỗ xe
kinh tế doanh nghiệp thị trường giá cả tăng trưởng đầu tư ngân sách thuế lãi suất xuất khẩu
giáo dục học sinh sinh viên trường học giáo viên kỳ thi tuyển sinh học phí sách giáo khoa
sức khoẻ bệnh viện bác sĩ bệnh nhân dịch bệnh tiêm chủng y tế cấp cứu thuốc
văn hoá lễ hội di tích phố cổ nghệ thuật âm nhạc triển lãm bảo tàng truyền thống
thể thao bóng đá đội tuyển giải đấu vận động viên huy chương sân vận động
môi trường không khí ô nhiễm cây xanh hồ nước rác thải ngập lụt mưa lớn nắng nóng
công an cảnh sát vi phạm xử phạt điều tra tai nạn an toàn phòng cháy chữa cháy
mùa hè mùa đông buổi sáng buổi chiều buổi tối cuối tuần ngày lễ năm nay năm ngoái tháng tới
cho biết theo đó trong khi bên cạnh đó ngoài ra hiện nay sắp tới đến nay vừa qua
tiếp tục triển khai hoàn thành khởi công thông qua đề xuất kiến nghị yêu cầu chỉ đạo
kiểm tra giám sát hướng dẫn hỗ trợ nâng cấp cải tạo mở rộng xây dựng sửa chữa
nhiều ít lớn nhỏ mới cũ nhanh chóng kịp thời cụ thể quan trọng cần thiết hiệu quả
khu vực trung tâm ngoại thành nội đô ven sông Hồ Tây Hoàn Kiếm Ba Đình Cầu Giấy Long Biên
Đống Đa Hai Bà Trưng Thanh Xuân Hoàng Mai Nam Từ Liêm Bắc Từ Liêm Hà Đông Tây Hồ
ông bà anh chị em gia đình trẻ em người cao tuổi cư dân tiểu thương tài xế hành khách
ủy ban nhân dân hội đồng sở ban ngành lãnh đạo đại biểu cán bộ chuyên gia
kế hoạch chương trình chính sách quy định quy hoạch phương án giải pháp mục tiêu
được đã đang sẽ không có là của và với cho về từ tại trên dưới theo để khi nếu
""")

SURNAMES = _word_list("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý")
MIDDLE_NAMES = _word_list("Văn Thị Hữu Đức Minh Thu Ngọc Thanh Quang Kim Xuân Hồng")
GIVEN_NAMES = _word_list(
    "An Bình Chi Dũng Giang Hà Hải Hạnh Hùng Hương Khánh Lan Linh Long Mai Nam Nga Ngọc "
    "Phong Phương Quân Quỳnh Sơn Tâm Thảo Thắng Trang Trung Tú Tuấn Vân Việt Yến"
)
USER_AGENTS = [
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 Chrome/124.0 Mobile",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36",
]

PARAGRAPH_POOL = 3000
COMMENT_TEXT_POOL = 5000
COMMENT_TITLE_POOL = 2000
ARTICLE_BATCH = 2000
COMMENT_BATCH = 20000
# Articles with 500 or more approved comments: up to this many, one per 10,000 comments.
# Tags: a pool of TAG_POOL, drawn with weights falling as 1/rank (a few, like "Giao thông",
# on a tenth of all articles, most on a handful), up to MAX_TAGS per article.
TAG_POOL = 400
MAX_TAGS = 4
MAX_HOT_ARTICLES = 20
HOT_APPROVED_COMMENTS = (500, 900)


@dataclass(frozen=True)
class Summary:
    categories: int
    articles: int
    published: int
    comments: int
    approved: int
    hot_articles: int


def _sentence(rng: random.Random, low: int, high: int, *, stop: str = ".") -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    text = " ".join(words)
    return text[0].upper() + text[1:] + stop


@dataclass(frozen=True)
class _Paragraph:
    html: str  # sanitised, as save() would store it
    search_text: str  # its plain text, normalised as search compares it


class _TextPools:
    """Pools of paragraphs, comment texts and names, each made and derived once."""

    def __init__(self, rng: random.Random, *, paragraphs: int, comment_texts: int):
        self.paragraphs = [self._paragraph(rng, n) for n in range(paragraphs)]
        texts = [
            "\n".join(_sentence(rng, 8, 22) for _ in range(rng.randint(1, 4)))
            for _ in range(comment_texts)
        ]
        # (content, its fingerprint): Comment.save() fills content_hash with the same function.
        self.comment_texts = [(text, content_fingerprint(text)) for text in texts]
        self.comment_titles = [
            _sentence(rng, 3, 9, stop="") for _ in range(min(comment_texts, COMMENT_TITLE_POOL))
        ]
        self.names = [f"{s} {m} {g}" for s in SURNAMES for m in MIDDLE_NAMES for g in GIVEN_NAMES]

    @staticmethod
    def _paragraph(rng: random.Random, n: int) -> _Paragraph:
        if n % 10 == 9:
            raw = f"<h2>{_sentence(rng, 4, 9, stop='')}</h2>"
        elif n % 25 == 12:
            raw = f"<blockquote><p>{_sentence(rng, 12, 25)}</p></blockquote>"
        else:
            raw = "<p>" + " ".join(_sentence(rng, 10, 24) for _ in range(rng.randint(3, 6)))
            raw += "</p>"
        html = sanitize_html(raw)
        return _Paragraph(html=html, search_text=search_normalize(plain_text(html)))


def _article_search_text(title: str, lead: str, paragraphs: list[_Paragraph]) -> str:
    """What Article.build_search_text() returns for this article (articles/search.py's
    ``search_document``), with the body's part joined from the paragraphs' own: every tag is
    a word break, so the normalised text of the body is that of its paragraphs, in order.
    tests/performance/test_bench_data.py checks that the two agree."""
    sections = (
        search_normalize(title),
        search_normalize(lead),
        " ".join(p.search_text for p in paragraphs),
    )
    return f" {f' {SECTION_SEPARATOR} '.join(sections)} "


# --- Writing rows ---------------------------------------------------------------------------


def _copy_value(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _insert(model: type[models.Model], objects: list[models.Model]) -> None:
    """Insert ``objects`` (with their primary keys set) as they are: no save(), no signals."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=500)
        return
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    buffer = io.StringIO()
    for obj in objects:
        buffer.write(
            "\t".join(
                _copy_value(field.get_db_prep_save(getattr(obj, field.attname), connection))
                for field in fields
            )
        )
        buffer.write("\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN",
            buffer,
        )


def _in_batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- The data set ---------------------------------------------------------------------------


def clear_content() -> None:
    """Delete every comment, article and category (a scratch database only)."""
    if connection.vendor == "postgresql":
        tables = [m._meta.db_table for m in (Comment, TaggedArticle, Tag, Article, Category)]
        with connection.cursor() as cursor:
            # Checks of foreign keys still deferred in this transaction must run first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        return
    Comment.objects.all().delete()
    TaggedArticle.objects.all().delete()
    Tag.objects.all().delete()
    Article.objects.all().delete()
    Category.objects.all().delete()


def build(
    *,
    articles: int,
    comments: int,
    years: int = 10,
    seed: int = 2026,
    progress: Callable[[str], None] = lambda message: None,
) -> Summary:
    """Add ``articles`` articles and ``comments`` comments to a database with no articles."""
    rng = random.Random(seed)  # noqa: S311 (made-up content, nothing secret)
    now = timezone.now().replace(microsecond=0)
    pools = _TextPools(
        rng,
        paragraphs=max(10, min(PARAGRAPH_POOL, articles)),
        comment_texts=max(10, min(COMMENT_TEXT_POOL, comments)),
    )
    progress(f"text pools ready ({len(pools.paragraphs)} paragraphs)")

    with transaction.atomic():
        categories = _build_categories()
        first_article = (Article.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1
        published = _build_articles(
            rng, pools, categories, count=articles, now=now, years=years, progress=progress
        )
        _build_tags(rng, start=first_article, count=articles, progress=progress)
        counts = _build_comments(rng, pools, published, count=comments, now=now, progress=progress)
        # What saving each article would have kept up to date (Article's signals).
        Category.objects.recount()
        Tag.objects.recount()
        add_reading(rng, now=now)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [Category, Article, Comment, Tag, TaggedArticle]
            ):
                cursor.execute(statement)
    if connection.vendor == "postgresql":
        # Statistics for the planner, and (outside a transaction) the visibility map that
        # index-only scans need: what autovacuum would leave on a live site.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        progress(command)
        with connection.cursor() as cursor:
            for model in (Category, Article, Comment, Tag, TaggedArticle):
                cursor.execute(f"{command} {model._meta.db_table}")
    return Summary(
        categories=len(categories),
        articles=articles,
        published=len(published),
        comments=comments,
        approved=counts["approved"],
        hot_articles=counts["hot"],
    )


def _build_tags(rng, *, start: int, count: int, progress) -> None:
    """Give the articles ``start`` … ``start + count - 1`` zero to MAX_TAGS tags each."""
    first_tag = (Tag.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1
    names: dict[str, None] = {}
    while len(names) < TAG_POOL:
        names.setdefault(" ".join(rng.sample(WORDS, rng.randint(1, 3))).capitalize())
    tags = [
        Tag(pk=first_tag + n, name=name, slug=f"{vietnamese_slugify(name)[:80]}-{n}")
        for n, name in enumerate(names)
    ]
    _insert(Tag, tags)
    weights = [1 / rank for rank in range(1, TAG_POOL + 1)]
    next_pk = (TaggedArticle.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1
    for batch in _in_batches(range(start, start + count), ARTICLE_BATCH):
        rows = []
        for article_pk in batch:
            chosen = {tag.pk for tag in rng.choices(tags, weights, k=rng.randint(0, MAX_TAGS))}
            for tag_pk in sorted(chosen):
                rows.append(TaggedArticle(pk=next_pk, content_object_id=article_pk, tag_id=tag_pk))
                next_pk += 1
        _insert(TaggedArticle, rows)
    progress(f"tags: {next_pk - 1} on {count} articles")


def _build_categories() -> list[Category]:
    start = (Category.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1
    categories = [
        Category(pk=start + n, name=name, slug=slug, position=n)
        for n, (name, slug) in enumerate(CATEGORIES)
    ]
    _insert(Category, categories)
    return categories


def _build_articles(rng, pools, categories, *, count, now, years, progress):
    """Insert the articles, oldest first (ids grow with time, as in a real newsroom); return
    (id, published_at) of the published ones, oldest first."""
    span = dt.timedelta(days=365 * years).total_seconds()
    times = sorted(now - dt.timedelta(seconds=rng.uniform(3600, span)) for _ in range(count))
    others = len(categories) - 1
    weights = [FIRST_CATEGORY_SHARE] + [(1 - FIRST_CATEGORY_SHARE) / others] * others
    category_ids = rng.choices([c.pk for c in categories], weights=weights, k=count)
    start = (Article.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1
    slugs: set[str] = set()
    published: list[tuple[int, dt.datetime]] = []
    made = 0
    for batch in _in_batches(range(count), ARTICLE_BATCH):
        objects = []
        for n in batch:
            article = _article(rng, pools, slugs, pk=start + n, published_at=times[n], now=now)
            article.category_id = category_ids[n]
            if article.is_visible_to_readers:
                published.append((article.pk, article.published_at))
            objects.append(article)
        _insert(Article, objects)
        made += len(objects)
        progress(f"articles: {made}/{count}")
    return published


def _article(rng, pools, slugs, *, pk, published_at, now) -> Article:
    title = _sentence(rng, 8, 16, stop="")
    lead = " ".join(_sentence(rng, 12, 22) for _ in range(2))
    paragraphs = rng.sample(pools.paragraphs, k=min(len(pools.paragraphs), rng.randint(5, 9)))
    roll = rng.random()
    if roll < 0.97:
        status = Article.Status.PUBLISHED
    elif roll < 0.98:  # scheduled: an editor published it for a time still to come
        status = Article.Status.PUBLISHED
        published_at = now + dt.timedelta(hours=rng.uniform(1, 72))
    else:
        status = rng.choice([Article.Status.DRAFT, Article.Status.REVIEW])
    slug = base = vietnamese_slugify(title)[:240].strip("-")
    n = 2
    while slug in slugs:
        slug, n = f"{base}-{n}", n + 1
    slugs.add(slug)
    article = Article(
        pk=pk,
        title=title,
        slug=slug,
        lead=lead,
        body="".join(p.html for p in paragraphs),
        byline=rng.choice(pools.names),
        status=status,
        published_at=published_at if status == Article.Status.PUBLISHED else None,
        is_featured=rng.random() < 0.01,
        created_at=published_at - dt.timedelta(hours=2),
        updated_at=published_at,
    )
    if hasattr(article, "search_text"):
        article.search_text = _article_search_text(title, lead, paragraphs)
    return article


# How many articles readers open a day, and for how many days back: the flush job's daily
# rows that the most-read ranking sums (docs/most_read.md measured it at this size).
READ_PER_DAY = 3_000
READ_DAYS = 30


def add_tags(rng: random.Random) -> int:
    """Tags for every article of a data set built before articles had tags; returns how many
    articles were tagged."""
    with transaction.atomic():
        TaggedArticle.objects.all().delete()
        Tag.objects.all().delete()
        span = Article.objects.aggregate(first=models.Min("pk"), last=models.Max("pk"))
        count = span["last"] - span["first"] + 1
        _build_tags(rng, start=span["first"], count=count, progress=lambda message: None)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Tag, TaggedArticle):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    return count


def add_reading(rng: random.Random, *, now) -> int:
    """A month of daily views for the newest published articles, then the most-read ranking
    (as the flush job leaves them); returns how many daily rows were added."""
    ArticleDailyViews.objects.all().delete()
    recent = list(
        Article.objects.published()
        .order_by("-published_at", "-pk")
        .values_list("pk", flat=True)[:READ_PER_DAY]
    )
    today = timezone.localdate(now)
    rows = [
        ArticleDailyViews(
            article_id=pk, day=today - dt.timedelta(days=days_ago), views=rng.randint(1, 5_000)
        )
        for days_ago in range(READ_DAYS)
        for pk in recent
    ]
    ArticleDailyViews.objects.bulk_create(rows, batch_size=5_000)
    rank_most_read(today=today)
    return len(rows)


def _build_comments(rng, pools, published, *, count, now, progress) -> dict[str, int]:
    """Comments on published articles: a few recent "breaking" articles with 500+ approved
    comments, the rest spread with a bias towards recent articles."""
    if not published or not count:
        return {"approved": 0, "hot": 0}
    hot_count = min(MAX_HOT_ARTICLES, count // 10_000)
    if not hot_count and count >= HOT_APPROVED_COMMENTS[0] + 50:
        hot_count = 1
    hot = published[-hot_count:] if hot_count else []
    plan: list[tuple[int, int]] = []  # (index into published, status code)
    for index in range(len(published) - len(hot), len(published)):
        approved = rng.randint(*HOT_APPROVED_COMMENTS)
        approved = min(approved, max(HOT_APPROVED_COMMENTS[0], count // max(1, hot_count) - 50))
        plan += [(index, 0)] * approved + [(index, 1)] * rng.randint(10, 50)
    plan = plan[:count]
    rest = count - len(plan)
    # Recent articles draw more comments: weight grows with the position in time.
    cum_weights = [(i + 1) ** 2 for i in range(len(published))]
    for i in range(1, len(cum_weights)):
        cum_weights[i] += cum_weights[i - 1]
    picks = rng.choices(range(len(published)), cum_weights=cum_weights, k=rest)
    statuses = rng.choices([0, 1, 2, 3], weights=[90, 7, 2, 1], k=rest)
    plan += list(zip(picks, statuses, strict=True))
    rng.shuffle(plan)

    status_names = [
        Comment.Status.APPROVED,
        Comment.Status.PENDING,
        Comment.Status.REJECTED,
        Comment.Status.SPAM,
    ]
    start = (Comment.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1
    approved_total = 0
    made = 0
    for batch in _in_batches(enumerate(plan), COMMENT_BATCH):
        objects = []
        for n, (index, code) in batch:
            article_id, published_at = published[index]
            latest = max(1.0, min(3 * 86400.0, (now - published_at).total_seconds()))
            created_at = published_at + dt.timedelta(seconds=rng.uniform(60, latest))
            content, fingerprint = rng.choice(pools.comment_texts)
            status = status_names[code]
            approved_total += code == 0
            objects.append(
                Comment(
                    pk=start + n,
                    article_id=article_id,
                    name=rng.choice(pools.names),
                    phone=f"09{rng.randrange(10**8):08d}" if rng.random() < 0.6 else "",
                    title=rng.choice(pools.comment_titles),
                    content=content,
                    content_hash=fingerprint,
                    status=status,
                    created_at=created_at,
                    ip_address=f"203.0.113.{rng.randrange(1, 255)}",
                    user_agent=rng.choice(USER_AGENTS),
                    moderated_at=(
                        None
                        if status == Comment.Status.PENDING
                        else created_at + dt.timedelta(minutes=rng.uniform(1, 120))
                    ),
                    status_token=secrets.token_urlsafe(32),
                )
            )
        _insert(Comment, objects)
        made += len(objects)
        progress(f"comments: {made}/{count}")
    return {"approved": approved_total, "hot": len(hot)}
