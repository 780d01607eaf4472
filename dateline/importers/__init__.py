"""Importers that bring a newsroom's archive in from other systems (WordPress first)."""
