"""``python -m bench``: see ``bench.run``."""

import sys

from bench.run import main
from bench.servers import ServerError

try:
    main()
except ServerError as error:
    sys.exit(str(error))
