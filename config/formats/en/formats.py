"""The English date style (docs/architecture.md, "Dates"): "14 January 2027" and
"14 January 2027, 10:00" (24-hour clock, no "p.m."), long and short names alike."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
