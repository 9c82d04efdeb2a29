"""Phase 2: one course simulated from inquiry to closing, in days after the inquiry: the moves,
the episodes and the handover."""

from __future__ import annotations

import random

from cases.models import Case
from treatment_options.models import EndReason

from .constants import WINDOW_DAYS, S
from .plans import Course, Ep, Org, OutpatientInfo, Tr

DROP_OUTS = [
    (EndReason.NO_SHOW, 30),
    (EndReason.WANTED_STOP, 25),
    (EndReason.EXPELLED, 8),
    (EndReason.MOVED, 8),
    (EndReason.OTHER_OFFER, 8),
    (EndReason.HOSPITAL, 6),
    (EndReason.KRIMINALFORSORGEN, 6),
    (EndReason.DEATH, 2),
    (EndReason.OTHER, 7),
]


def course_in_state(
    rng: random.Random, org: Org, local: OutpatientInfo, category: str, status: str
) -> tuple[Course, int]:
    """A course and the day of it that is today, such that the case is in `status` today."""
    if status == S.AFTERCARE and category == "anonymous":
        category = "alcohol"  # anonymous drug treatment has no aftercare; SUL § 141, stk. 7 does
    for _attempt in range(200):
        course = simulate_course(rng, org, local, category, force_completed=status == S.AFTERCARE)
        spans = course.intervals(status)
        if not spans:
            continue
        start, end = spans[0]
        if start > WINDOW_DAYS:
            continue
        last = WINDOW_DAYS if end is None else min(end - 1, WINDOW_DAYS)
        return course, rng.randint(start, last)
    raise RuntimeError(f"No course reaches {status}")  # pragma: no cover


def simulate_course(
    rng: random.Random, org: Org, local: OutpatientInfo, category: str, *, force_completed: bool
) -> Course:
    """Simulate a whole course from inquiry to closing (days after the inquiry)."""
    moves: list[tuple[int, str, str]] = []
    episodes: list[Ep] = []
    transition: Tr | None = None
    regional = category in ("drug", "medical") and rng.random() < 0.015

    def close(day: int, reason: str) -> Course:
        moves.append((day, "close", S.CLOSED))
        return Course(
            category, moves, episodes, decision, result, doctor, reason, transition, regional
        )

    decision: int | None = None
    doctor: int | None = None
    result = ""
    if not force_completed and rng.random() < 0.03:
        return close(rng.randint(1, 20), "Henvendelsen førte ikke til et forløb.")
    t_assess = rng.choice((0, 1, 1, 2, 2, 3, 4, 6))
    moves.append((t_assess, "start_assessment", S.ASSESSMENT))
    if not force_completed and rng.random() < 0.08:
        if rng.random() < 0.4:
            decision, result = t_assess + rng.randint(3, 12), Case.DecisionResult.REFUSED
            return close(decision + rng.randint(1, 20), "Afslag på behandling.")
        return close(
            t_assess + rng.randint(7, 60),
            rng.choice(("Borgeren ønskede ikke behandling.", "Ingen kontakt trods flere forsøg.")),
        )
    decision = t_assess + (rng.randint(2, 9) if rng.random() < 0.85 else rng.randint(10, 35))
    result = Case.DecisionResult.GRANTED if rng.random() < 0.9 else Case.DecisionResult.PARTLY
    moves.append((decision, "refer", S.REFERRED))
    if rng.random() < 0.75:  # most start within the 14 days of the guarantee
        start = decision + rng.randint(1, max(1, 14 - decision))
    else:
        start = decision + rng.randint(3, 45)
    if category == "medical":
        doctor = max(decision, start - rng.randint(0, 5)) if rng.random() < 0.95 else None
    free_choice = category != "anonymous" and rng.random() < 0.06

    def drop_out() -> str:
        return rng.choices([r for r, _w in DROP_OUTS], [w for _r, w in DROP_OUTS])[0]

    def completed(p: float) -> bool:
        return force_completed or rng.random() < p

    residential_share = {"drug": 0.28, "alcohol": 0.2, "medical": 0.1}.get(category, 0)
    if category == "anonymous":
        length = rng.randint(30, 200)
        ok = rng.random() < 0.6
        episodes.append(
            Ep(
                local.anonymous,
                decision,
                start,
                start,
                start + length,
                start + 84,
                EndReason.COMPLETED if ok else drop_out(),
            )
        )
        moves.append((start, "start_treatment", S.IN_TREATMENT))
        return close(start + length + rng.randint(0, 20), "Forløbet er afsluttet.")

    if rng.random() < residential_share:
        first_start = start
        if rng.random() < 0.3:
            detox = rng.choice(org.detox)
            detox_end = start + rng.randint(5, 14)
            episodes.append(
                Ep(
                    detox,
                    decision,
                    start,
                    start,
                    detox_end,
                    start + 10,
                    EndReason.COMPLETED,
                    free_choice,
                )
            )
            start = detox_end + rng.randint(0, 3)
            free_choice = False
        home = rng.choice(org.residential)
        length = rng.randint(42, 150)
        res_end = start + length
        ok = completed(0.75)
        res_index = len(episodes)
        episodes.append(
            Ep(
                home,
                decision,
                start,
                start,
                res_end,
                start + 84,
                EndReason.COMPLETED if ok else drop_out(),
                free_choice,
            )
        )
        moves.append((first_start, "start_treatment", S.IN_TREATMENT))
        has_transition = rng.random() < 0.8
        therapist = rng.choice(home.therapists) if home.therapists else None
        if not ok:
            if has_transition:
                transition = Tr(res_index, None, therapist, None, res_end, None, None, False)
            return close(res_end + rng.randint(3, 60), "Borgeren afbrød behandlingen.")
        after = rng.choice((local.aftercare, local.outpatient))
        referral = max(start, res_end - rng.randint(7, 28))
        planned = res_end + rng.randint(1, 10)
        missed = rng.random() < 0.15
        out_start = planned + (rng.randint(2, 14) if missed else 0)
        out_end = out_start + rng.randint(60, 300)
        out_ok = rng.random() < 0.7
        episodes.append(
            Ep(
                after,
                referral,
                planned,
                out_start,
                out_end,
                planned + 182,
                EndReason.COMPLETED if out_ok else drop_out(),
            )
        )
        moves.append((out_start, "start_aftercare", S.AFTERCARE))
        if has_transition:
            transition = Tr(
                res_index,
                len(episodes) - 1,
                therapist,
                rng.choice(after.therapists) if after.therapists else None,
                None,
                min(out_end, out_start + rng.randint(0, 10)),
                out_start,
                missed,
            )
        return close(out_end + rng.randint(0, 30), "Forløbet er afsluttet som planlagt.")

    if free_choice:
        place = rng.choice(org.outpatient).outpatient
    else:
        place = local.day if rng.random() < 0.2 else local.outpatient
    length = rng.randint(60, 365)
    ok = completed(0.62)
    end = start + length
    episodes.append(
        Ep(
            place,
            decision,
            start,
            start,
            end,
            start + 182,
            EndReason.COMPLETED if ok else drop_out(),
            free_choice,
        )
    )
    moves.append((start, "start_treatment", S.IN_TREATMENT))
    if ok and (force_completed or rng.random() < 0.6):
        after_start = end + rng.randint(0, 7)
        after_end = after_start + rng.randint(60, 240)
        episodes.append(
            Ep(
                local.aftercare,
                end - rng.randint(0, 14),
                after_start,
                after_start,
                after_end,
                after_start + 182,
                EndReason.COMPLETED if rng.random() < 0.8 else drop_out(),
            )
        )
        moves.append((after_start, "start_aftercare", S.AFTERCARE))
        return close(after_end + rng.randint(0, 30), "Efterbehandlingen er afsluttet.")
    reason = "Forløbet er afsluttet som planlagt." if ok else "Borgeren afbrød behandlingen."
    return close(end + rng.randint(0, 30), reason)
