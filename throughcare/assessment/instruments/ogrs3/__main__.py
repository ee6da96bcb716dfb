"""``python -m throughcare.assessment.instruments.ogrs3 --input IN.csv --output OUT.csv``."""

import sys

from .command import main

if __name__ == "__main__":
    sys.exit(main())
