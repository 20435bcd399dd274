"""The business: every function takes a Session plus plain values and returns plain data. No Qt here."""
