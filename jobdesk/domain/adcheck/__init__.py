"""就業服務法 §5 ad-compliance checker: plain Python, no Django.

``check_ad(title, description, pay)`` returns the findings in a vacancy's text: requirements on
the 18 protected grounds of §5 ¶1, requests for private data not needed for the job (§5 ¶2 (2))
and undisclosed pay under NT$40,000 (§5 ¶2 (6)). See docs/adcheck.md.
"""

from .checker import check_ad
from .model import Finding, Ground, PayInfo, Severity
from .stream import check_jsonl_stream

__all__ = ["Finding", "Ground", "PayInfo", "Severity", "check_ad", "check_jsonl_stream"]
