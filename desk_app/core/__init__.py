"""Domain rules of the one-stop desk. Pure Python: no Qt, no database, no network."""
