//! «ёлочки» outside, „лапки“ inside, ‚марровские‘ at the third level.

use super::{alnum, before, ch, is_space, TypoWarning, C, HARD_BREAK, OPAQUE};

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Open,
    Close,
    /// Inside a word («наказание"в»): closes an open quote for the pairing
    /// but is left as written, since the author may have meant otherwise.
    Glued,
}

/// Opening and closing marks by nesting depth.
const LEVELS: [(char, char); 3] = [('«', '»'), ('„', '“'), ('‚', '‘')];

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '„' | '“' | '”' | '‚' | '‘')
}

/// Which way a straight quote between `prev` and `next` points, judged by
/// its neighbours; `None` when it stands alone (spaces on both sides), left
/// as written.
fn side_of(prev: Option<char>, next: Option<char>) -> Option<Side> {
    let space = |c: Option<char>| c.is_none_or(is_space);
    let word = |c: Option<char>| c.is_some_and(|c| alnum(c) || c == OPAQUE);
    match (prev, next) {
        _ if space(prev) && space(next) => None,
        _ if space(prev) => Some(Side::Open),
        _ if space(next) => Some(Side::Close),
        _ if word(prev) && word(next) => Some(Side::Glued),
        _ if word(prev) => Some(Side::Close),
        _ if word(next) => Some(Side::Open),
        (Some(p), _) if "([{—–-/*_:".contains(p) => Some(Side::Open),
        _ => Some(Side::Close),
    }
}

/// Converts quotes by nesting through the whole block and reports the
/// unbalanced ones; quotes the author escaped (locked) stay as written.
pub(super) fn quotes(v: &mut [C], warnings: &mut Vec<TypoWarning>) {
    let mut stack: Vec<usize> = Vec::new();
    let mut unmatched = false;
    let mut i = 0;
    while i < v.len() {
        if !is_quote(v[i].ch) {
            i += 1;
            continue;
        }
        let end = (i..v.len())
            .find(|&j| !is_quote(v[j].ch))
            .unwrap_or(v.len());
        // A run of quotes («""слово») points one way, judged from outside.
        let guess = side_of(before(v, i), ch(v, end));
        for k in i..end {
            if v[k].locked {
                continue;
            }
            let side = match v[k].ch {
                '«' | '„' | '‚' => Some(Side::Open),
                '»' | '”' => Some(Side::Close),
                '‘' => (stack.len() >= 3).then_some(Side::Close),
                _ => guess,
            };
            match side {
                Some(Side::Open) => {
                    v[k].ch = LEVELS[stack.len().min(2)].0;
                    stack.push(k);
                }
                Some(Side::Close) => {
                    if stack.pop().is_none() {
                        unmatched = true;
                        warnings.push(quote_warning(v, k, "закрывающая кавычка без открывающей"));
                    }
                    v[k].ch = LEVELS[stack.len().min(2)].1;
                }
                Some(Side::Glued) => {
                    stack.pop();
                }
                None => {}
            }
        }
        i = end;
    }
    // The third level only where the nesting is certain: in unbalanced
    // text a deep quote is more likely a mistake than a quote in a quote.
    if unmatched || !stack.is_empty() {
        for c in v.iter_mut().filter(|c| !c.locked) {
            c.ch = match c.ch {
                '‚' => '„',
                '‘' => '“',
                other => other,
            };
        }
    }
    for i in stack {
        warnings.push(quote_warning(v, i, "открывающая кавычка не закрыта"));
    }
}

fn quote_warning(v: &[C], i: usize, what: &str) -> TypoWarning {
    let from = i.saturating_sub(20);
    let to = (i + 21).min(v.len());
    let excerpt: String = v[from..to]
        .iter()
        .map(|c| match c.ch {
            OPAQUE => '…',
            HARD_BREAK | '\n' => ' ',
            other => other,
        })
        .collect();
    TypoWarning {
        offset: v[i].src(),
        message: format!("{what}: …{}…", excerpt.trim()),
    }
}
