"""The newsroom's own admin pages around the article form: revisions (list, compare, restore),
a journalist's pending change, the page's autosave and lock heartbeat, the editorial
calendar, the review queue and a journalist's decisions from the editors.

``NewsroomViews`` is mixed into ``ArticleAdmin``: its URLs live under
/admin/articles/article/ and every view goes through ``admin_site.admin_view`` (staff only,
never cached). Who may do what is checked here, on the server, whatever the pages offer.
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reversion.models import Version

from . import autosave, locks, review
from .diffing import FIELDS as DIFF_FIELDS
from .diffing import Snapshot, compare
from .forms import WEEKDAYS, publish_time_in_words
from .models import (
    PENDING_CHANGE_FIELDS,
    Article,
    PendingChange,
    ReviewDecision,
    can_publish,
    display_name,
)
from .restoring import restore_revision
from .revisions import restored_content, revisions_of

AUTOSAVE_SECONDS = 30


def _when(value: dt.datetime) -> str:
    return date_format(timezone.localtime(value), "H:i d/m/Y")


def _day_name(day: dt.date) -> str:
    weekday = str(WEEKDAYS[day.weekday()])
    return f"{weekday[:1].upper()}{weekday[1:]} {day:%d/%m/%Y}"


class NewsroomViews:
    def get_urls(self):
        view = self.admin_site.admin_view
        own = [
            path("calendar/", view(self.calendar_view), name="articles_article_calendar"),
            path("review-queue/", view(self.queue_view), name="articles_article_queue"),
            path("decisions/", view(self.decisions_view), name="articles_article_decisions"),
            path("add/editing/", view(self.editing_new_view), name="articles_article_editing_new"),
            path("<int:pk>/editing/", view(self.editing_view), name="articles_article_editing"),
            path(
                "<int:pk>/editing/take-over/",
                view(self.take_over_view),
                name="articles_article_take_over",
            ),
            path(
                "<int:pk>/revisions/", view(self.revisions_view), name="articles_article_revisions"
            ),
            path(
                "<int:pk>/revisions/compare/",
                view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<int:pk>/revisions/<int:version_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            path("<int:pk>/pending/", view(self.pending_view), name="articles_article_pending"),
        ]
        return own + super().get_urls()

    # --- Shared --------------------------------------------------------------------------

    def _context(self, request, title: str, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            **extra,
        }

    def _article(self, request, pk: int) -> Article:
        article = get_object_or_404(Article.objects.select_related("created_by"), pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _revision_reader(self, request, pk: int) -> Article:
        article = self._article(request, pk)
        if not article.is_revision_reader(request.user):
            raise PermissionDenied
        return article

    def editing_context(self, request, obj: Article | None) -> dict:
        """What the article form shows and its script needs: the lock, a pending change,
        the editors' last word, revisions, and the autosave to offer back."""
        user = request.user
        context: dict = {}
        if obj is None:
            offer = autosave.offer(user=user, article=None)
            editing_url = reverse("admin:articles_article_editing_new")
            storage_key = f"hnp-autosave:{user.pk}:new"
        else:
            lock = getattr(request, "edit_lock", None)
            if lock is not None and not lock.mine:
                context["lock_holder"] = display_name(lock.lock.user)
                context["lock_since"] = _when(lock.lock.since)
                context["can_take_over"] = lock.can_take_over
                context["take_over_url"] = reverse(
                    "admin:articles_article_take_over", args=[obj.pk]
                )
            pending = getattr(obj, "pending", None)
            if pending is not None:
                context["pending"] = pending
                context["pending_by"] = display_name(pending.created_by)
                context["pending_url"] = reverse("admin:articles_article_pending", args=[obj.pk])
            if obj.is_revision_reader(user):
                context["revisions_url"] = reverse(
                    "admin:articles_article_revisions", args=[obj.pk]
                )
            context["last_decision"] = (
                ReviewDecision.objects.filter(article=obj, recipient=user)
                .select_related("decided_by")
                .first()
            )
            offer = autosave.offer(user=user, article=obj)
            editing_url = reverse("admin:articles_article_editing", args=[obj.pk])
            storage_key = f"hnp-autosave:{user.pk}:{obj.pk}"
        context["editing_config"] = {
            "url": editing_url,
            "seconds": AUTOSAVE_SECONDS,
            "storageKey": storage_key,
            "fields": list(autosave.FIELDS),
            "offer": autosave.as_dict(offer),
            "weekdays": [str(day) for day in WEEKDAYS],
            "text": {
                "offer": _("Restore the work you were typing at %(time)s?"),
                "onDay": _("%(time)s on %(date)s"),
                "restore": _("Restore"),
                "dismiss": _("Dismiss"),
                "saved": _("Saved automatically at %(time)s (not published)."),
                "expired": _(
                    "Your session has expired: what you type is kept in this browser. "
                    "Log in again in another tab, then come back and save."
                ),
                "newer": _(
                    "%(name)s saved this article at %(time)s, after you opened it: when you "
                    "save, you will see the differences before anything is replaced."
                ),
                "takenOver": _(
                    "%(name)s took this article over at %(time)s: saving here will be "
                    "refused. What you typed is kept automatically."
                ),
            },
        }
        return context

    # --- Autosave and the edit lock --------------------------------------------------------

    def editing_new_view(self, request):
        return self._editing(request, None)

    def editing_view(self, request, pk: int):
        article = get_object_or_404(Article, pk=pk)
        if not (self.has_change_permission(request, None) and article.is_editable_by(request.user)):
            raise PermissionDenied
        return self._editing(request, article)

    def _editing(self, request, article: Article | None):
        """The page's heartbeat (every 30 seconds) and its last call when left: keeps what
        was typed (``autosave`` in the post), renews or gives up (``leave``) the lock."""
        if request.method != "POST":
            return JsonResponse({"error": "POST"}, status=405)
        if article is None and not self.has_add_permission(request):
            raise PermissionDenied
        answer: dict = {}
        if "autosave" in request.POST:
            version = request.POST.get("edit_version") or ""
            stored = autosave.store(
                user=request.user,
                article=article,
                data=autosave.clean_data(request.POST),
                base_version=int(version) if version.isdigit() else None,
            )
            answer["saved_at"] = stored.saved_at.isoformat()
        if article is not None:
            opened_at = request.POST.get("edit_version") or ""
            if opened_at.isdigit() and int(opened_at) < article.version:
                latest = revisions_of(article).first()
                answer["newer"] = {
                    "name": display_name(latest.revision.user if latest else None),
                    "time": timezone.localtime(article.updated_at).strftime("%H:%M"),
                }
            if "leave" in request.POST:
                locks.release(article, request.user)
            else:
                state = locks.renew(article, request.user)
                answer["lock"] = {"mine": state.mine}
                if not state.mine:
                    answer["lock"].update(
                        name=display_name(state.lock.user),
                        time=timezone.localtime(state.lock.since).strftime("%H:%M"),
                    )
        return JsonResponse(answer)

    def take_over_view(self, request, pk: int):
        if request.method != "POST":
            raise Http404
        article = get_object_or_404(Article, pk=pk)
        if not can_publish(request.user) or not super().has_change_permission(request, article):
            raise PermissionDenied
        locks.take_over(article, request.user)
        self.message_user(
            request,
            _("You took “%(title)s” over: the previous editor's saves are now refused.")
            % {"title": article.title},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))

    # --- Revisions -----------------------------------------------------------------------

    def revisions_view(self, request, pk: int):
        article = self._revision_reader(request, pk)
        versions = list(revisions_of(article))
        rows = [
            {
                "version": version,
                "when": _when(version.revision.date_created),
                "who": display_name(version.revision.user),
                "comment": version.revision.get_comment(),
                "status": Snapshot.from_fields(version.field_dict).values.get("status", ""),
            }
            for version in versions
        ]
        context = self._context(
            request,
            _("Revisions of “%(title)s”") % {"title": article.title},
            article=article,
            rows=rows,
            compare_url=reverse("admin:articles_article_compare", args=[pk]),
        )
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def _version(self, article: Article, version_id) -> Version:
        try:
            return revisions_of(article).get(pk=int(version_id))
        except (Version.DoesNotExist, TypeError, ValueError) as missing:
            raise Http404 from missing

    def compare_view(self, request, pk: int):
        article = self._revision_reader(request, pk)
        older = self._version(article, request.GET.get("from"))
        newer = self._version(article, request.GET.get("to"))
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = self._context(
            request,
            _("Compare revisions of “%(title)s”") % {"title": article.title},
            article=article,
            left_title=_("%(when)s by %(who)s")
            % {
                "when": _when(older.revision.date_created),
                "who": display_name(older.revision.user),
            },
            right_title=_("%(when)s by %(who)s")
            % {
                "when": _when(newer.revision.date_created),
                "who": display_name(newer.revision.user),
            },
            rows=compare(
                Snapshot.from_fields(older.field_dict), Snapshot.from_fields(newer.field_dict)
            ),
            restore_older=reverse("admin:articles_article_restore", args=[pk, older.pk]),
            revisions_url=reverse("admin:articles_article_revisions", args=[pk]),
        )
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, pk: int, version_id: int):
        article = self._revision_reader(request, pk)
        version = self._version(article, version_id)
        if not self.has_change_permission(request, None) or not article.is_editable_by(
            request.user
        ):
            raise PermissionDenied
        lock = locks.state(article, request.user)
        if request.method == "POST":
            if not lock.mine:
                self.message_user(
                    request,
                    _("%(name)s is editing this article: restore it when they are done.")
                    % {"name": display_name(lock.lock.user)},
                    messages.ERROR,
                )
                return HttpResponseRedirect(request.path)
            restored = restore_revision(article, version, user=request.user)
            if restored.pending:
                text = _(
                    "The revision of %(when)s was sent to the editors as a change: readers "
                    "keep the published version until an editor publishes it."
                )
            else:
                text = _("The revision of %(when)s was restored, as a new revision.")
            self.message_user(
                request, text % {"when": _when(version.revision.date_created)}, messages.SUCCESS
            )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))
        context = self._context(
            request,
            _("Restore the revision of %(when)s?") % {"when": _when(version.revision.date_created)},
            article=article,
            left_title=_("Now"),
            right_title=_("After restoring"),
            rows=compare(Snapshot.of(article), _restored_snapshot(article, version)),
            lock_holder=None if lock.mine else display_name(lock.lock.user),
            revisions_url=reverse("admin:articles_article_revisions", args=[pk]),
        )
        return TemplateResponse(request, "admin/articles/article/restore.html", context)

    # --- A journalist's change to a published article ---------------------------------------

    def pending_view(self, request, pk: int):
        article = self._article(request, pk)
        pending = (
            PendingChange.objects.filter(article=article)
            .select_related("created_by", "category", "author")
            .first()
        )
        if pending is None:
            self.message_user(request, _("No change is waiting for this article."))
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))
        editor = can_publish(request.user)
        is_writer = pending.created_by_id == request.user.pk
        if not (editor or is_writer):
            raise PermissionDenied
        if request.method == "POST":
            return self._decide_pending(request, article, pending, editor=editor)
        fields = list(PENDING_CHANGE_FIELDS)
        context = self._context(
            request,
            _("Change to “%(title)s” waiting for an editor") % {"title": article.title},
            article=article,
            pending=pending,
            pending_by=display_name(pending.created_by),
            sent=_when(pending.submitted_at),
            live_changed_since=pending.base_version != article.version,
            left_title=_("Published (what readers see)"),
            right_title=_("Change by %(name)s") % {"name": display_name(pending.created_by)},
            rows=compare(Snapshot.of(article, fields), Snapshot.of(pending, fields)),
            is_editor=editor,
            is_writer=is_writer,
            note_error=getattr(request, "note_error", ""),
            note=request.POST.get("note", ""),
        )
        return TemplateResponse(request, "admin/articles/article/pending.html", context)

    def _decide_pending(self, request, article, pending, *, editor: bool):
        note = request.POST.get("note", "").strip()
        decision = request.POST.get("decision")
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        if decision == "discard" and (editor or pending.created_by_id == request.user.pk):
            review.discard_change(pending=pending)
            self.message_user(request, _("The change was discarded."), messages.SUCCESS)
            return HttpResponseRedirect(change_url)
        if not editor:
            raise PermissionDenied
        if decision == "publish":
            review.publish_change(pending=pending, editor=request.user, note=note)
            self.message_user(
                request,
                _("The change was published: readers now see it."),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(change_url)
        if decision == "return":
            if not note:
                request.note_error = _(
                    "Write a note saying what the journalist should change before sending it back."
                )
                request.method = "GET"
                return self.pending_view(request, article.pk)
            review.send_back_change(pending=pending, editor=request.user, note=note)
            self.message_user(
                request, _("The change was sent back to its writer."), messages.SUCCESS
            )
            return HttpResponseRedirect(reverse("admin:articles_article_queue"))
        raise PermissionDenied

    # --- The editorial calendar, the review queue, the journalist's decisions ------------------

    def calendar_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        by_day = request.GET.get("view") == "day"
        try:
            chosen = dt.date.fromisoformat(request.GET.get("date", ""))
        except ValueError:
            chosen = timezone.localdate()
        first = chosen if by_day else chosen - dt.timedelta(days=chosen.weekday())
        length = 1 if by_day else 7
        start = dt.datetime.combine(first, dt.time(), tzinfo=timezone.get_current_timezone())
        end = dt.datetime.combine(
            first + dt.timedelta(days=length), dt.time(), tzinfo=timezone.get_current_timezone()
        )
        days = {first + dt.timedelta(days=n): [] for n in range(length)}
        now = timezone.now()
        for article in Article.objects.in_calendar(start, end):
            local = timezone.localtime(article.published_at)
            days[local.date()].append(
                {
                    "article": article,
                    "time": local.strftime("%H:%M"),
                    "state": _("Published") if article.published_at <= now else _("Scheduled"),
                    "scheduled": article.published_at > now,
                }
            )
        step = dt.timedelta(days=length)
        view = "day" if by_day else "week"
        last = first + step - dt.timedelta(days=1)
        period = (
            _day_name(first)
            if by_day
            else _("Week from %(first)s to %(last)s")
            % {"first": first.strftime("%d/%m/%Y"), "last": last.strftime("%d/%m/%Y")}
        )
        context = self._context(
            request,
            _("Editorial calendar"),
            by_day=by_day,
            days=[
                {"name": _day_name(day), "date": day, "rows": rows} for day, rows in days.items()
            ],
            period=period,
            previous=f"?view={view}&date={(first - step).isoformat()}",
            next=f"?view={view}&date={(first + step).isoformat()}",
            today=f"?view={view}",
            as_week=f"?view=week&date={first.isoformat()}",
            as_day=f"?view=day&date={first.isoformat()}",
        )
        return TemplateResponse(request, "admin/articles/article/calendar.html", context)

    def queue_view(self, request):
        if not can_publish(request.user):
            raise PermissionDenied
        rows = [
            {
                "sent": _when(sent) if sent else "",
                "sent_at": sent,
                "article": article,
                "pending": pending,
                "writer": display_name(pending.created_by if pending else article.created_by)
                if (pending or article.created_by)
                else article.byline,
                "url": reverse("admin:articles_article_pending", args=[article.pk])
                if pending
                else reverse("admin:articles_article_change", args=[article.pk]),
            }
            for sent, article, pending in review.queue()
        ]
        context = self._context(request, _("Waiting for review"), rows=rows)
        return TemplateResponse(request, "admin/articles/article/queue.html", context)

    def decisions_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        decisions = list(review.decisions_for(request.user)[:100])
        rows = [
            {
                "decision": decision,
                "when": _when(decision.decided_at),
                "editor": display_name(decision.decided_by),
                "unread": decision.read_at is None,
                "scheduled_for": publish_time_in_words(decision.article.published_at)
                if decision.outcome == ReviewDecision.Outcome.PUBLISHED
                and decision.article.is_scheduled
                else "",
            }
            for decision in decisions
        ]
        review.mark_read(request.user)
        context = self._context(request, _("From the editors"), rows=rows)
        return TemplateResponse(request, "admin/articles/article/decisions.html", context)


def _restored_snapshot(article: Article, version: Version) -> Snapshot:
    """The article as it would be after restoring ``version``: that revision's content,
    published (or not) as it is now."""
    fields = {}
    for name, _label, _words in DIFF_FIELDS:
        attname = Article._meta.get_field(name).attname
        fields[attname] = getattr(article, attname)
    fields.update(restored_content(version))
    return Snapshot.from_fields(fields)
