"""Extraction across processes or machines, on Dask.

Each Dask partition loads the spaCy pipeline once (per worker process) and extracts
its documents in batches; results come back in input order. Locally this uses Dask's
multiprocessing scheduler; with a `dask.distributed` client active (a cluster the user
runs), the same code runs on that cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from functools import lru_cache
from multiprocessing import get_context

import dask.bag as db

from supplywatch.model import Document, Extraction
from supplywatch.settings import Settings


@lru_cache(maxsize=2)
def _worker_extractor(model: str):  # one pipeline per worker process, loaded on first use
    from supplywatch.extract import Extractor

    return Extractor.load(Settings(spacy_model=model))


def _extract_partition(documents: list[Document], model: str) -> list[Extraction]:
    return list(_worker_extractor(model).extract_many(documents))


def extract_parallel(documents: Sequence[Document], settings: Settings, workers: int,
                     pool: Executor | None = None) -> list[Extraction]:
    """Extractions of `documents`, in order, on `workers` processes.

    Pass a long-lived `pool` (e.g. `worker_pool(n)`) to keep the workers' pipelines loaded
    between calls; with a `dask.distributed` client active, Dask runs on that cluster."""
    if workers <= 1 or len(documents) < 2:
        return _extract_partition(list(documents), settings.spacy_model)
    partitions = min(len(documents), workers * 4)  # small partitions balance uneven docs
    bag = db.from_sequence(list(documents), npartitions=partitions)
    result = bag.map_partitions(_extract_partition, settings.spacy_model)
    if _has_distributed_client():
        return list(result.compute())
    return list(result.compute(scheduler="processes", num_workers=workers, pool=pool))


def _worker_identity(model: str) -> tuple[str, str]:
    extractor = _worker_extractor(model)
    return extractor.name, extractor.version


class ParallelExtractor:
    """The local extractor on `workers` processes (or a Dask cluster), behind the same
    interface as `Extractor`: `supplywatch extract --workers N`.

    The workers load their pipelines once and keep them until `close()`."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        self.pool = worker_pool(workers)
        # Asking one worker for its name and version also loads its pipeline.
        self.name, self.version = self.pool.submit(_worker_identity, settings.spacy_model).result()

    def extract(self, document: Document) -> Extraction:
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
        docs = list(documents)
        if len(docs) == 1:  # not worth a partition: one worker reads it
            yield self.pool.submit(_extract_partition, docs, self.settings.spacy_model).result()[0]
            return
        yield from extract_parallel(docs, self.settings, self.workers, pool=self.pool)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


def worker_pool(workers: int) -> Executor:
    """A process pool whose workers keep their spaCy pipeline between calls."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))


def _has_distributed_client() -> bool:
    try:
        from dask.distributed import default_client
    except ImportError:
        return False
    try:
        default_client()
    except ValueError:
        return False
    return True


