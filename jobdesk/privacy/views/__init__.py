"""Views of the privacy app, split by area."""
