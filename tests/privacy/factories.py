"""Data for the privacy and referral tests, made through the services."""

from __future__ import annotations

import base64
import struct
import zlib
from typing import Any

from jobdesk.taxonomy.models import Township

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_bytes(width: int = 300, height: int = 100) -> bytes:
    """A real (blank, grey) PNG image of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def png_data_url(width: int = 300, height: int = 100) -> str:
    return "data:image/png;base64," + base64.b64encode(png_bytes(width, height)).decode()


def make_seeker(actor: Any, *, name: str = "林美華", national_id: str = "A123456789", **extra: Any):
    from jobdesk.cases.services import register_seeker

    data = {
        "name": name,
        "phone": extra.pop("phone", "0912-345-678"),
        "email": extra.pop("email", "meihua.lin@example.tw"),
        "address": extra.pop("address", "新北市三重區重新路四段 12 號"),
        "township": Township.objects.filter(full_name__contains="三重").first(),
        **extra,
    }
    return register_seeker(
        actor=actor,
        office=actor.office,
        national_id=national_id,
        data=data,
        sensitive={"disability": "輕度肢體障礙", "health": "", "economic_situation": "中低收入戶"},
    )


def make_case(actor: Any, **kwargs: Any):
    from jobdesk.cases.services import open_case

    seeker = make_seeker(actor, **kwargs)
    return open_case(seeker, actor=actor)


def make_resource():
    from jobdesk.referrals.models import ReferralResource
    from jobdesk.referrals.seed import seed_resources

    seed_resources()
    return ReferralResource.objects.get(code="vr-window-new-taipei")


def make_referral(actor: Any, case: Any = None, **overrides: Any):
    from jobdesk.referrals.services import start_referral

    case = case or make_case(actor)
    values = {
        "resource": make_resource(),
        "situation": "肢體障礙，久站困難，求職三個月未果。",
        "need": "需要職業輔導評量與職務再設計。",
        "reason_for_resource": "職重窗口提供職業輔導評量。",
        "receiving_contact": "陳個管員 02-2960-3456",
        "data_items": ["name", "phone", "assessment"],
        "purpose_text": "轉介職業重建服務窗口評估職業重建需求。",
    } | overrides
    return start_referral(case, actor=actor, **values)


def sign(referral: Any, actor: Any):
    from jobdesk.privacy.signatures import check_drawn_signature
    from jobdesk.referrals.services import sign_consent

    return sign_consent(
        referral,
        actor=actor,
        method="drawn",
        signature=check_drawn_signature(png_data_url()),
        explained=True,
    )
