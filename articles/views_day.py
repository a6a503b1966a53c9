""" "Xem theo ngày": the published articles of one day, in the city's time (Asia/Ho_Chi_Minh),
for the whole site (/ngay/2026-11-30/) or one category (/chuyen-muc/<slug>/ngay/2026-11-30/),
and the date picker that leads there (/ngay/).

A day page is a range of the lists' index (status, published_at), read like a category page.
A date that is not one (2026-02-30, "hom-nay"), or a day still to come, is a 404 that says
so, with the picker to choose another day.
"""

import datetime as dt
import re
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView

from .models import Category
from .paging import ArticleList, ArticlePaginator

DAY_PARAM = "ngay"
CATEGORY_PARAM = "chuyen-muc"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# The archive starts with the city's portal; no newsroom has articles older than this.
FIRST_DAY = dt.date(1990, 1, 1)


class NotADay(ValueError):
    pass


def parse_day(text: str) -> dt.date:
    """The day ``text`` (YYYY-MM-DD) names; NotADay, with a reader's message, if it is not a
    day of the archive (malformed, impossible, too old, or still to come)."""
    text = (text or "").strip()
    if not _ISO_DAY.fullmatch(text):
        raise NotADay(
            _("“%(text)s” is not a date. Write it as year-month-day: 2026-11-30.")
            % {"text": text[:20]}
        )
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise NotADay(_("%(text)s is not a day of the calendar.") % {"text": text}) from None
    if day > timezone.localdate():
        raise NotADay(
            _("%(day)s has not come yet: there is no news of it.") % {"day": f"{day:%d/%m/%Y}"}
        )
    if day < FIRST_DAY:
        raise NotADay(_("The archive starts on %(day)s.") % {"day": f"{FIRST_DAY:%d/%m/%Y}"})
    return day


def day_url(day: dt.date, category: Category | None = None) -> str:
    if category is not None:
        return reverse(
            "articles:category_day", kwargs={"slug": category.slug, "day": day.isoformat()}
        )
    return reverse("articles:day", kwargs={"day": day.isoformat()})


def _picker_context(*, day: dt.date | None, category: Category | None, error: str = "") -> dict:
    return {
        "picker": {
            "value": day.isoformat() if day else "",
            "max": timezone.localdate().isoformat(),
            "min": FIRST_DAY.isoformat(),
            "category": category,
            "categories": Category.objects.values_list("slug", "name"),
            "error": error,
        }
    }


def day_picker(request: HttpRequest) -> HttpResponse:
    """The date picker's form (GET): to the day's page, or back with the reason it cannot."""
    typed = request.GET.get(DAY_PARAM)
    slug = request.GET.get(CATEGORY_PARAM) or ""
    category = Category.objects.filter(slug=slug).first() if slug else None
    if typed is None:
        return redirect(day_url(timezone.localdate(), category))
    try:
        day = parse_day(typed)
    except NotADay as refused:
        context = _picker_context(day=None, category=category, error=str(refused))
        return render(request, "articles/day_picker.html", context, status=HTTPStatus.BAD_REQUEST)
    return redirect(day_url(day, category))


class DayView(ListView):
    template_name = "articles/day.html"
    context_object_name = "articles"
    paginate_by = 30

    def get(self, request, *args, **kwargs):
        self.category = None
        if "slug" in kwargs:
            self.category = get_object_or_404(Category, slug=kwargs["slug"])
        try:
            self.day = parse_day(kwargs["day"])
        except NotADay as refused:
            context = _picker_context(day=None, category=self.category, error=str(refused))
            return render(request, "articles/day_picker.html", context, status=HTTPStatus.NOT_FOUND)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        start = dt.datetime.combine(self.day, dt.time.min, tzinfo=timezone.get_default_timezone())
        end = start + dt.timedelta(days=1)
        return ArticleList.published_between(start, end, category=self.category)

    def get_paginator(self, articles, per_page, **kwargs):
        return ArticlePaginator(articles, per_page, count=articles.count(), **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            day=self.day,
            category=self.category,
            previous_day_url=day_url(self.day - dt.timedelta(days=1), self.category)
            if self.day > FIRST_DAY
            else "",
            next_day_url=day_url(self.day + dt.timedelta(days=1), self.category)
            if self.day < timezone.localdate()
            else "",
            **_picker_context(day=self.day, category=self.category),
            **kwargs,
        )
        page = context["page_obj"]
        context["page_range"] = page.paginator.get_elided_page_range(
            page.number, on_each_side=2, on_ends=1
        )
        if self.category is not None:
            context["current_category"] = self.category
        return context
