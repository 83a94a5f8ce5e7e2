"""Offline demo: sample outlets publishing developing stories from a local RSS server."""

from streams.demo.server import DemoFeedServer, demo_feeds_yaml, load_demo_data

__all__ = ["DemoFeedServer", "demo_feeds_yaml", "load_demo_data"]
