//! Terminal events to actions: key presses through the keymap (releases and repeats of releases
//! are ignored), typed text while the search prompt is open, count digits, resize and mouse.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::action::Action;
use crate::keymap::{Key, Keymap};

/// The action for a terminal event, if any. `typing` is true while the search prompt is open:
/// then characters are text, Enter submits (`Open`) and Esc cancels (`Clear`).
#[must_use]
pub fn to_action(event: &Event, keymap: &Keymap, typing: bool) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            if typing {
                return match key.code {
                    KeyCode::Enter => Some(Action::Open),
                    KeyCode::Esc => Some(Action::Clear),
                    KeyCode::Backspace => Some(Action::Backspace),
                    KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                        Some(Action::Clear)
                    }
                    KeyCode::Char(c)
                        if !key.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() =>
                    {
                        Some(Action::Char(c))
                    }
                    _ => None,
                };
            }
            let k = Key::from_event(key);
            keymap.action(k).or_else(|| match k.code {
                KeyCode::Char(c) if k.mods.is_empty() => c
                    .to_digit(10)
                    .and_then(|d| u8::try_from(d).ok())
                    .map(Action::Digit),
                _ => None,
            })
        }
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                down: true,
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                down: false,
                x: m.column,
                y: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEvent, KeyEventState};
    use std::collections::BTreeMap;

    fn key(code: KeyCode, kind: KeyEventKind) -> Event {
        Event::Key(KeyEvent {
            code,
            modifiers: KeyModifiers::NONE,
            kind,
            state: KeyEventState::NONE,
        })
    }

    #[test]
    fn only_presses_count() {
        let (map, _) = Keymap::new(&BTreeMap::new());
        assert_eq!(
            to_action(&key(KeyCode::Char('j'), KeyEventKind::Press), &map, false),
            Some(Action::Down)
        );
        assert_eq!(
            to_action(&key(KeyCode::Char('j'), KeyEventKind::Release), &map, false),
            None
        );
        assert_eq!(
            to_action(&key(KeyCode::Char('3'), KeyEventKind::Press), &map, false),
            Some(Action::Digit(3))
        );
        assert_eq!(
            to_action(&key(KeyCode::Char('j'), KeyEventKind::Press), &map, true),
            Some(Action::Char('j'))
        );
        assert_eq!(
            to_action(&key(KeyCode::Enter, KeyEventKind::Press), &map, true),
            Some(Action::Open)
        );
        assert_eq!(
            to_action(&Event::Resize(100, 30), &map, false),
            Some(Action::Resize {
                width: 100,
                height: 30
            })
        );
    }
}
