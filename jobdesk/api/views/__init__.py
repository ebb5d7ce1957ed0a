"""API views, one module per area. They parse, check and call services; nothing else."""
