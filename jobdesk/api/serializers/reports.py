"""The reports' official indicators, as the registry (jobdesk.reports.indicators) defines them."""

from __future__ import annotations

from rest_framework import serializers


class IndicatorGroupOut(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label
    count = serializers.IntegerField()


class IndicatorValueOut(serializers.Serializer):  # type: ignore[type-arg]
    key = serializers.CharField(help_text="指標代碼（報表頁與匯出檔相同）")
    name = serializers.CharField()
    section = serializers.CharField()
    definition = serializers.CharField(help_text="定義，與報表頁所示相同")
    source = serializers.CharField(help_text="定義的出處")  # type: ignore[assignment]
    confirmed = serializers.BooleanField(help_text="官方公式是否已確認")
    caveat = serializers.CharField(allow_blank=True)
    unit = serializers.CharField(allow_blank=True)
    kind = serializers.ChoiceField(choices=["count", "sum", "ratio", "median_days", "groups"])
    applicable = serializers.BooleanField(help_text="否：此範圍不適用（例如職缺指標之個人範圍）")
    value = serializers.FloatField(allow_null=True, help_text="數值；比率之分母為 0 時為 null")
    display = serializers.CharField(help_text="畫面上的寫法")
    rows = serializers.IntegerField(allow_null=True, help_text="數值背後的資料筆數")
    groups = IndicatorGroupOut(many=True)


class IndicatorReportOut(serializers.Serializer):  # type: ignore[type-arg]
    office = serializers.CharField(help_text="據點代碼（含其下轄據點）")
    office_name = serializers.CharField()
    counsellor = serializers.CharField(allow_null=True)
    month = serializers.CharField(help_text="YYYY-MM")
    start = serializers.DateField()
    end = serializers.DateField(help_text="期間的最後一天")
    figures_as_of = serializers.DateTimeField(
        allow_null=True,
        help_text="讀彙整之數字時（已結束月份：每晚彙整；本月：進行中之彙整），其彙整時間；"
        "null 表示為即時計算",
    )
    figures_running = serializers.BooleanField(
        help_text="true：本月進行中之彙整（其後登錄之資料將於下次彙整時列入）",
    )
    results = IndicatorValueOut(many=True)
