"""The handover plan (DESIGN §5.1): saving a section as a new version, and the conflict
when someone else saved it first."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User

from ..models import PlanSection, PlanSectionVersion


class PlanSectionConflict(Exception):
    """Someone else saved the section after this user opened it. Nothing was overwritten; the
    stale text is kept as a flagged version (`stale_version`)."""

    def __init__(
        self,
        *,
        section: PlanSection,
        current_version: int,
        current_text: str,
        current_author: User | None,
        current_at: dt.datetime | None,
        stale_text: str,
        based_on: int,
        stale_version: PlanSectionVersion,
    ) -> None:
        super().__init__(f"plan section {section.pk}: based on {based_on}, now {current_version}")
        self.section = section
        self.current_version = current_version
        self.current_text = current_text
        self.current_author = current_author
        self.current_at = current_at
        self.stale_text = stale_text
        self.based_on = based_on
        self.stale_version = stale_version


def _normalise_text(text: str) -> str:
    # Browsers post textareas with CRLF; store one form so that diffs do not see every line
    # as changed.
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip()


def plan_section_save(
    *,
    actor: User,
    section: PlanSection,
    text: str,
    based_on_version: int,
    is_merge: bool = False,
) -> PlanSectionVersion:
    """Save one plan section as a new version, if nobody else saved it since `based_on_version`.

    Raises PlanSectionConflict otherwise: the current text stays, and the stale text is stored
    as a flagged version so that nothing typed is lost. Different sections are different rows,
    so two people editing different sections never conflict.
    """
    text = _normalise_text(text)
    conflict: PlanSectionConflict | None = None
    # Not @transaction.atomic on the function: the stale version must be committed even though
    # the call ends by raising the conflict.
    with transaction.atomic():
        # The race: two users post a save of the same section at the same moment. Without the
        # row lock both would read version N, both pass the check below and both write N+1 —
        # one edit silently lost (or an IntegrityError on the version number). The lock makes
        # the second request wait until the first has committed; it then reads N+1, sees that
        # its form was based on N and gets the conflict screen instead.
        # No select_related of the author here: after waiting for the lock, PostgreSQL re-reads
        # the locked row only and re-checks the join against the author row it read before the
        # wait; with a new author the LEFT JOIN then gives None and the conflict screen had no
        # author (a 500). The author is read after the lock, from the row as it is now.
        locked = PlanSection.objects.select_for_update(of=("self",)).get(pk=section.pk)
        now = timezone.now()
        next_number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        if based_on_version != locked.version and text != locked.text:
            stale = locked.versions.filter(
                is_stale=True, author=actor, based_on=based_on_version, text=text
            ).first()
            if stale is None:
                stale = PlanSectionVersion(
                    section=locked,
                    number=next_number,
                    text=text,
                    based_on=based_on_version,
                    is_stale=True,
                    author=actor,
                    created_at=now,
                )
                stale.full_clean()
                stale.save()
            conflict = PlanSectionConflict(
                section=locked,
                current_version=locked.version,
                current_text=locked.text,
                current_author=locked.updated_by,
                current_at=locked.updated_at,
                stale_text=text,
                based_on=based_on_version,
                stale_version=stale,
            )
        else:
            current = locked.versions.filter(number=locked.version).first()
            if text == locked.text and current is not None:
                # Nothing changed (or the other user saved exactly this): no empty version.
                section.text, section.version = locked.text, locked.version
                return current
            version = PlanSectionVersion(
                section=locked,
                number=next_number,
                text=text,
                based_on=based_on_version,
                is_merge=is_merge,
                author=actor,
                created_at=now,
            )
            version.full_clean()
            version.save()
            locked.text = text
            locked.version = next_number
            locked.updated_by = actor
            locked.updated_at = now
            locked.save(update_fields=["text", "version", "updated_by", "updated_at"])
            section.text, section.version = locked.text, locked.version
            section.updated_by, section.updated_at = actor, now
            return version
    assert conflict is not None
    raise conflict
