"""Elements whose rendered parts are written into the page as they are.

branca renders a ``MacroElement``'s ``header``, ``html`` and ``script`` macros,
then wraps each result in a new ``Element``, which compiles it as a Jinja
template and renders it again.  Whatever the first rendering wrote is then
read as template code: a ``{{ 7*7 }}`` in a document's text or title, put into
a popup, would come out as ``49`` (server-side template injection), and a
page of hundreds of markers spends most of its time compiling its own output.
``WrittenMacro`` adds each rendered part as a ``Written`` element, which
renders to its text and is never compiled.  Every element of the project
that carries text from documents, events or the gazetteer derives from it,
and ``write_all`` makes folium's own elements of a page (the map, its
layers, panes and controls) render the same way before the page is rendered.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from branca.element import Element, Figure, MacroElement
from branca.utilities import _camelify

_kind_name = cache(_camelify)
"""branca's camel-casing of an element's kind (``CircleMarker`` -> ``circle_marker``), remembered."""

PARTS = ("header", "html", "script")
"""The macros of a ``MacroElement`` template, and the figure sections they are written into."""


class Written(Element):
    """Finished markup or code, rendered as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        """The text, unchanged."""
        return self.text


class WrittenMacro(MacroElement):
    """A ``MacroElement`` whose rendered macros are written into the figure as ``Written`` elements."""

    def get_name(self) -> str:
        """branca's name of the element (its kind camel-cased, and its id), the kind's part made once."""
        return _kind_name(self._name) + "_" + self._id

    def render(self, **kwargs: Any) -> str:
        """Render each macro once into its figure section, then the children (nothing is returned: the
        figure writes its sections)."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("an element is rendered within a figure")
        macros = self._template.module.__dict__
        for part in PARTS:
            macro = macros.get(part)
            if macro is not None:
                getattr(figure, part).add_child(Written(str(macro(self, kwargs))), name=self.get_name())
        for element in self._children.values():
            _write(element)  # a child its parent added while rendering (a folium layer's ``addTo``)
            element.render(**kwargs)
        return ""


def write_all(root: Element) -> None:
    """Make every ``MacroElement`` under ``root`` that is no ``WrittenMacro`` render as one: its class
    becomes a subclass of its own and ``WrittenMacro``, so its own ``render`` still runs first (a
    folium map adds its links there) and branca's compiling step is never reached."""
    for element in _tree(root):
        _write(element)


def _write(element: Element) -> None:
    """Make ``element`` render as a ``WrittenMacro`` if it is a ``MacroElement`` that does not."""
    if isinstance(element, MacroElement) and not isinstance(element, WrittenMacro):
        element.__class__ = _written(type(element))


_WRITTEN: dict[type[MacroElement], type[MacroElement]] = {}
"""The class ``_written`` made of each class."""


def _written(kind: type[MacroElement]) -> type[MacroElement]:
    """``kind`` with ``WrittenMacro`` before ``MacroElement`` in its order of bases (made once per class)."""
    made = _WRITTEN.get(kind)
    if made is None:
        attributes = {"__module__": kind.__module__, "__doc__": kind.__doc__}
        made = _WRITTEN[kind] = type(kind.__name__, (kind, WrittenMacro), attributes)
    return made


def _tree(root: Element) -> Iterator[Element]:
    """``root`` and every element under it."""
    yield root
    for child in root._children.values():
        yield from _tree(child)
