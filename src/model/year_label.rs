//! The financial year as boards read it. The model holds a year as its first calendar year
//! (2015 for April 2015 to March 2016); every message, chart, table and undo label that shows
//! one says it the same way, so the label is made here and nowhere else.

/// A financial year's label: 2015 -> "2015/16", 2099 -> "2099/00".
pub fn financial_year_label(year: i32) -> String {
    format!("{year}/{:02}", (year + 1).rem_euclid(100))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_reads_as_its_two_calendar_years() {
        assert_eq!(financial_year_label(2013), "2013/14");
        assert_eq!(financial_year_label(2099), "2099/00");
    }
}
