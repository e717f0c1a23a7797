//! Numbers as official files write them: Excel re-exports keep thousands separators
//! ("29,199"), and counts must be whole.

/// A whole, non-negative count, with or without thousands separators; the reason if not.
pub fn count(text: &str) -> Result<u64, &'static str> {
    let digits: String = text.trim().chars().filter(|c| *c != ',').collect();
    if digits.is_empty() {
        return Err("is empty: a whole number is needed");
    }
    if let Ok(n) = digits.parse::<u64>() {
        return Ok(n);
    }
    match digits.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v < 9.0e15 => Ok(v as u64),
        Ok(v) if v.is_finite() && v >= 0.0 => Err("is not a whole number"),
        _ => Err("is not a count (a whole number of 0 or more)"),
    }
}

/// A finite decimal number (a coordinate), with or without thousands separators.
pub fn decimal(text: &str) -> Result<f64, &'static str> {
    let digits: String = text.trim().chars().filter(|c| *c != ',').collect();
    match digits.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err("is not a number"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_thousands_separators_and_refuse_fractions() {
        assert_eq!(count("29,199"), Ok(29_199));
        assert_eq!(count(" 1795 "), Ok(1_795));
        assert_eq!(count("1795.0"), Ok(1_795));
        assert_eq!(count("17.5"), Err("is not a whole number"));
        assert!(count("-3").is_err());
        assert!(count("").is_err());
        assert_eq!(decimal("532181.7642"), Ok(532_181.764_2));
        assert!(decimal("NaN").is_err());
    }
}
