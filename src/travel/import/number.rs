//! Plain decimals (`23`, `23.4`, `007.50`) read without going through text: the common case of
//! a matrix's minutes, read bit for bit as `str::parse::<f32>` reads them.

/// Exact powers of ten in `f32` (10^10 = 2^10 x 5^10, and 5^10 < 2^24).
const POW10: [f32; 11] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/// The value of `digits[.digits]` when its digits, read as a whole number, are at most 2^24
/// and it has at most ten decimals; None for anything else (signs, exponents, spaces, longer
/// numbers), which the caller reads the general way.
///
/// Both the whole number and the power of ten are exact in `f32`, so their quotient, rounded
/// once by IEEE division, is the correctly rounded value of the decimal: the same as
/// `str::parse`, which rounds correctly (Clinger's fast path).
#[inline]
pub(super) fn plain_decimal(text: &[u8]) -> Option<f32> {
    match leading_decimal(text)? {
        (value, len) if len == text.len() => Some(value),
        _ => None,
    }
}

/// [`plain_decimal`] of the start of `text`, up to its first byte that is neither a digit nor
/// its first dot: the value and how many bytes it took. A row's minutes and the line end after
/// them are then found in one pass.
#[inline]
pub(super) fn leading_decimal(text: &[u8]) -> Option<(f32, usize)> {
    let (mut n, mut dot, mut len) = (0u64, None, 0);
    for b in text {
        let d = b.wrapping_sub(b'0');
        if d <= 9 {
            n = n * 10 + u64::from(d);
        } else if *b == b'.' && dot.is_none() {
            dot = Some(len);
        } else {
            break;
        }
        len += 1;
        // At most 18 bytes: `n` stays below 10^18 without a check at every digit.
        if len > 18 {
            return None;
        }
    }
    if n > 1 << 24 {
        return None;
    }
    let decimals = match dot {
        None if len > 0 => 0,
        Some(at) if at > 0 && at + 1 < len => len - at - 1,
        _ => return None,
    };
    Some((n as f32 / *POW10.get(decimals)?, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_parse(text: &str) {
        let parsed: f32 = text.parse().unwrap();
        let fast = plain_decimal(text.as_bytes()).unwrap_or_else(|| panic!("{text} not read"));
        assert_eq!(fast.to_bits(), parsed.to_bits(), "{text}");
    }

    #[test]
    fn plain_decimals_read_bit_for_bit_as_parse_reads_them() {
        for text in [
            "0",
            "00",
            "0.0",
            "7",
            "12.5",
            "23.4",
            "0.1",
            "0.3",
            "007.50",
            "1234567.8",
            "16777216",
            "1677721.6",
            "0.0000000001",
            "0.1234567",
            "9999.999",
        ] {
            same_as_parse(text);
        }
        // Every tenth of a minute up to a day, every hundredth up to an hour, and a spread of
        // longer ones from a fixed generator.
        for tenths in 0..=14_400 {
            same_as_parse(&format!("{}.{}", tenths / 10, tenths % 10));
        }
        for hundredths in 0..=6_000 {
            same_as_parse(&format!("{}.{:02}", hundredths / 100, hundredths % 100));
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let decimals = (x % 11) as usize;
            let n = (x >> 8) % (1 << 24);
            let digits = format!("{n:0>width$}", width = decimals + 1);
            let (whole, frac) = digits.split_at(digits.len() - decimals);
            let text = if decimals == 0 {
                whole.to_owned()
            } else {
                format!("{whole}.{frac}")
            };
            same_as_parse(&text);
        }
    }

    #[test]
    fn anything_else_is_left_to_the_general_reading() {
        for text in [
            "",
            ".",
            "5.",
            ".5",
            "-1",
            "+1",
            "1e3",
            " 1",
            "1 ",
            "1,5",
            "inf",
            "NaN",
            "16777217",
            "1.2.3",
            "0.00000000001",
            "12345678901234567890",
        ] {
            assert_eq!(plain_decimal(text.as_bytes()), None, "{text}");
        }
    }
}
