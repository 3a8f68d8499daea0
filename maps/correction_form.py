"""The correction form of map popups and the document view, and the script that sends it.

A map popup lists mentions; when it opens, each gets a small ``Correct``
button (``POPUP_BUTTONS``), and the script opens the form under it on a click.  The document view has one form with a
choice of its mentions, the one the address targets chosen.  A form names its
mention (``data-mention``, or the choice) and the service it talks to
(``data-api``: ``""`` for the page's own origin).  The analyst gives the place
(an id, or a name the service's search resolves to its best match) or ticks
"not a place", picks the scope, and a write key, kept in the tab's session
storage.  The script sends ``PATCH /mentions/{id}`` and, when it is done,
reloads the page, so that the marker moves to the corrected place.  The forms
carry no document text but the surfaces in the document view's choice, escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from gazetteer.corrections import CorrectionScope, mention_id
from gazetteer.documents import StoredMention
from maps.html import escape_text

SCOPE_LABELS = {
    CorrectionScope.MENTION: "this mention",
    CorrectionScope.DOCUMENT: "this name in this document",
    CorrectionScope.REGION: "this name in documents about the place's country",
}
"""How the form names each scope."""

CORRECTION_SCRIPT = """
(function () {
  var KEY = "gazetteer-write-key";
  function say(form, text) { form.querySelector("output").textContent = text; }
  function place(api, given) {
    if (/^[0-9]+$/.test(given)) { return Promise.resolve(parseInt(given, 10)); }
    return fetch(api + "/places/search?limit=1&q=" + encodeURIComponent(given))
      .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error("search failed")); })
      .then(function (found) {
        if (!found.features || !found.features.length) { throw new Error("no place named " + given); }
        return found.features[0].id;
      });
  }
  function send(form) {
    var api = form.getAttribute("data-api") || "";
    var chosen = form.elements.namedItem("mention");
    var mention = chosen ? chosen.value : form.getAttribute("data-mention");
    var key = form.elements.namedItem("key").value || sessionStorage.getItem(KEY) || "";
    var none = form.elements.namedItem("not_a_place").checked;
    var given = form.elements.namedItem("place").value.trim();
    var scope = form.elements.namedItem("scope").value;
    if (!key) { say(form, "a write key is needed"); return; }
    if (!none && !given) { say(form, "give a place id or name, or tick not a place"); return; }
    say(form, "saving…");
    var body = none ? Promise.resolve({not_a_place: true, scope: scope})
      : place(api, given).then(function (id) { return {place_id: id, scope: scope}; });
    body.then(function (payload) {
      return fetch(api + "/mentions/" + encodeURIComponent(mention), {
        method: "PATCH",
        headers: {"Content-Type": "application/json", "Authorization": "Bearer " + key},
        body: JSON.stringify(payload)
      });
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) { throw new Error(answer.detail || response.statusText); }
        sessionStorage.setItem(KEY, key);
        var to = answer.correction.place_name || "not a place";
        say(form, "saved: " + to + " (" + answer.changed + " changed)");
        form.setAttribute("data-saved", String(answer.correction.id));
        window.setTimeout(function () { window.location.reload(); }, 400);
      });
    }).catch(function (error) { say(form, "not saved: " + error.message); });
  }
  function open(button) {
    var next = button.nextElementSibling;
    if (next && next.classList.contains("correct-form")) { next.remove(); return; }
    var form = document.createElement("form");
    form.className = "correct-form";
    form.setAttribute("data-mention", button.getAttribute("data-mention"));
    form.setAttribute("data-api", button.getAttribute("data-api") || "");
    form.appendChild(document.getElementById("correct-fields").content.cloneNode(true));
    button.after(form);
    form.elements.namedItem("place").focus();
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.correct-open") : null;
    if (button) { event.preventDefault(); open(button); }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("correct-form")) { return; }
    event.preventDefault();
    send(form);
  });
  function choose() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    var value = target ? target.getAttribute("data-mention") : null;
    document.querySelectorAll("form.correct-form select[name=mention]").forEach(function (select) {
      if (value) { select.value = value; }
    });
  }
  window.addEventListener("hashchange", choose);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", choose);
  } else {
    choose();
  }
})();
"""
"""Sends the correction forms of a page (one listener for all, popups included) and keeps the key."""


def correction_fields() -> str:
    """The fields of a correction form: the place, "not a place", the scope, the write key, and the button."""
    scopes = "".join(f'<option value="{scope.value}">{label}</option>' for scope, label in SCOPE_LABELS.items())
    return (
        '<label>Place <input name="place" placeholder="id or name" autocomplete="off"></label> '
        '<label><input name="not_a_place" type="checkbox"> not a place</label> '
        f'<label>For <select name="scope">{scopes}</select></label> '
        '<label>Write key <input name="key" type="password" autocomplete="off"></label> '
        '<button type="submit">Save</button> <output></output>'
    )


FIELDS_TEMPLATE = f'<template id="correct-fields">{correction_fields()}</template>'
"""The fields, once a page, that the script copies into each popup form it opens."""

POPUP_BUTTONS = """
{map}.on("popupopen", function (event) {
  var root = event.popup.getElement();
  if (!root) { return; }
  root.querySelectorAll("a.mention-link").forEach(function (link) {
    var found = /\\/documents\\/(\\d+)#m-(\\d+)$/.exec(link.getAttribute("href") || "");
    var item = link.parentElement;
    if (!found || !item || item.querySelector("button.correct-open")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "correct-open";
    button.textContent = "Correct";
    button.setAttribute("data-mention", found[1] + "-" + found[2]);
    item.appendChild(button);
  });
});
"""
"""Adds a ``Correct`` button under each mention of a map popup when it opens (``{map}``: the map), so that a
map of thousands of mentions carries none in its page."""


def document_correction_form(mentions: Sequence[StoredMention], api: str = "") -> str:
    """The document view's form: a choice of its mentions (the one the address targets chosen), ``""`` for none."""
    if not mentions:
        return ""
    options = "".join(
        f'<option value="{mention_id(m.document_id, m.n)}">{escape_text(m.surface)} '
        f"(now {escape_text(m.place_name)}, {escape_text(m.country or '-')})</option>"
        for m in mentions
    )
    return (
        f'<section class="correct"><h2>Correct a mention</h2><form class="correct-form" data-api="{escape_text(api)}">'
        f'<label>Mention <select name="mention">{options}</select></label> {correction_fields()}</form></section>'
    )
