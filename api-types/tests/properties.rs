//! Properties of the shared rules on arbitrary input: never a panic, and the
//! answer agrees with the rule as stated.

use encart_api_types::{
    AUTHOR_MAX_CHARS, BODY_MAX_CHARS, Date, FieldError, NewComment, check_author, check_body, parse_utc_millis,
};
use proptest::prelude::*;

proptest! {
    #[test]
    fn comment_rules_hold_for_any_text(author in any::<String>(), body in any::<String>()) {
        let comment = NewComment { author: author.clone(), body: body.clone(), ..Default::default() };
        let result = comment.validate();
        let author_ok = {
            let t = author.trim();
            !t.is_empty() && t.chars().count() <= AUTHOR_MAX_CHARS && !t.chars().any(char::is_control)
        };
        let body_ok = {
            let t = body.trim();
            !t.is_empty()
                && t.chars().count() <= BODY_MAX_CHARS
                && !t.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        };
        prop_assert_eq!(check_author(&author).is_ok(), author_ok);
        prop_assert_eq!(check_body(&body).is_ok(), body_ok);
        prop_assert_eq!(result.is_ok(), author_ok && body_ok);
    }

    #[test]
    fn long_bodies_are_too_long_whatever_their_characters(
        c in any::<char>().prop_filter("printable", |c| !c.is_control() && !c.is_whitespace())
    ) {
        prop_assert_eq!(check_body(&c.to_string().repeat(BODY_MAX_CHARS + 1)), Err(FieldError::TooLong));
        prop_assert_eq!(check_body(&c.to_string().repeat(BODY_MAX_CHARS)), Ok(()));
    }

    #[test]
    fn dates_and_times_never_panic_and_round_trip(text in any::<String>(), y in 1u16..=9999, m in 1u8..=12, d in 1u8..=31) {
        let _ = text.parse::<Date>();
        let _ = parse_utc_millis(&text);
        if let Ok(date) = Date::new(y, m, d) {
            prop_assert_eq!(date.to_string().parse::<Date>(), Ok(date));
            let ms = parse_utc_millis(&format!("{date}T00:00:00Z")).unwrap();
            prop_assert_eq!(Date::from_days_since_epoch(ms.div_euclid(86_400_000)), Ok(date));
        }
    }
}
