//! CLDR plural rules for whole numbers (the widget only counts whole things):
//! each language's file gives its rules in CLDR's syntax (`-plural-few = i =
//! 2..4 and v = 0`), and this evaluates them, the same in the server's first
//! view, in the browser and in `build.rs`, which checks every rule with it.
//! For a whole number `n`, `i` is `n` and the operands of the fraction and
//! exponent (`v w f t c e`) are 0.

/// The plural category of `n` under `rules` (each a category and its
/// condition, in CLDR's order): the first that holds, else `"other"`.
pub fn category<'r>(rules: impl IntoIterator<Item = (&'r str, &'r str)>, n: u64) -> &'r str {
    rules.into_iter().find(|(_, condition)| holds(condition, n) == Ok(true)).map_or("other", |(name, _)| name)
}

/// Whether `condition` holds for `n`, or why it is not a condition.
pub fn holds(condition: &str, n: u64) -> Result<bool, String> {
    let mut any = false;
    for alternative in condition.split(" or ") {
        let mut all = true;
        for relation in alternative.split(" and ") {
            all &= relation_holds(relation, n)?;
        }
        any |= all;
    }
    Ok(any)
}

fn relation_holds(relation: &str, n: u64) -> Result<bool, String> {
    let bad = || format!("`{}` is not a CLDR plural relation", relation.trim());
    let (left, negated, ranges) = match relation.split_once("!=") {
        Some((left, ranges)) => (left, true, ranges),
        None => {
            let (left, ranges) = relation.split_once('=').ok_or_else(bad)?;
            (left, false, ranges)
        }
    };
    let (operand, modulus) = match left.split_once('%') {
        Some((operand, modulus)) => (operand.trim(), Some(number(modulus).ok_or_else(bad)?)),
        None => (left.trim(), None),
    };
    let mut value = match operand {
        "n" | "i" => n,
        "v" | "w" | "f" | "t" | "c" | "e" => 0,
        _ => return Err(bad()),
    };
    if let Some(modulus) = modulus {
        value = value.checked_rem(modulus).ok_or_else(bad)?;
    }
    let mut within = false;
    for range in ranges.split(',') {
        let (low, high) = range.split_once("..").unwrap_or((range, range));
        let (low, high) = (number(low).ok_or_else(bad)?, number(high).ok_or_else(bad)?);
        within |= (low..=high).contains(&value);
    }
    Ok(within != negated)
}

fn number(s: &str) -> Option<u64> {
    s.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_as_cldr_writes_them() {
        let czech = [("one", "i = 1 and v = 0"), ("few", "i = 2..4 and v = 0"), ("many", "v != 0")];
        let got: Vec<_> = [0, 1, 2, 4, 5, 22].map(|n| category(czech, n)).to_vec();
        assert_eq!(got, ["other", "one", "few", "few", "other", "other"]);
        let french = [("one", "i = 0,1"), ("many", "e = 0 and i != 0 and i % 1000000 = 0 and v = 0 or e != 0..5")];
        assert_eq!(category(french, 0), "one");
        assert_eq!(category(french, 2_000_000), "many");
        assert_eq!(category(french, 2_000_001), "other");
        assert!(holds("i = 1 an v = 0", 1).is_err());
        assert!(holds("x = 1", 1).is_err());
        assert!(holds("n % 0 = 1", 1).is_err());
    }
}
