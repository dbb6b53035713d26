"""Benchmarks and the evaluation harness: every figure the issues ask for is printed by a script here."""
