"""The keys of the screen underneath, in a modal (opened with ? or F1 everywhere)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalGroup, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def screen_bindings(screen: Screen) -> list[Binding]:
    """The bindings a screen class declares (its own and inherited), first declaration wins."""
    seen: set[str] = set()
    found: list[Binding] = []
    for cls in type(screen).__mro__:
        declared: list[BindingType] = cls.__dict__.get("BINDINGS", [])
        if cls in (Screen, ModalScreen):
            break
        for binding in Binding.make_bindings(declared):
            if binding.action not in seen:
                seen.add(binding.action)
                found.append(binding)
    return found


class HelpScreen(ModalScreen[None]):
    """Lists what each key does on the screen underneath, then the keys that work everywhere."""

    BINDINGS = [
        Binding("escape,question_mark,f1,q", "close", "Close", id="help.close"),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__(classes="dialog-screen")
        self.under = under

    def _key_rows(self, bindings: list[Binding]) -> Content:
        rows = []
        for binding in bindings:
            if not binding.description:
                continue
            keys = binding.key_display or " / ".join(
                self.app.get_key_display(Binding(k.strip(), binding.action))
                for k in binding.key.split(",")
            )
            rows.append(Content.assemble((f"{keys:>14}", "bold $text-accent"), "   ",
                                         binding.description))
        return Content("\n").join(rows)

    def compose(self) -> ComposeResult:
        under = self.under
        title = getattr(under, "HELP_TITLE", None) or type(under).__name__
        notes: list[str] = list(getattr(under, "HELP_NOTES", []))
        extra: list[tuple[str, str]] = list(getattr(under, "HELP_EXTRA_KEYS", []))
        own = [b for b in screen_bindings(under)]
        own += [Binding(key, "noop", description, key_display=key) for key, description in extra]
        everywhere = [b for b in Binding.make_bindings(type(self.app).BINDINGS)
                      if b.show or b.action == "help"]
        everywhere = [Binding("f1,question_mark", "help", "This help", key_display="? / F1"),
                      *[b for b in everywhere if b.action != "help"],
                      Binding("ctrl+p", "command_palette", "Command palette", key_display="^p")]
        with VerticalGroup(classes="dialog -wide help-dialog"):
            yield Static(f"Keys · {title}", classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-scroll"):
                if own:
                    yield Static(self._key_rows(own), classes="help-keys")
                for note in notes:
                    yield Static(note, classes="help-note", markup=False)
                yield Static("Everywhere", classes="help-heading")
                yield Static(self._key_rows(everywhere), classes="help-keys")
            yield Static(Content.styled("esc / ?  close", "$text-muted"), classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss()
