"""The demo data set: Kiên Giang's real pre-2025 hierarchy, made-up residential areas, accounts."""
