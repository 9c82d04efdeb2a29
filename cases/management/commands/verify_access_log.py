"""`python manage.py verify_access_log`: check the access log's chain against the keys and the
anchors, and name every range that was changed (DESIGN §1). Exits non-zero on any finding."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.access_log import ChainReport, access_log_check
from cases.access_log.keys import signing_key
from cases.access_log.problems import anchor_time


class Command(BaseCommand):
    help = (
        "Kontrollér adgangsloggens kæde mod nøglerne og ankrene. / "
        "Verify the access log's chain against the keys and the anchors."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="Sprog for rapporten / language of the report (da, en)",
        )

    def handle(self, *args: Any, language: str, **options: Any) -> None:
        with translation.override(language):
            report = access_log_check()
            self._summary(report)
            if report.problems:
                for problem in report.problems:
                    self.stderr.write(problem.message)
                found = len(report.problems)
                raise CommandError(
                    ngettext(
                        "Adgangsloggen er ikke intakt: %(n)s fund.",
                        "Adgangsloggen er ikke intakt: %(n)s fund.",
                        found,
                    )
                    % {"n": found}
                )
            self.stdout.write(
                self.style.SUCCESS(
                    ngettext(
                        "Adgangsloggen er intakt (%(n)s post).",
                        "Adgangsloggen er intakt (%(n)s poster).",
                        report.count,
                    )
                    % {"n": report.count}
                )
            )

    def _summary(self, report: ChainReport) -> None:
        current = signing_key().key_id
        for key_id, count in sorted(report.entries_per_key.items()):
            line = ngettext(
                "Nøgle %(key_id)s: %(n)s post", "Nøgle %(key_id)s: %(n)s poster", count
            ) % {"key_id": key_id, "n": count}
            if key_id == current:
                line += " " + _("(den nuværende)")
            self.stdout.write(line)
        if report.legacy_count:
            self.stdout.write(
                ngettext(
                    "%(n)s post fra før nøglen (ren SHA-256) er kun beskyttet som helhed, af "
                    "den første post med nøgle.",
                    "%(n)s poster fra før nøglen (ren SHA-256) er kun beskyttet som helhed, "
                    "af den første post med nøgle.",
                    report.legacy_count,
                )
                % {"n": report.legacy_count}
            )
        anchor_file = report.anchor_file
        if anchor_file is None or not anchor_file.exists:
            path = anchor_file.path if anchor_file else settings.ACCESS_LOG_ANCHOR_FILE
            self.stdout.write(
                _("Ingen ankre i %(path)s: halen kan ikke kontrolleres mod et anker.")
                % {"path": path}
            )
        elif anchor_file.anchors:
            newest = anchor_file.anchors[-1]  # the file is only ever appended to
            self.stdout.write(
                ngettext(
                    "%(n)s anker i %(path)s; det nyeste fra %(at)s: %(count)s poster til og "
                    "med post %(last)s.",
                    "%(n)s ankre i %(path)s; det nyeste fra %(at)s: %(count)s poster til og "
                    "med post %(last)s.",
                    len(anchor_file.anchors),
                )
                % {
                    "n": len(anchor_file.anchors),
                    "path": anchor_file.path,
                    "at": anchor_time(newest),
                    "count": newest.count,
                    "last": newest.last_id if newest.last_id is not None else "-",
                }
            )
