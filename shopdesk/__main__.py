import sys

from shopdesk.cli import main

sys.exit(main())
