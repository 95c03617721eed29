"""Helpers shared by the test packages: fictional citizens, a running central API."""
