#!/usr/bin/env python
"""Django's command-line utility for jobdesk (same as the ``jobdesk`` console command)."""

from jobdesk.cli import main

if __name__ == "__main__":
    main()
