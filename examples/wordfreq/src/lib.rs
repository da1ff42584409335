//! `wordfreq._wordfreq`: word frequencies and edit distance, as one abi3 extension for CPython
//! 3.7+. The Python package `wordfreq` (python/wordfreq/__init__.py) re-exports it.
#![forbid(unsafe_code)]
use std::collections::HashMap;

use limpet::prelude::*;

limpet::create_exception!(wordfreq, EmptyTextError, PyValueError, "Raised when a text has no words.");

limpet::function! {
    /// Split `text` into words (runs of alphanumeric characters and apostrophes).
    pub fn tokenize(text: &str, /, *, lower: bool = true) -> Vec<String> {
        words(text, lower).collect()
    }

    /// The `n` most frequent words with their counts, most frequent first (ties by word).
    pub fn top_words(text: &str, n: usize = 10) -> PyResult<Vec<(String, usize)>> {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for w in words(text, true) {
            *counts.entry(w).or_default() += 1;
        }
        if counts.is_empty() {
            return Err(EmptyTextError::new_err("the text has no words"));
        }
        let mut pairs: Vec<(String, usize)> = counts.into_iter().collect();
        pairs.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        pairs.truncate(n);
        Ok(pairs)
    }

    /// Levenshtein edit distance between two strings, counted in characters.
    pub fn levenshtein(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut diagonal = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let substitution = diagonal + usize::from(ca != *cb);
                diagonal = row[j + 1];
                row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
            }
        }
        row[b.len()]
    }
}

fn words(text: &str, lower: bool) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'')).filter(|w| !w.is_empty()).map(move |w| {
        if lower {
            w.to_lowercase()
        } else {
            w.to_string()
        }
    })
}

limpet::module! {
    /// Word frequencies and edit distance (the native part of the `wordfreq` package).
    mod _wordfreq {
        fn tokenize;
        fn top_words;
        fn levenshtein;
        exception EmptyTextError;
        const __version__ = env!("CARGO_PKG_VERSION");
    }
}
