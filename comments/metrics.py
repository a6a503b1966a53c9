"""What the comments app adds to the site's Prometheus metrics (hnp/metrics.py)."""

from prometheus_client.core import GaugeMetricFamily

from .models import Comment


class PendingCommentsCollector:
    """``hnp_comments_pending``: comments waiting for a moderator, counted at each scrape (the
    status column is indexed), so an alert can say when moderation falls behind."""

    def collect(self):
        yield GaugeMetricFamily(
            "hnp_comments_pending",
            "Comments waiting for a moderator",
            value=Comment.objects.pending().count(),
        )
