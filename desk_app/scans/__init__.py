"""Scans of the paper documents a citizen hands in: checked, straightened and kept small (no Qt)."""
