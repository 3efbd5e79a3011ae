//! Unix seconds to calendar dates (UTC, proleptic Gregorian), without a date crate: the list shows
//! `YYYY-MM-DD`, the W3C export writes RFC 3339.

/// Year, month (1–12) and day (1–31) of a Unix time, by Howard Hinnant's days-to-civil algorithm.
#[must_use]
pub fn civil(secs: i64) -> (i64, i64, i64) {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::civil;

    #[test]
    fn table() {
        let cases = [
            (0, (1970, 1, 1)),
            (951_782_400, (2000, 2, 29)),
            (1_764_028_800, (2025, 11, 25)),
            (-86_400, (1969, 12, 31)),
        ];
        for (secs, want) in cases {
            assert_eq!(civil(secs), want, "{secs}");
        }
    }
}
