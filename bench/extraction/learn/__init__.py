"""Training and cross-validation of supplywatch's learned extraction components.

Run through `bench/extraction/train.py`; nothing here is imported by the package."""
