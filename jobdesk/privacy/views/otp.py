"""Enrolment and verification of the second factor."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from jobdesk.accounts.current import acting_user
from jobdesk.privacy import otp
from jobdesk.privacy.forms import OTPCodeForm


def _locked_error(request: HttpRequest) -> str | None:
    until = otp.locked_until(request.user)
    if until is None:
        return None
    minutes = max(1, int((until - timezone.now()).total_seconds() // 60) + 1)
    return (
        f"驗證碼連續輸入錯誤次數過多，已暫時停止驗證，請於約 {minutes} 分鐘後再試；"
        "若手機遺失，請洽系統管理者重設驗證器。"
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    return target


@login_required
def otp_enrol(request: HttpRequest) -> HttpResponse:
    device = otp.device_of(request.user)
    if device is not None and device.is_confirmed:
        query = urlencode({"next": _next_url(request)})
        return redirect(f"{reverse('privacy:otp_verify')}?{query}")
    form = OTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if otp.verify_code(actor=acting_user(request), code=form.cleaned_data["code"]):
            otp.mark_verified(request)
            messages.success(request, "已啟用雙重驗證。")
            return redirect(_next_url(request))
        form.add_error(
            "code",
            _locked_error(request) or "驗證碼不正確或已使用過，請確認手機時間後再輸入新的驗證碼。",
        )
    if device is None:  # the first visit creates the unconfirmed device; reloading keeps it
        device = otp.start_enrolment(actor=acting_user(request))
    context = {
        "form": form,
        "secret": device.secret_encrypted,
        "uri": otp.provisioning_uri(device),
        "next": _next_url(request),
        "required": getattr(request.user, "role", "") in otp.REQUIRED_ROLES,
    }
    return render(request, "privacy/otp_enrol.html", context)


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    device = otp.device_of(request.user)
    if device is None or not device.is_confirmed:
        return redirect("privacy:otp_enrol")
    form = OTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if otp.verify_code(actor=acting_user(request), code=form.cleaned_data["code"]):
            otp.mark_verified(request)
            return redirect(_next_url(request))
        form.add_error(
            "code", _locked_error(request) or "驗證碼不正確或已使用過，請輸入驗證器上新的驗證碼。"
        )
    return render(request, "privacy/otp_verify.html", {"form": form, "next": _next_url(request)})
