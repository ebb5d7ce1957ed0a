"""Every change of state of the statutory app: one function each, atomic, validated, audited."""
