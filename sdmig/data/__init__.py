"""Shipped history (CSV files with their provenance in SOURCES.md) and its loader."""
