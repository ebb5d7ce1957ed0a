"""The Ministry's monthly baseline per staff at local service points (勞動部, 2020 version)."""

import datetime

from django.db import migrations

SOURCE = "勞動部（2020）地方就業服務據點每人每月工作量基準"
NOTE = (
    "數值依 2020 年版：受理求職求才 130、就業媒合成功 25、就業服務諮詢 150（每人每月）。"
    "原始文件之標題、文號未能於本系統內確認；如有新版，請新增一筆適用起日較晚的資料。"
)
ROWS = [("intake", 130), ("matched", 25), ("consultations", 150)]


def seed(apps, schema_editor):
    baseline = apps.get_model("reports", "WorkloadBaseline")
    for measure, value in ROWS:
        baseline.objects.get_or_create(
            measure=measure,
            valid_from=datetime.date(2020, 1, 1),
            defaults={"monthly_per_staff": value, "source": SOURCE, "note": NOTE},
        )


def unseed(apps, schema_editor):
    apps.get_model("reports", "WorkloadBaseline").objects.filter(
        valid_from=datetime.date(2020, 1, 1)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_workload_baseline")]
    operations = [migrations.RunPython(seed, unseed)]
