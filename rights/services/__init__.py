"""Writes of the rights app, one file per topic: access_requests.py, complaints.py and the
legal holds they place and lift (holds.py)."""

from .access_requests import CLOSING_STATUSES, access_request_close, access_request_register
from .complaints import complaint_decide, complaint_forward, complaint_register
from .holds import legal_hold_lift, legal_hold_place

__all__ = [
    "CLOSING_STATUSES",
    "access_request_close",
    "access_request_register",
    "complaint_decide",
    "complaint_forward",
    "complaint_register",
    "legal_hold_lift",
    "legal_hold_place",
]
