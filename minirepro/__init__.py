__version__ = "0.1.0"

# Old (0.1) module paths resolve to their renamed modules with a DeprecationWarning until 0.3 (nbs/core/09_compat.ipynb).
from .core.compat import install_aliases as _install_aliases

_install_aliases()
