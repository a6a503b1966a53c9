from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from hnp import two_factor


class Command(BaseCommand):
    help = (
        "Reset a staff account's two-factor sign-in (its phone is lost and its recovery codes "
        "are used up), for when no administrator can sign in to do it in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"No account named {username!r}.") from None
        two_factor.reset(user=user, by=None)
        self.stdout.write(
            f"Two-factor sign-in of {username} reset: it signs in with its password, then sets "
            "two-factor sign-in up again."
        )
