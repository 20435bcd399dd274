"""The charts' colours, for the pages that draw them (no charting library imported here)."""

BLUE = "#3a7afe"  # the current range
GREY = "#9aa3af"  # the compared one
RED = "#d9534f"
