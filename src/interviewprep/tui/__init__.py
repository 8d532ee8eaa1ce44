"""The Textual user interface: a thin layer over the interview core."""

from .safe_output import install as _install_safe_output

_install_safe_output()
