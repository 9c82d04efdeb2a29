from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from .forms import LoginForm, ResetForm
from .policies import authenticated, public

login = public(auth_views.LoginView.as_view(form_class=LoginForm, redirect_authenticated_user=True))
logout = authenticated(auth_views.LogoutView.as_view())
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
