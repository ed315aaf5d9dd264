from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from onewindow.core.models import AuditEvent
from onewindow.notifications import selectors, services
from onewindow.notifications.models import Notification, Status, TemplateOverride


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`committed(**kw)`: notify() as if its transaction committed (on_commit hooks run)."""

    def send(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.notify(**kwargs)

    return send


def test_in_app_message_is_written_and_counted(users):
    user = users["zhangsan"]
    before = selectors.unread_count(user)
    services.notify(
        recipient=user,
        template="platform.message",
        key="t:1",
        context={"subject": "办件已受理", "body": "您的申请已受理"},
    )
    assert selectors.unread_count(user) == before + 1
    n = selectors.inbox(user).first()
    assert (n.subject, n.status) == ("办件已受理", Status.SENT)
    assert services.mark_read(actor=user) == before + 1
    assert selectors.unread_count(user) == 0


def test_same_key_notifies_once(users, sms_outbox, committed):
    user = users["zhangsan"]
    for _ in range(3):
        committed(
            recipient=user, template="platform.welcome", key="once", channels=["in_app", "sms"]
        )
    assert Notification.objects.filter(idempotency_key="once").count() == 2
    assert len(sms_outbox) == 1
    assert sms_outbox[0]["phone"] == "13800000001"
    assert "张三" in sms_outbox[0]["text"]


def test_sms_is_sent_only_after_commit(users, sms_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify(
            recipient=users["zhangsan"], template="platform.welcome", key="k2", channels=["sms"]
        )
    assert sms_outbox == []  # nothing left before the transaction committed
    for callback in callbacks:
        callback()
    assert len(sms_outbox) == 1


def test_rollback_leaves_no_message(users, sms_outbox):
    def change_that_fails() -> None:
        with transaction.atomic():
            services.notify(
                recipient=users["zhangsan"],
                template="platform.welcome",
                key="rb",
                channels=["in_app", "sms"],
            )
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert not Notification.objects.filter(idempotency_key="rb").exists()
    assert sms_outbox == []


def test_failed_delivery_is_retried_with_backoff_then_given_up(
    users, sms_outbox, settings, committed
):
    from onewindow.notifications.backends import MemorySmsBackend

    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    MemorySmsBackend.fail_next = 10
    committed(recipient=users["zhangsan"], template="platform.welcome", key="f", channels=["sms"])
    n = Notification.objects.get(idempotency_key="f")
    assert (n.status, n.attempts) == (Status.FAILED, 1)
    assert n.next_attempt_at > timezone.now()
    assert services.deliver(n.pk) == "skipped"  # not due yet
    later = timezone.now() + dt.timedelta(hours=1)
    for attempt in (2, 3):
        Notification.objects.filter(pk=n.pk).update(next_attempt_at=timezone.now())
        services.deliver(n.pk)
        n.refresh_from_db()
        assert n.attempts == attempt
    assert n.status == Status.DEAD
    assert AuditEvent.objects.filter(code="notifications.delivery.dead").count() == 1
    assert services.sweep(now=later) == 0  # dead messages are not retried
    assert sms_outbox == []


def test_sweep_delivers_due_messages_and_releases_stuck_ones(users, sms_outbox, committed):
    from onewindow.notifications.backends import MemorySmsBackend

    MemorySmsBackend.fail_next = 1
    committed(recipient=users["zhangsan"], template="platform.welcome", key="s", channels=["sms"])
    n = Notification.objects.get(idempotency_key="s")
    assert n.status == Status.FAILED
    assert services.sweep(now=timezone.now() + dt.timedelta(minutes=5)) == 1
    n.refresh_from_db()
    assert n.status == Status.SENT
    assert services.sweep(now=timezone.now() + dt.timedelta(minutes=5)) == 0
    assert len(sms_outbox) == 1
    # A worker that died mid-send leaves SENDING; the sweep hands the row back.
    Notification.objects.filter(pk=n.pk).update(
        status=Status.SENDING, next_attempt_at=timezone.now() - dt.timedelta(hours=1)
    )
    services.sweep()
    n.refresh_from_db()
    assert n.status == Status.SENT
    assert len(sms_outbox) == 2
    assert sms_outbox[1]["key"] == sms_outbox[0]["key"]  # the provider can de-duplicate


def test_missing_contact_is_skipped_and_email_is_sent(users, committed):
    user = users["shenpi"]  # staff without phone or email
    committed(recipient=user, template="platform.welcome", key="e1", channels=["sms", "email"])
    assert set(
        Notification.objects.filter(idempotency_key="e1").values_list("status", flat=True)
    ) == {Status.SKIPPED}
    user.email = "shenpi@example.org"
    user.save()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        committed(recipient=user, template="platform.welcome", key="e2", channels=["email"])
    assert mail.outbox[-1].to == ["shenpi@example.org"]
    assert "欢迎使用" in mail.outbox[-1].subject


def test_admin_override_changes_the_wording(users):
    TemplateOverride.objects.create(
        code="platform.welcome", subject="您好 {{ name }}", body="自定义正文"
    )
    (n,) = services.notify(recipient=users["zhangsan"], template="platform.welcome", key="o")
    assert (n.subject, n.body) == ("您好 张三", "自定义正文")


def test_periodic_tick_enqueues_each_job_once_per_interval(db):
    from onewindow.core import periodic
    from onewindow.core.models import PeriodicJob

    now = timezone.now()
    assert "notifications.sweep" in periodic.tick(now)
    assert "notifications.sweep" not in periodic.tick(now + dt.timedelta(seconds=10))
    assert "notifications.sweep" in periodic.tick(now + dt.timedelta(minutes=2))
    assert PeriodicJob.objects.get(name="notifications.sweep").interval_seconds == 60
