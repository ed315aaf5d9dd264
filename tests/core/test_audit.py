"""The audit chain: every change appends a linked event; tampering is detected."""

from __future__ import annotations

import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from onewindow.cli import main as cli_main
from onewindow.core import audit, context
from onewindow.core.models import AppendOnlyError, AuditChainHead, AuditEvent


def _append(n: int) -> list[AuditEvent]:
    events = []
    for i in range(n):
        with transaction.atomic():
            events.append(
                audit.record(
                    code="test.thing.changed",
                    object_type="test.thing",
                    object_id=str(i),
                    object_repr=f"物件{i}",
                    after={"i": i, "名": "值"},
                )
            )
    return events


@pytest.mark.django_db
def test_events_form_a_chain_and_verify():
    events = _append(5)
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert events[0].prev_hash == audit.GENESIS
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
    result = audit.verify()
    assert result.ok
    assert result.checked == 5
    head = AuditChainHead.objects.get(pk=1)
    assert (head.seq, head.hash) == (5, events[-1].hash)


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_a_programming_error():
    with pytest.raises(RuntimeError, match="transaction"):
        audit.record(code="x")


@pytest.mark.django_db
def test_record_captures_client_ip_and_rolls_back_with_the_change():
    with context.bind(ip="10.0.0.7"), transaction.atomic():
        event = audit.record(code="test.ip")
    assert AuditEvent.objects.get(pk=event.pk).ip == "10.0.0.7"

    def change_that_fails() -> None:
        with transaction.atomic():
            audit.record(code="test.rolled_back")
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        change_that_fails()
    assert not AuditEvent.objects.filter(code="test.rolled_back").exists()
    assert audit.verify().ok


@pytest.mark.django_db
def test_record_many_appends_a_batch_that_verifies_between_single_records(
    django_assert_max_num_queries,
):
    from onewindow.identity.models import User

    actor = User.objects.create_user(username="auditor", password="Abcdef#2026", name="审计员")
    _append(2)
    # One lock of the head, one insert, one head update.
    with (
        context.bind(ip="10.0.0.8"),
        transaction.atomic(),
        django_assert_max_num_queries(3),
    ):
        batch = audit.record_many(
            [
                {"code": "test.batch", "obj": actor, "after": {"i": 0}},
                {
                    "code": "test.batch",
                    "actor": actor,
                    "object_type": "test.thing",
                    "object_id": "7",
                    "object_repr": "物件" * 200,
                    "before": {"名": "旧"},
                    "after": {"名": "新"},
                },
                {"code": "test.batch.last"},
            ]
        )
    _append(1)
    assert [e.seq for e in batch] == [3, 4, 5]
    stored = {e.seq: e for e in AuditEvent.objects.filter(code__startswith="test.batch")}
    assert stored[3].object_type == "identity.user"
    assert stored[3].object_id == str(actor.pk)
    assert stored[3].actor_label == "系统"
    assert (stored[4].actor_id, stored[4].actor_label) == (actor.pk, "auditor")
    assert len(stored[4].object_repr) == 200
    assert stored[4].before == {"名": "旧"}
    assert {e.ip for e in stored.values()} == {"10.0.0.8"}
    assert AuditEvent.objects.get(seq=6).prev_hash == stored[5].hash
    result = audit.verify()
    assert (result.ok, result.checked) == (True, 6)
    assert AuditChainHead.objects.get(pk=1).seq == 6


@pytest.mark.django_db
def test_record_many_of_nothing_writes_nothing(django_assert_num_queries):
    heads = list(AuditChainHead.objects.values_list("seq", "hash"))
    with transaction.atomic(), django_assert_num_queries(0):
        assert audit.record_many([]) == []
    assert not AuditEvent.objects.exists()
    assert list(AuditChainHead.objects.values_list("seq", "hash")) == heads
    with transaction.atomic():
        audit.record_many([{"code": "test.first"}, {"code": "test.second"}])
    assert audit.verify().checked == 2


@pytest.mark.django_db(transaction=True)
def test_record_many_outside_a_transaction_is_a_programming_error():
    with pytest.raises(RuntimeError, match="transaction"):
        audit.record_many([{"code": "x"}])


@pytest.mark.django_db
def test_orm_refuses_to_update_or_delete_events():
    (event,) = _append(1)
    event.code = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(code="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def _raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_verify_names_an_altered_row():
    _append(6)
    _raw("UPDATE core_auditevent SET object_repr = %s WHERE seq = %s", ["篡改", 4])
    result = audit.verify()
    assert not result.ok
    assert result.broken_seq == 4
    assert result.checked == 3
    assert "改动" in result.reason


@pytest.mark.django_db
def test_verify_names_a_removed_row():
    _append(6)
    _raw("DELETE FROM core_auditevent WHERE seq = %s", [3])
    result = audit.verify()
    assert (result.ok, result.broken_seq) == (False, 3)
    assert "删除" in result.reason


@pytest.mark.django_db
def test_verify_detects_a_removed_tail():
    _append(4)
    _raw("DELETE FROM core_auditevent WHERE seq = %s", [4])
    result = audit.verify()
    assert (result.ok, result.broken_seq) == (False, 4)


@pytest.mark.django_db
def test_verify_detects_a_rehashed_row_that_breaks_the_next_link():
    events = _append(4)
    # A careful forger recomputes the hash of the row they changed ...
    forged = AuditEvent.objects.get(seq=2)
    forged.object_repr = "伪造"
    new_hash = audit.link_hash(events[0].hash, forged)
    _raw("UPDATE core_auditevent SET object_repr = %s, hash = %s WHERE seq = 2", ["伪造", new_hash])
    # ... and the next row no longer points at it.
    result = audit.verify()
    assert (result.ok, result.broken_seq) == (False, 3)


@pytest.mark.django_db
def test_verify_command_and_cli_exit_codes(capsys):
    _append(3)
    call_command("audit_verify")
    assert cli_main(["audit", "verify"]) == 0
    assert "已校验 3 条" in capsys.readouterr().out
    _raw("UPDATE core_auditevent SET code = %s WHERE seq = %s", ["x", 2])
    with pytest.raises(CommandError, match="第 2 号"):
        call_command("audit_verify")
    assert cli_main(["audit", "verify"]) == 1
