"""supplywatch: an evidence-backed supply-chain graph built from news and recall notices."""

__version__ = "0.1.0"
