"""Tag stage: language, entities, keywords and a coarse category for each cleaned Article."""

from streams.tag.tagger import Tagger

__all__ = ["Tagger"]
