"""Two-factor login (TOTP with django-otp, and recovery codes), DESIGN §1.

state.py       what the session knows: verified or not, and whether this login needs it
middleware.py  sends a logged-in but unverified user to verification or enrolment
selectors.py   the user's devices
services.py    enrolment, verification, recovery codes, the administrator's reset
qr.py          the QR code of the enrolment page, as inline SVG
forms.py, views.py, and the pages in accounts/templates/accounts/two_factor/
"""
