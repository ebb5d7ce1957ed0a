"""Occupation coder: suggests 職業標準分類 6th-revision 4-digit codes for a vacancy.

Plain Python (no Django): the Django side builds an :class:`OccupationCoder` from the
Occupation table rows and shows the suggestions to an officer to confirm or change.

    coder = OccupationCoder.from_csv("tw_occupation_6th_2010.csv")
    coder.suggest("居家照顧服務員", "協助沐浴、翻身拍背")[0].code  # "5320"
"""

from .coder import OccupationCoder, Suggestion, load_taxonomy_csv

__all__ = ["OccupationCoder", "Suggestion", "load_taxonomy_csv"]
