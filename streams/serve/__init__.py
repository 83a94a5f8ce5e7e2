"""Serve stage: shapes stories for the API (pure; the web views live in `streams.pipeline.web`)."""

from streams.serve.stories import story_detail, story_page, story_summary

__all__ = ["story_detail", "story_page", "story_summary"]
