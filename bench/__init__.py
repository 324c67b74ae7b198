"""Benchmarks of the dbt build: bench/floor.sql (the floor) and bench/compare.py."""
