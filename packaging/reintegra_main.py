"""The bundle's entry point (packaging/reintegra.spec): the same as the ``reintegra`` command."""

import sys

from reintegra.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
