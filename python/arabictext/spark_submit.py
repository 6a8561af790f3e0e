"""The job's entry point for `spark-submit`, which runs a file rather than a module:

    spark-submit [options] "$(python -c 'import arabictext.spark_submit as m; print(m.__file__)')" dedup ...

takes the same arguments as `python -m arabictext.spark`; the master and the
resources are spark-submit's.
"""

import sys

from arabictext.spark import main

if __name__ == "__main__":
    sys.exit(main())
