"""Consultations (campaigns of gathering comments), their draft documents and section trees."""
