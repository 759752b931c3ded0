//! A calendar date carried as ISO 8601 `YYYY-MM-DD` on the wire.
//!
//! Hand-written rather than taken from `time`/`chrono`: the widget needs only
//! this validated triple, and those crates would add kilobytes to the wasm.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    Format,
    /// Month not in 1–12, or day not in that month.
    OutOfRange,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateError::Format => "expected a date as YYYY-MM-DD",
            DateError::OutOfRange => "no such day in the calendar",
        })
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// A date of the Gregorian calendar, years 1–9999.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, DateError> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(DateError::OutOfRange);
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::OutOfRange);
        }
        Ok(Date { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    /// 1 = January.
    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(DateError::Format);
        }
        let num = |r: std::ops::Range<usize>| s[r].parse::<u16>().map_err(|_| DateError::Format);
        Date::new(num(0..4)?, num(5..7)? as u8, num(8..10)? as u8)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_round_trip() {
        let d: Date = "2025-05-10".parse().unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2025, 5, 10));
        assert_eq!(d.to_string(), "2025-05-10");
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert_eq!("2025-02-29".parse::<Date>(), Err(DateError::OutOfRange));
        assert_eq!("2025-13-01".parse::<Date>(), Err(DateError::OutOfRange));
        assert_eq!("2025-00-10".parse::<Date>(), Err(DateError::OutOfRange));
        assert!("2024-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn malformed_dates_are_rejected() {
        for bad in ["", "2025-5-10", "10/05/2025", "2025-05-10T00:00:00Z", "２０２５-05-10", "+025-05-10"] {
            assert_eq!(bad.parse::<Date>(), Err(DateError::Format), "{bad:?}");
        }
    }
}

/// Milliseconds since the Unix epoch of an RFC 3339 UTC time as the API
/// writes it (`2025-05-10T14:03:27.512Z`, fraction optional).
pub fn parse_utc_millis(text: &str) -> Result<i64, DateError> {
    let rest = text.strip_suffix('Z').ok_or(DateError::Format)?;
    let (date, time) = rest.split_once('T').ok_or(DateError::Format)?;
    let date: Date = date.parse()?;
    let (hms, fraction) = time.split_once('.').unwrap_or((time, ""));
    let mut parts = hms.split(':').map(|p| {
        if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse::<i64>().map_err(|_| DateError::Format)
        } else {
            Err(DateError::Format)
        }
    });
    let (h, m, s) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(h), Some(m), Some(s), None) => (h?, m?, s?),
        _ => return Err(DateError::Format),
    };
    if h > 23 || m > 59 || s > 60 {
        return Err(DateError::OutOfRange);
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) || (time.contains('.') && fraction.is_empty()) {
        return Err(DateError::Format);
    }
    let millis =
        fraction.bytes().chain(std::iter::repeat(b'0')).take(3).fold(0, |acc, b| acc * 10 + i64::from(b - b'0'));
    let days = days_from_civil(i64::from(date.year()), i64::from(date.month()), i64::from(date.day()));
    Ok(((days * 24 + h) * 60 + m) * 60_000 + s * 1000 + millis)
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod time_tests {
    use super::*;

    #[test]
    fn utc_times_become_epoch_milliseconds() {
        assert_eq!(parse_utc_millis("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(parse_utc_millis("2025-05-10T14:03:27.512Z"), Ok(1_746_885_807_512));
        assert_eq!(parse_utc_millis("2000-03-01T00:00:00.5Z"), Ok(951_868_800_500));
    }

    #[test]
    fn malformed_times_are_refused() {
        for bad in [
            "2025-05-10",
            "2025-05-10T14:03:27",
            "2025-05-10T14:03Z",
            "2025-05-10T24:00:00Z",
            "2025-05-10T14:03:27.Z",
            "2025-05-10T1:03:27Z",
        ] {
            assert!(parse_utc_millis(bad).is_err(), "{bad}");
        }
    }
}

impl Date {
    /// The date `days` days after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days_since_epoch(days: i64) -> Result<Date, DateError> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        let year = u16::try_from(year).map_err(|_| DateError::OutOfRange)?;
        Date::new(year, month as u8, day as u8)
    }
}

#[cfg(test)]
mod civil_tests {
    use super::*;

    #[test]
    fn days_since_the_epoch_round_trip() {
        for (days, date) in [(0, "1970-01-01"), (20_218, "2025-05-10"), (11_016, "2000-02-29")] {
            assert_eq!(Date::from_days_since_epoch(days).unwrap().to_string(), date);
            assert_eq!(parse_utc_millis(&format!("{date}T00:00:00Z")).unwrap(), days * 86_400_000);
        }
    }
}
