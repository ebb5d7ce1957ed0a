# The logs are read through /audit/ by auditors; they are never edited, so nothing is registered
# on the administrators' console.
