# PyInstaller's own hook for PySide6.QtGui (packaging/reintegra.spec puts this folder first), less
# the Qt plugins a desktop PC running Reintegra does not use: screens without a window system
# (framebuffers, VNC, EGL devices, evdev input), image formats Reintegra never reads, and the GTK
# theme, which would pull the system's GTK, Cairo and Pango into the bundle and load them beside
# the bundle's own GLib. Dropped here, before PyInstaller looks for what the plugins link to, so
# their libraries stay out too. Qt's own look and file dialogs stand in for the GTK ones.
import re

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

_PLUGIN = re.compile(r"plugins[\\/](\w+)[\\/](?:lib)?([\w-]+?)\.(?:so|dll)$")
_UNUSED = {
    "platforms": {"qeglfs", "qlinuxfb", "qminimalegl", "qvkkhrdisplay", "qvnc"},
    "platformthemes": {"qgtk3"},
    "imageformats": {"qpdf", "qtiff", "qwebp", "qicns", "qtga", "qwbmp"},
    "egldeviceintegrations": None,  # every one
    "generic": None,
}


def _wanted(source: str) -> bool:
    plugin = _PLUGIN.search(str(source))
    if not plugin:
        return True
    unused = _UNUSED.get(plugin.group(1), set())
    return unused is not None and plugin.group(2) not in unused


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [entry for entry in binaries if _wanted(entry[0])]
