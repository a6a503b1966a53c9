from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from demo.loading import (
    DEMO_PASSWORD,
    DemoAccount,
    ensure_demo_accounts,
    load_demo_content,
)


class Command(BaseCommand):
    help = (
        "Load the Vietnamese demo articles with generated pictures and create demo accounts "
        "with a published password. Safe to run repeatedly; development only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is False. Never do this on a real site.",
        )
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Where the development server listens, for the printed links.",
        )

    def handle(self, *args, force: bool, base_url: str, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo creates an 'admin' superuser whose password is printed for anyone to "
                "read, so it refuses to run with DEBUG=False (a production setting). "
                "Use --force only on a throwaway site."
            )
        accounts = ensure_demo_accounts(password=DEMO_PASSWORD)
        staff = {
            user.username: user
            for user in get_user_model().objects.filter(
                username__in=[account.username for account in accounts]
            )
        }
        report = load_demo_content(
            now=timezone.now(),
            writer=staff.get("phongvien"),
            editor=staff.get("bientap") or staff.get("admin"),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {report.categories} categories ({report.categories_created} new), "
                f"{report.articles} articles ({report.articles_created} new), "
                f"{report.images_written} pictures drawn, {report.pages_created} portal pages "
                "created."
            )
        )
        base_url = base_url.rstrip("/")
        self.stdout.write("")
        self.stdout.write(f"  Site:   {base_url}{reverse('articles:home')}")
        self.stdout.write(f"  Admin:  {base_url}{reverse('admin:index')}")
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("  Logins (username / password / role)"))
        for account in accounts:
            self.stdout.write(self._login_line(account))
        self.stdout.write("")

    def _login_line(self, account: DemoAccount) -> str:
        if account.has_demo_password:
            return f"  {account.username:<10}  {DEMO_PASSWORD:<15}  {account.role}"
        return self.style.WARNING(
            f"  {account.username:<10}  {'(changed)':<15}  {account.role}: its password is no "
            f"longer the demo one; reset it with `manage.py changepassword {account.username}`"
        )
