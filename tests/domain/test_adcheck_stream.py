"""`check_jsonl_stream`: JSON lines or CSV in, one JSON line per ad out."""

from __future__ import annotations

import io
import json

from jobdesk.domain.adcheck import check_jsonl_stream


def run(text: str) -> tuple[int, list[dict[str, object]]]:
    out = io.StringIO()
    count = check_jsonl_stream(io.StringIO(text), out)
    return count, [json.loads(line) for line in out.getvalue().splitlines()]


def test_jsonl_with_a_bad_line() -> None:
    # given three JSON lines, the second broken
    text = (
        '{"id": "a1", "title": "作業員", "description": "限男，年齡20~35歲"}\n'
        "{not json\n"
        "\n"
        '{"id": "a3", "title": "行政", "description": "文書處理", "pay_basis": "monthly",'
        ' "pay_min": 32000, "pay_max": 35000}\n'
    )
    # when the stream is checked
    count, lines = run(text)
    # then every record gives one line and the bad one an error in zh-Hant
    assert count == 3
    assert lines[0] == {
        "id": "a1",
        "findings": [
            {
                "ground": "sex",
                "words": "限男",
                "basis": "就業服務法第5條第1項（性別）",
                "severity": "violation",
            },
            {
                "ground": "age",
                "words": "年齡20~35歲",
                "basis": "就業服務法第5條第1項（年齡）",
                "severity": "violation",
            },
        ],
    }
    assert lines[1]["id"] == 2
    assert "JSON" in str(lines[1]["error"])
    assert lines[2] == {"id": "a3", "findings": []}


def test_jsonl_pay_fields_and_bad_values() -> None:
    text = (
        '{"id": 1, "title": "工程師", "description": "開發", "pay_basis": "negotiable"}\n'
        '{"id": 2, "title": "工程師", "description": "開發", "pay_basis": "yearly"}\n'
        '{"id": 3, "title": "工程師", "description": "開發", "pay_min": "abc"}\n'
        '{"id": 4}\n'
        "[1, 2]\n"
    )
    count, lines = run(text)
    assert count == 5
    assert lines[0]["findings"] == [
        {
            "ground": "pay_undisclosed",
            "words": "",
            "basis": "就業服務法第5條第2項第6款",
            "severity": "violation",
        }
    ]
    assert [sorted(line) for line in lines[1:]] == [["error", "id"]] * 4
    assert "pay_basis" in str(lines[1]["error"])


def test_output_keeps_chinese_readable() -> None:
    out = io.StringIO()
    check_jsonl_stream(io.StringIO('{"id": "x", "title": "t", "description": "限女"}\n'), out)
    assert "限女" in out.getvalue()


def test_csv_input() -> None:
    text = (
        "id,title,description,pay_basis,pay_min,pay_max\n"
        "c1,門市,五官端正,monthly,30000,35000\n"
        'c2,行政,"薪資面議，年齡不拘",,,\n'
        "c3,only-two-columns\n"
    )
    count, lines = run(text)
    assert count == 3
    assert lines[0]["id"] == "c1"
    assert [f["ground"] for f in lines[0]["findings"]] == ["facial_features"]
    assert [f["ground"] for f in lines[1]["findings"]] == ["pay_undisclosed"]
    assert "欄位" in str(lines[2]["error"])


def test_csv_with_hire_id_column() -> None:
    count, lines = run("hire_id,title,description\n13327969,居服員,照顧65歲以上長者\n")
    assert (count, lines) == (1, [{"id": "13327969", "findings": []}])


def test_empty_input() -> None:
    assert run("") == (0, [])
