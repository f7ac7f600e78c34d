"""Command line: one module per subcommand (``*_cmd.py``), each with ``register``."""
