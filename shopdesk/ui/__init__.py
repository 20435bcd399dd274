"""The Qt desktop front end. Talks to storage only through ui.ops (one DB executor thread)."""
