"""The walk itself: for one user in one world, every route with foreign ids (must answer 404
and change nothing), every write on a case the user may only read (must change nothing), and
every page and list (must show no foreign citizen's name or CPR number)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse

from api.services import api_token_create

from .admin_routes import admin_problem, admin_urls
from .admin_routes import post_data as admin_post_data
from .oracle import (
    access,
    caseless_citizen_visible,
    foreign_letters,
    read_only_letters,
    visible_letters,
)
from .routes import Route, all_routes, case_url, other_users_url
from .world import World

# Rows a read may write (the access log and its chain); everything else under a case is data.
UNCHANGED_APPS = ("cases", "transitions", "treatment_options")
MAY_CHANGE = {"accesslog", "accessloghead"}

# A valid reassignment from case A's team to the other team, so a hole shows as an effect.
API_METHODS = ("get", "post", "patch", "delete")
PAGE_METHODS = ("get", "post")


@dataclass(frozen=True)
class Finding:
    state: str
    user_kind: str
    route: str
    method: str
    via: str
    what: str

    def __str__(self) -> str:
        return (
            f"[{self.state}] {self.user_kind} {self.method.upper()} {self.route} ({self.via}): "
            f"{self.what}"
        )


def _case_data_models() -> list[Any]:
    return [
        model
        for label in UNCHANGED_APPS
        for model in apps.get_app_config(label).get_models()
        if model._meta.model_name not in MAY_CHANGE
    ]


def snapshot() -> dict[str, Any]:
    """Every row of the case data, to compare before and after a write: on PostgreSQL a digest
    of each table's rows in key order, computed in one query (the walk takes over a thousand
    snapshots); elsewhere the rows themselves."""
    models = _case_data_models()
    if connection.vendor != "postgresql":
        return {
            model._meta.label: list(model._default_manager.order_by("pk").values_list())
            for model in models
        }
    quote = connection.ops.quote_name
    digests = ", ".join(
        f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.{quote(model._meta.pk.column)}),"
        f" '')) FROM {quote(model._meta.db_table)} t)"
        for model in models
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {digests}")
        row = cursor.fetchone()
    return {model._meta.label: digest for model, digest in zip(models, row, strict=True)}


def changed_tables(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])


def post_data(route: Route, world: World, letter: str) -> dict[str, Any]:
    """What a write sends: empty, except a valid reassignment away from the case's team."""
    if route.name == "cases:reassign":
        case = world.cases[letter].case
        target = "2" if case.team_id == world.units["team1"].pk else "1"
        return {
            "caseworker": world.users[f"cw{target}"].pk,
            "team": world.units[f"team{target}"].pk,
            "reason": "Sagen flyttes efter aftale mellem teamene.",
        }
    return {}


class Walker:
    """Walks every route for one user kind in `world` and collects what is wrong."""

    def __init__(self, world: World, user_kind: str, *, with_token: bool = True) -> None:
        self.world = world
        self.user_kind = user_kind
        self.findings: list[Finding] = []
        self.requests = 0
        self.session = Client()
        self.token: Client | None = None
        if user_kind != "anonymous":
            user = world.users[user_kind]
            self.session.force_login(user)
            if with_token:
                token = api_token_create(user=user, name="access walk")
                self.token = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
        self.secrets = [
            secret
            for letter in foreign_letters(world, user_kind)
            for secret in (
                *world.cases[letter].marker_names,
                world.cases[letter].cpr,
                world.cases[letter].cpr.replace("-", ""),
            )
        ]
        if not caseless_citizen_visible(world, user_kind):
            self.secrets += list(world.caseless_markers)

    def find(self, route: Route, method: str, via: str, what: str) -> None:
        self.findings.append(
            Finding(self.world.state, self.user_kind, route.name, method, via, what)
        )

    def clients(self, route: Route) -> list[tuple[str, Client]]:
        if route.is_api and self.token is not None:
            return [("session", self.session), ("token", self.token)]
        return [("session", self.session)]

    def request(
        self, client: Client, method: str, url: str, data: dict[str, Any] | None = None
    ) -> Any:
        self.requests += 1
        if method == "get":
            if url.startswith("/api/"):
                # A client that names a purpose (DESIGN §10): the 400 for a missing one, where
                # the context does not decide it, must not hide a case that opens.
                url += ("&" if "?" in url else "?") + "purpose=case_work"
            return client.get(url)
        if method == "post":
            return client.post(url, data or {})
        return getattr(client, method)(url, data={}, content_type="application/json")

    def check_body(self, route: Route, method: str, via: str, response: Any) -> None:
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        for secret in self.secrets:
            if secret in text:
                self.find(route, method, via, f"foreign name or CPR {secret!r} in the body")

    def expect_refused(self, route: Route, method: str, via: str, response: Any) -> None:
        """2xx is always wrong; under a case (a case id, or an API object of a case) only
        404 is right: a 403 would say the case exists (DESIGN §1). A unit's reports (pages and
        API, by `unit_id`) are not under a case: a unit's existence is no secret, its figures
        are, so 403 (no reports role) and 404 (another unit) are both refusals there."""
        status = response.status_code
        under_a_case = "case_id" in route.kwargs or (
            route.is_api
            and "unit_id" not in route.kwargs
            and not route.name.startswith(("api:notification", "api:citizen"))
        )
        if 200 <= status < 300:
            self.find(route, method, via, f"{status} on a foreign object")
        elif self.user_kind == "anonymous":
            if status not in (302, 401, 403, 405):
                self.find(route, method, via, f"{status} for anonymous")
        elif not under_a_case:
            return
        elif status == 403:
            self.find(route, method, via, "403 where 404 is due")
        elif status not in (404, 405):
            self.find(route, method, via, f"{status} where 404 is due")

    def write(
        self,
        route: Route,
        method: str,
        via: str,
        client: Client,
        url: str,
        data: dict[str, Any],
        *,
        foreign: bool = True,
    ) -> Any:
        # A snapshot per write is slow: writes on foreign objects are compared once per user
        # (in `run`); writes on a case the user reads are compared one by one.
        before = snapshot() if not foreign else None
        response = self.request(client, method, url, data)
        if before is not None:
            changed = changed_tables(before, snapshot())
            if changed:
                self.find(route, method, via, f"changed {', '.join(changed)}")
        return response

    def walk_case(self, route: Route, letter: str, *, foreign: bool) -> None:
        url = case_url(route, self.world.cases[letter])
        if url is None:
            return
        methods = API_METHODS if route.is_api else PAGE_METHODS
        for via, client in self.clients(route):
            for method in methods:
                if (via == "token" or self.user_kind == "anonymous") and method not in (
                    "get",
                    "post",
                ):
                    continue  # the session walk covers the other methods
                if not foreign and method == "get":
                    continue
                if not foreign and self.may_write(route, letter):
                    continue
                if method == "get":
                    response = self.request(client, method, url)
                else:
                    data = post_data(route, self.world, letter)
                    response = self.write(route, method, via, client, url, data, foreign=foreign)
                if foreign:
                    self.expect_refused(route, method, via, response)
                self.check_body(route, method, via, response)

    def may_write(self, route: Route, letter: str) -> bool:
        # A municipal team's manager reassigns its cases (DESIGN §1): that write is theirs.
        owner = self.world.cases[letter].case.team_id
        user = self.world.users[self.user_kind]
        if route.name == "rights:file_export_start" and self.user_kind.startswith("mgr"):
            # A citizen's request about their own data is answered by a manager who sees one
            # of the citizen's cases, as the look-up extract (rights.file_export.access).
            return True
        return (
            route.name == "cases:reassign"
            and self.user_kind.startswith("mgr")
            and (user.unit_id == owner)
        )

    def walk_other(self, route: Route) -> None:
        """Routes without a case id: lists, search, the inbox, reports, admin."""
        if route.is_admin:
            self.walk_admin(route)
            return
        url = other_users_url(route, self.world, self.user_kind)
        if url is not None:
            for via, client in self.clients(route):
                for method in ("get", "post"):
                    response = self.write(route, method, via, client, url, {})
                    self.expect_refused(route, method, via, response)
                    self.check_body(route, method, via, response)
            return
        if route.kwargs or route.name == "accounts:logout":
            return
        for via, client in self.clients(route):
            response = self.request(client, "get", reverse(route.name))
            self.check_body(route, "get", via, response)

    def walk_admin(self, route: Route) -> None:
        """Every admin page with ids of real objects, read and written (tests/access_walk/
        admin_routes.py has the admin's oracle). Effects on case data show in `run`."""
        for target in admin_urls(route, self.world, self.user_kind):
            for method in ("get", "post"):
                data = admin_post_data(target, self.world, self.user_kind)
                response = self.request(self.session, method, target.url, data)
                problem = admin_problem(self.world, self.user_kind, target, response)
                if problem is not None:
                    self.find(route, method, "session", f"{target.url}: {problem}")
                self.check_body(route, method, "session", response)

    def run(self) -> list[Finding]:
        before = snapshot()
        self.walk()
        changed = changed_tables(before, snapshot())
        if changed and not any(f.what.startswith("changed") for f in self.findings):
            self.findings.append(
                Finding(
                    self.world.state,
                    self.user_kind,
                    "(writes on foreign objects)",
                    "*",
                    "*",
                    f"changed {', '.join(changed)}",
                )
            )
        return self.findings

    def walk_caseless_citizen(self, route: Route) -> None:
        """The citizen without a case, for a user outside the team that registered them: every
        route that takes a citizen's id answers 404 (or turns anonymous away) and changes
        nothing; the body check covers the lists."""
        if route.kwargs == ("citizen_id",):
            kwarg = "citizen_id"
        elif route.name == "api:citizen-detail" and route.kwargs == ("pk",):
            kwarg = "pk"
        else:
            return
        url = reverse(route.name, kwargs={kwarg: self.world.caseless.pk})
        # A citizen id that does not exist: the caseless citizen must get the same answer (a
        # role that may not see citizens at all gets its 403 for both), never a hint.
        missing = reverse(route.name, kwargs={kwarg: self.world.caseless.pk + 10_000})
        methods = API_METHODS if route.is_api else PAGE_METHODS
        for via, client in self.clients(route):
            for method in methods:
                response = self.request(client, method, url)
                status = response.status_code
                if self.user_kind == "anonymous":
                    if status not in (302, 401, 403, 405):
                        self.find(route, method, via, f"{status} for anonymous (caseless)")
                elif 200 <= status < 300:
                    self.find(route, method, via, f"{status} on a foreign caseless citizen")
                elif status not in (404, 405):
                    unknown = self.request(client, method, missing).status_code
                    if status != unknown:
                        self.find(
                            route,
                            method,
                            via,
                            f"{status} on a foreign caseless citizen, {unknown} on none",
                        )
                self.check_body(route, method, via, response)

    def walk(self) -> None:
        foreign = foreign_letters(self.world, self.user_kind)
        read_only = read_only_letters(self.world, self.user_kind)
        caseless_foreign = not caseless_citizen_visible(self.world, self.user_kind)
        for route in all_routes():
            for letter in foreign:
                self.walk_case(route, letter, foreign=True)
            for letter in read_only:
                self.walk_case(route, letter, foreign=False)
            if caseless_foreign:
                self.walk_caseless_citizen(route)
            self.walk_other(route)


def sanity(world: World, user_kind: str) -> list[str]:
    """The walk's own check: a case the oracle calls visible opens (else the walk proves
    nothing about that user)."""
    problems: list[str] = []
    if user_kind == "anonymous":
        return problems
    client = Client()
    client.force_login(world.users[user_kind])
    if caseless_citizen_visible(world, user_kind):
        url = reverse("cases:citizen_detail", kwargs={"citizen_id": world.caseless.pk})
        if client.get(url).status_code != 200:
            problems.append(f"[{world.state}] {user_kind} should see the caseless citizen")
    for letter in visible_letters(world, user_kind):
        response = client.get(f"/sager/{world.cases[letter].case.pk}/")
        if response.status_code != 200:
            problems.append(
                f"[{world.state}] {user_kind} should see case {letter} "
                f"({access(world, user_kind, letter)}) but got {response.status_code}"
            )
    return problems
