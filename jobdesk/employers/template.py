"""The product's vacancy import template as an Excel workbook (openpyxl)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from jobdesk.employers.importing.readers import TEMPLATE_COLUMNS

EXAMPLE = {
    "source_id": "A-0001",
    "employer_name": "範例股份有限公司",
    "employer_ubn": "04595257",
    "title": "門市人員",
    "description": "商品陳列、收銀結帳、顧客服務。",
    "occupation": "5220",
    "headcount": 2,
    "place": "臺北市大安區",
    "pay_basis": "月薪",
    "pay_min": 30000,
    "pay_max": 34000,
    "hours": "09:00-18:00",
    "shifts": "日班、輪班",
    "education": "高中",
    "experience_years": 0,
    "licences": "",
    "languages": "",
    "skills": "收銀機操作",
    "opens_on": "2026-02-01",
    "closes_on": "2026-03-31",
}
NOTES = [
    "第一列為欄位名稱，請勿修改；第二列起每列一個職缺（範例列請刪除）。",
    "來源編號：貴單位的職缺編號，重複匯入同一編號時會更新該職缺，不會重複建立。",
    "職業代碼：職業標準分類第6次修正的4位數細類代碼；留空時系統會建議，由專員確認。",
    "工作地點：縣市＋鄉鎮市區（臺北市大安區），或只填縣市（臺北市）。",
    "薪資方式：月薪、時薪、日薪、論件、面議。月薪未達四萬元須填薪資下限（就業服務法第5條）。",
    "班別：日班、中班、夜班、輪班、兼職，可複選，以「、」分隔。",
    "最低學歷：不拘、國小、國中、高中、高職、專科、大學、碩士、博士。",
    "日期：西元 2026-03-31 或民國 115/03/31。",
]


def template_workbook() -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "職缺"
    sheet.append([zh for _, zh in TEMPLATE_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append([EXAMPLE[key] for key, _ in TEMPLATE_COLUMNS])
    notes = workbook.create_sheet("說明")
    for line in NOTES:
        notes.append([line])
    return workbook
