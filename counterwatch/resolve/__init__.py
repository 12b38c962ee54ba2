"""Resolve: canonical entities for extracted names, and keys that join facts about one deployment."""
