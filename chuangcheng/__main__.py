"""python -m chuangcheng: the command line (see chuangcheng/cli.py)."""

import sys

from chuangcheng.cli import main

sys.exit(main())
