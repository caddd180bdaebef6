"""Read and check: the only code that reads data/. Everything else receives loaded, validated frames."""

from lib.data.catalog import (
    DATA_DIR,
    data_dir,
    descriptor,
    descriptor_bytes,
    fields,
    label,
    labels,
    names,
    package_zip,
    read_bytes,
    references,
    resource,
)
from lib.data.load import load
from lib.data.problems import DataError, Problem, problems_frame
from lib.data.upload import MAX_UPLOAD_BYTES, check_upload

__all__ = [
    "DATA_DIR", "MAX_UPLOAD_BYTES", "DataError", "Problem", "check_upload", "data_dir", "descriptor",
    "descriptor_bytes", "fields", "label", "labels", "load", "names", "package_zip", "problems_frame", "read_bytes",
    "references", "resource",
]
