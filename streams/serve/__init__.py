"""Serve stage: shapes stories, articles, metrics and the dashboard for the web server (pure; the
views live in `streams.pipeline.web`)."""

from streams.serve.stories import article_json, story_detail, story_page, story_summary

__all__ = ["article_json", "story_detail", "story_page", "story_summary"]
