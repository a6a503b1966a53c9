"""The admin's sign-in with two-factor codes, and the staff accounts' two-factor state
(hnp/two_factor.py): a column in the user list and the administrators' reset action."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
from .two_factor_forms import TwoFactorAuthenticationForm

User = get_user_model()
RESET_PERMISSION = "otp_totp.delete_totpdevice"

admin.site.login_form = TwoFactorAuthenticationForm

# django-otp's own pages would show every account's secret key to whoever may view devices;
# devices are made by their owner on the enrolment page and removed by the reset action below.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    list_display = (*UserAdmin.list_display, "two_factor")
    actions = ["reset_two_factor"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                has_two_factor=Exists(
                    TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
                )
            )
        )

    @admin.display(boolean=True, description=_("Two-factor sign-in"), ordering="has_two_factor")
    def two_factor(self, user):
        return user.has_two_factor

    def has_reset_two_factor_permission(self, request):
        return request.user.has_perm(RESET_PERMISSION)

    @admin.action(
        description=_("Reset two-factor sign-in of the selected accounts"),
        permissions=["reset_two_factor"],
    )
    def reset_two_factor(self, request, queryset):
        users = list(queryset)
        for user in users:
            two_factor.reset(user=user, by=request.user)
        self.message_user(
            request,
            ngettext(
                "Two-factor sign-in reset for %(count)d account: it signs in with its password, "
                "then sets two-factor sign-in up again.",
                "Two-factor sign-in reset for %(count)d accounts: they sign in with their "
                "password, then set two-factor sign-in up again.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )
