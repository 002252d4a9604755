import sys

from beliefwatch.cli import main

sys.exit(main())
