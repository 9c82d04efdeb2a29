from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from .forms import LoginForm, ResetForm
from .policies import authenticated, public
from .two_factor.middleware import allow_unverified


class LoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # The demo (REQUIRE_2FA=0) says on the login page that two-factor is optional here.
        return {
            **super().get_context_data(**kwargs),
            "two_factor_optional": not settings.REQUIRE_2FA,
        }


login = public(LoginView.as_view(form_class=LoginForm, redirect_authenticated_user=True))
logout = authenticated(allow_unverified(auth_views.LogoutView.as_view()))
password_change = authenticated(
    auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:password_change_done"))
)
password_change_done = authenticated(auth_views.PasswordChangeDoneView.as_view())
password_reset = public(
    auth_views.PasswordResetView.as_view(
        form_class=ResetForm,
        success_url=reverse_lazy("accounts:password_reset_done"),
        email_template_name="registration/password_reset_email.txt",
        subject_template_name="registration/password_reset_subject.txt",
    )
)
password_reset_done = public(auth_views.PasswordResetDoneView.as_view())
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        success_url=reverse_lazy("accounts:password_reset_complete")
    )
)
password_reset_complete = public(auth_views.PasswordResetCompleteView.as_view())
