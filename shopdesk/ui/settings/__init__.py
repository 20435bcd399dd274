"""The Settings page (ui/pages/settings.py) and its sections."""
