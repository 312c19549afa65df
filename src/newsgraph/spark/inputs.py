"""What the Spark job reads: WARC archives (local, http(s) or s3), JSONL files and Parquet datasets, and lists of
paths (Common Crawl's `warc.paths.gz`).

Plain Python, no Spark: the driver sorts the inputs by kind; an executor opens one WARC at a time with
`open_warc`, which streams its records through `newsgraph.sources.read_warc`, the same reader as
`newsgraph analyze x.warc.gz`. A remote archive is first copied to a local temporary file (as cc-pyspark does),
because the reader seeks to resume after a damaged stretch.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from newsgraph.model import Article, Failure
from newsgraph.sources import InputError, read_warc
from newsgraph.sources.files import JSONL_SUFFIXES
from newsgraph.sources.warc import WARC_SUFFIXES

MANIFEST_SUFFIXES = (".paths", ".paths.gz")
"""A file of paths, one a line, as Common Crawl publishes them (`crawl-data/CC-NEWS/2023/02/warc.paths.gz`)."""

JSONL_KINDS = (*JSONL_SUFFIXES, ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")
REMOTE_SCHEMES = ("http", "https", "s3", "s3a", "s3n")


@dataclass
class Inputs:
    """The inputs of one job, by kind, each path as given (so that it names the input in the tables)."""

    warc: list[str] = field(default_factory=list)
    jsonl: list[str] = field(default_factory=list)
    parquet: list[str] = field(default_factory=list)

    def add(self, path: str) -> None:
        kind = kind_of_input(path)
        if kind is None:
            raise InputError(
                path, "not a WARC (.warc, .warc.gz), JSONL (.jsonl) or Parquet (.parquet, a folder) input", "unknown"
            )
        getattr(self, kind).append(path)

    def __len__(self) -> int:
        return len(self.warc) + len(self.jsonl) + len(self.parquet)


def kind_of_input(path: str) -> str | None:
    """ "warc", "jsonl" or "parquet" by the path's name; a local folder is a Parquet dataset; None otherwise."""
    name = path.lower().rstrip("/")
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(JSONL_KINDS):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES) or (is_local(path) and Path(local_path(path)).is_dir()):
        return "parquet"
    return None


def is_manifest(path: str) -> bool:
    return path.lower().endswith(MANIFEST_SUFFIXES)


def is_local(path: str) -> bool:
    scheme = urlparse(path).scheme
    return scheme in ("", "file") or len(scheme) == 1  # a Windows drive letter is not a scheme


def local_path(path: str) -> str:
    return urlparse(path).path if path.startswith("file:") else path


def manifest_entry(entry: str, manifest: str, base: str | None) -> str:
    """A path listed in a manifest: as written when it has a scheme or is absolute; else under `base` when given
    (Common Crawl lists paths relative to the bucket: base "s3://commoncrawl/" or "https://data.commoncrawl.org/"),
    else relative to the manifest's own folder."""
    entry = entry.strip()
    if urlparse(entry).scheme or entry.startswith("/"):
        return entry
    if base:
        return base.rstrip("/") + "/" + entry
    folder = manifest.rsplit("/", 1)[0] if "/" in manifest else "."
    return f"{folder}/{entry}"


def check_local(path: str) -> None:
    """Fail early, on the driver, for a local input that is not there (a remote one fails in its task)."""
    if is_local(path) and not os.path.exists(local_path(path)):
        raise InputError(path, "no such file", "not_found")


def open_warc(path: str, options: dict[str, Any]) -> Iterator[Article | Failure]:
    """The records of one WARC as `read_warc` gives them; a remote archive is copied to a temporary file first.

    An archive that cannot be fetched or read at all becomes one `Failure` (id: the path) and the job goes on.
    """
    try:
        if is_local(path):
            yield from read_warc(local_path(path), **options)
            return
        with tempfile.TemporaryDirectory(prefix="newsgraph-warc-") as folder:
            copy = os.path.join(folder, os.path.basename(urlparse(path).path) or "input.warc.gz")
            _download(path, copy)
            for item in read_warc(copy, **options):
                if isinstance(item, Failure):  # name the archive, not the temporary copy
                    item = Failure(item.id, item.type, item.message.replace(copy, path), item.line)
                yield item
    except Exception as e:  # a missing file, a refused download: this input's error, not the job's end
        yield Failure(path, "unreadable_input", f"{path}: cannot read ({type(e).__name__}: {e})")


def _download(url: str, target: str) -> None:
    scheme = urlparse(url).scheme
    if scheme in ("http", "https"):
        with urllib.request.urlopen(url, timeout=60) as response, open(target, "wb") as out:
            shutil.copyfileobj(response, out, 1 << 20)
        return
    if scheme in ("s3", "s3a", "s3n"):
        try:
            import boto3  # only for s3 inputs; it reads credentials as the AWS tools do
        except ImportError:
            message = "reading s3:// needs boto3 on the executors (pip install boto3)"
            raise InputError(url, message, "unreadable") from None
        parts = urlparse(url)
        boto3.client("s3").download_file(parts.netloc, parts.path.lstrip("/"), target)
        return
    raise InputError(url, f"cannot fetch {scheme}:// inputs; use a local path, http(s):// or s3://", "unreadable")
