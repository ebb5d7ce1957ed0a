"""Data-subject requests: deadlines, one extension, export, correction, deletion."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jobdesk.audit.models import AccessEvent
from jobdesk.cases.models import JobSeeker
from jobdesk.privacy.services import (
    apply_correction,
    complete_request,
    extend_request,
    is_processing_stopped,
    open_request,
)
from tests.privacy.factories import make_referral, sign

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(("kind", "days"), [("copy", 15), ("inspect", 15), ("delete", 30)])
def test_deadlines_and_one_extension(personas, reference_data, kind, days):
    alice = personas["alice"]
    seeker = make_referral(alice).case.seeker
    day = timezone.localdate() - datetime.timedelta(days=2)
    request = open_request(seeker, actor=alice, kind=kind, details="", received_on=day)
    assert request.due_on == day + datetime.timedelta(days=days)
    request = extend_request(request, actor=alice, reason="資料量大，需調閱紙本")
    assert request.due_on == day + datetime.timedelta(days=2 * days)
    with pytest.raises(ValidationError, match="只能延長一次"):
        extend_request(request, actor=alice, reason="again")


def test_export_is_complete_and_logged(client_for, personas, reference_data):
    # given
    alice = personas["alice"]
    referral = sign(make_referral(alice), alice)
    seeker = referral.case.seeker
    request = open_request(
        seeker, actor=alice, kind="copy", details="", received_on=timezone.localdate()
    )
    # when
    response = client_for(alice).get(f"/privacy/requests/{request.public_id}/export/")
    # then
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    text = json.dumps(data, ensure_ascii=False)
    assert "林美華" in text
    assert "A123456789" in text
    assert "輕度肢體障礙" in text
    assert "轉介" in data["相關資料"]
    assert "同意書" in data["相關資料"]
    assert any(n.startswith("files/") and n.endswith(".png") for n in archive.namelist())
    assert AccessEvent.objects.filter(action="export", subject_id=str(seeker.public_id)).exists()


def test_correction_is_versioned(personas, reference_data):
    alice = personas["alice"]
    seeker = make_referral(alice).case.seeker
    request = open_request(
        seeker, actor=alice, kind="correct", details="電話更新", received_on=timezone.localdate()
    )
    apply_correction(
        request, actor=alice, expected_version=seeker.version, changes={"phone": "0987-654-321"}
    )
    assert JobSeeker.objects.get(pk=seeker.pk).phone == "0987-654-321"
    with pytest.raises(ValidationError):
        apply_correction(
            request, actor=alice, expected_version=seeker.version, changes={"phone": "0"}
        )


def test_completed_deletion_erases_and_stop_restricts(personas, reference_data):
    alice = personas["alice"]
    seeker = make_referral(alice).case.seeker
    stop = open_request(
        seeker, actor=alice, kind="stop", details="", received_on=timezone.localdate()
    )
    complete_request(stop, actor=alice, outcome="已停止利用")
    assert is_processing_stopped(seeker)
    delete = open_request(
        seeker, actor=alice, kind="delete", details="", received_on=timezone.localdate()
    )
    complete_request(delete, actor=alice, outcome="已刪除")
    seeker.refresh_from_db()
    assert seeker.name == "（已匿名化）"
    delete.refresh_from_db()
    assert delete.status == "done"
    assert delete.subject_reference == "A12****789"
