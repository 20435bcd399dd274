"""Keeping the shop sound: doctor (the invariants) and the demo shop."""
