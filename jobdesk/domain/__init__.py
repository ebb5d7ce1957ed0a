"""Plain-Python domain code: no Django import anywhere below this package.

Each module here can be read, run and tested without a database or settings:
identifiers (national ID / UBN checksums), adcheck (就業服務法 §5 ad compliance),
occupation_coder (職業標準分類 suggestions) and matching (the NumPy/SciPy engine).
"""
