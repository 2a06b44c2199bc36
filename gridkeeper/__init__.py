"""GridKeeper: the household register and visiting schedule of a community office (社区网格化走访).

This package is the product's brain. It never imports PySide6 or qtawesome: the desktop
interface lives in ``ui/`` and talks to :class:`gridkeeper.services.facade.GridKeeper`.
"""

__version__ = "0.1.0"
