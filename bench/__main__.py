"""`python -m bench <name>... [--json PATH] [--quick] [--keep-db]`, `python -m bench --list`."""

import sys

from bench.runner import main

sys.exit(main())
