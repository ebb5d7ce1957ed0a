"""Serializers of the API, one module per area: ``*Out`` for responses, ``*In`` for bodies."""
