"""ctypes bindings of the C ABI exported by the Swift product CTDAEval (Sources/CTDAEval)."""
import ctypes
import json
import os
import sys
import threading
from pathlib import Path

import numpy as np

_LIBRARY_NAME = "libCTDAEval.dylib" if sys.platform == "darwin" else "libCTDAEval.so"
_lock = threading.Lock()
_library = None

_c_double_p = ctypes.POINTER(ctypes.c_double)
_c_char_pp = ctypes.POINTER(ctypes.c_void_p)


def _load():
    global _library
    with _lock:
        if _library is not None:
            return _library
        path = os.environ.get("TDA_EVAL_LIBRARY") or str(Path(__file__).with_name(_LIBRARY_NAME))
        if not Path(path).is_file():
            raise ImportError(
                f"tda_eval: the native library {path} is missing; reinstall with `pip install ./python`"
            )
        lib = ctypes.CDLL(path)
        out = [ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]
        lib.tda_abi_version.argtypes = []
        lib.tda_abi_version.restype = ctypes.c_int32
        lib.tda_free.argtypes = [ctypes.c_void_p]
        lib.tda_free.restype = None
        lib.tda_rips.argtypes = [_c_double_p, ctypes.c_int64, ctypes.c_int64, ctypes.c_char_p] + out
        lib.tda_rips.restype = ctypes.c_int32
        lib.tda_distance.argtypes = [
            _c_double_p, ctypes.c_int64, _c_double_p, ctypes.c_int64, ctypes.c_char_p
        ] + out
        lib.tda_distance.restype = ctypes.c_int32
        lib.tda_compare.argtypes = [
            ctypes.c_char_p,
            _c_double_p, ctypes.c_int64,
            _c_double_p, ctypes.c_int64,
            _c_double_p, ctypes.c_int64, ctypes.c_int64,
            ctypes.c_char_p,
        ] + out
        lib.tda_compare.restype = ctypes.c_int32
        lib.tda_compare_csv.argtypes = [ctypes.c_char_p] * 5 + out
        lib.tda_compare_csv.restype = ctypes.c_int32
        if lib.tda_abi_version() != 1:
            raise ImportError(f"tda_eval: {path} has ABI version {lib.tda_abi_version()}, expected 1")
        _library = lib
        return lib


def _take_string(lib, pointer):
    if not pointer.value:
        return None
    try:
        return ctypes.string_at(pointer.value).decode("utf-8", errors="replace")
    finally:
        lib.tda_free(pointer.value)


def call(function_name, *args):
    """Calls an entry point; returns the parsed JSON or raises ValueError (bad input, the CLI's
    exit status 2) or RuntimeError (a failed computation, exit status 1)."""
    lib = _load()
    result = ctypes.c_void_p()
    error = ctypes.c_void_p()
    status = getattr(lib, function_name)(*args, ctypes.byref(result), ctypes.byref(error))
    text = _take_string(lib, result)
    message = _take_string(lib, error)
    if status == 0:
        return json.loads(text)
    if status == 2:
        raise ValueError(message or "bad input")
    raise RuntimeError(message or f"{function_name} failed (status {status})")


def as_buffer(array):
    """A C-contiguous float64 array and a pointer to its data (kept alive by the caller)."""
    array = np.ascontiguousarray(array, dtype=np.float64)
    return array, array.ctypes.data_as(_c_double_p)


def null_pointer():
    return _c_double_p()
