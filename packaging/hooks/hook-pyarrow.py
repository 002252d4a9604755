# Replaces the contrib hook, which collects every pyarrow submodule and shared library. nutpie
# only calls pyarrow.array(): the pure-Python modules come along (pyarrow imports some of them
# from compiled code, where analysis cannot see), the file systems, Flight, ORC, CUDA and the
# tests stay out (~60 MB). The libraries pyarrow.lib links are found by ldd as usual.
from PyInstaller.utils.hooks import collect_submodules

UNUSED = ("tests", "flight", "_s3fs", "_gcsfs", "_azurefs", "_hdfs", "orc", "cuda", "substrait",
          "benchmark", "jvm")  # fmt: skip
hiddenimports = collect_submodules("pyarrow", filter=lambda n: not any(u in n for u in UNUSED))
