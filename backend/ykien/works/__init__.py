"""Registered works and tasks (công trình, phần việc) of every level and member organisation."""
