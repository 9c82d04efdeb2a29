"""The one Danish date style of the product (docs/architecture.md, "Dates").

Dates "24.11.2026", date-times "24.11.2026 kl. 10:00", everywhere on screen and in the PDFs.
Templates use only the names (`|date:"DATE_FORMAT"`, `|date:"DATETIME_FORMAT"`, `|date`) and
Python display code `django.utils.formats.date_format(value, "DATE_FORMAT")`; the long and short
names give the same text so tables, forms and lists agree. Machine formats (CSV, JSON API, ICS,
register files, `datetime=` attributes) stay ISO and do not come from here.
"""

DATE_FORMAT = "d.m.Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = r"d.m.Y \k\l. H:i"
SHORT_DATETIME_FORMAT = r"d.m.Y \k\l. H:i"
TIME_FORMAT = "H:i"
