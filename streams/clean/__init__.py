"""Clean stage: RawItem → Article with readable text, canonical URL and one key per publisher."""

from streams.clean.clean import Cleaner
from streams.clean.dedup import Duplicate, DuplicateIndex
from streams.clean.html import html_to_text
from streams.clean.publisher import publisher_id
from streams.clean.urls import canonical_url

__all__ = ["Cleaner", "Duplicate", "DuplicateIndex", "canonical_url", "html_to_text", "publisher_id"]
