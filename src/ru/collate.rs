//! Russian sort keys: alphabetical (case and ё folded) and natural for
//! item numbers.

/// Russian alphabetical key: case-insensitive, ё as е.
pub fn key(s: &str) -> String {
    s.to_lowercase().replace('ё', "е")
}

/// Natural order of numbers (`sort_by: number`): «1.2» before «1.10».
pub fn natural_key(number: &str) -> Vec<(u64, String)> {
    number
        .split(['.', '-', ' '])
        .map(|p| {
            let digits: String = p.chars().take_while(char::is_ascii_digit).collect();
            (digits.parse().unwrap_or(u64::MAX), p.to_string())
        })
        .collect()
}
