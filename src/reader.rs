//! The reader's display choices (text size, theme), the controls that change
//! them, and headings at the level the partner's page needs.

use leptos::prelude::*;

use crate::i18n::{Lang, Text, text};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextSize {
    Small,
    #[default]
    Medium,
    Large,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follows the reader's system (`prefers-color-scheme`).
    #[default]
    Auto,
    Light,
    Dark,
    Sepia,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [TextSize::Small, TextSize::Medium, TextSize::Large];

    pub fn as_str(self) -> &'static str {
        match self {
            TextSize::Small => "small",
            TextSize::Medium => "medium",
            TextSize::Large => "large",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl Theme {
    pub const ALL: [Theme; 4] = [Theme::Auto, Theme::Light, Theme::Dark, Theme::Sepia];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Sepia => "sepia",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// What the reader chose; the widget's root carries it as `data-size` and
/// `data-theme`, which the stylesheet turns into sizes and colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prefs {
    pub size: TextSize,
    pub theme: Theme,
}

/// Buttons for text size and theme. `on_change` receives the new choice.
#[component]
pub fn ReaderControls(prefs: Signal<Prefs>, on_change: Callback<Prefs>, lang: Lang) -> impl IntoView {
    let sizes = TextSize::ALL.map(|size| {
        let (label, name) = match size {
            TextSize::Small => ("A−", Text::TextSmaller),
            TextSize::Medium => ("A", Text::TextNormal),
            TextSize::Large => ("A+", Text::TextLarger),
        };
        view! {
            <button
                type="button"
                class=format!("choice size-{}", size.as_str())
                aria-label=text(lang, name)
                title=text(lang, name)
                aria-pressed=move || (prefs.get().size == size).to_string()
                on:click=move |_| on_change.run(Prefs { size, ..prefs.get_untracked() })
            >
                {label}
            </button>
        }
    });
    let themes = Theme::ALL.map(|theme| {
        let name = match theme {
            Theme::Auto => Text::ThemeAuto,
            Theme::Light => Text::ThemeLight,
            Theme::Dark => Text::ThemeDark,
            Theme::Sepia => Text::ThemeSepia,
        };
        view! {
            <button
                type="button"
                class=format!("choice theme-{}", theme.as_str())
                aria-pressed=move || (prefs.get().theme == theme).to_string()
                on:click=move |_| on_change.run(Prefs { theme, ..prefs.get_untracked() })
            >
                {text(lang, name)}
            </button>
        }
    });
    view! {
        <div class="reader-controls" lang=lang.tag() dir=lang.dir()>
            <div class="choices" role="group" aria-label=text(lang, Text::TextSize)>{Vec::from(sizes)}</div>
            <div class="choices" role="group" aria-label=text(lang, Text::Theme)>{Vec::from(themes)}</div>
        </div>
    }
}

/// A heading `level` levels down from the partner's chosen top level.
pub fn heading(level: u8, class: &'static str, id: Option<&'static str>, content: impl IntoView + 'static) -> AnyView {
    match level.clamp(1, 6) {
        1 => view! { <h1 class=class id=id>{content}</h1> }.into_any(),
        2 => view! { <h2 class=class id=id>{content}</h2> }.into_any(),
        3 => view! { <h3 class=class id=id>{content}</h3> }.into_any(),
        4 => view! { <h4 class=class id=id>{content}</h4> }.into_any(),
        5 => view! { <h5 class=class id=id>{content}</h5> }.into_any(),
        _ => view! { <h6 class=class id=id>{content}</h6> }.into_any(),
    }
}
