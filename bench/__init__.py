"""Load data and benchmark scripts (DESIGN §9, issue 3)."""
