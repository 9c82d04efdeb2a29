"""Retention (docs/retention.md, issue 14): the settings table of periods per kind of record
(`defaults`, `models`), the nightly task that deletes what has passed its period
(`due`, `anonymise`, `run`), and the managers' page of what goes in the next 30 days."""
