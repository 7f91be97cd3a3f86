//! Spaces, punctuation marks, the ellipsis and digit groups.

use super::{
    alnum, apply_edits, before, ch, digits_after, is_space, letter, upper, Edit, Rule,
    TypographyConfig, C, NBSP, NNBSP,
};

/// Runs of plain spaces between words become one (the seeds are full of
/// doubled spaces); indentation and trailing spaces are layout, kept.
pub(super) fn spaces(v: Vec<C>) -> Vec<C> {
    let mut edits = Vec::new();
    let mut i = 1;
    while i < v.len() {
        if v[i].ch == ' ' && v[i - 1].ch == ' ' {
            let start = i - 1;
            let end = (i..v.len()).find(|&j| v[j].ch != ' ').unwrap_or(v.len());
            let inside = start > 0 && !is_space(v[start - 1].ch) && end < v.len();
            if inside && !is_space(v[end].ch) {
                edits.extend((i..end).map(Edit::Delete));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    apply_edits(v, edits)
}

/// Doubled «,,» «;;» «::», spaces before punctuation, «!!» and «! ! !»,
/// «!?» → «?!», «70 %» → «70%».
pub(super) fn punctuation(v: Vec<C>, cfg: &TypographyConfig) -> Vec<C> {
    let mut edits = Vec::new();
    let double = cfg.on(Rule::DoublePunctuation);
    let before_marks = cfg.on(Rule::SpaceBeforePunctuation);
    let percent = cfg.on(Rule::Percent);
    let marks = cfg.on(Rule::Exclamations);
    let end = |j: usize| ch(&v, j).is_none_or(|n| is_space(n) || n == '"' || n == '»');
    for i in 0..v.len() {
        let c = v[i].ch;
        match c {
            ',' | ';' | ':' if double && before(&v, i) == Some(c) && (c != ':' || end(i + 1)) => {
                edits.push(Edit::Delete(i));
            }
            ' ' | NBSP if before_marks || percent => {
                let run = (i..v.len()).take_while(|&j| matches!(v[j].ch, ' ' | NBSP));
                let next = run.clone().last().map_or(i, |j| j + 1);
                if before(&v, i).is_some_and(is_space) {
                    continue;
                }
                let prev = before(&v, i);
                let word_before = prev.is_some_and(|p| alnum(p) || matches!(p, '»' | '"' | ')'));
                let gap = || (i..next).map(Edit::Delete);
                match ch(&v, next) {
                    Some('%' | '‰') if percent && prev.is_some_and(|p| p.is_ascii_digit()) => {
                        edits.extend(gap())
                    }
                    Some(',' | '!' | '?' | ';') if before_marks && word_before && end(next + 1) => {
                        edits.extend(gap())
                    }
                    Some('.') if before_marks && word_before && ch(&v, next + 1).is_none() => {
                        edits.extend(gap())
                    }
                    Some('.')
                        if before_marks
                            && word_before
                            && ch(&v, next + 1).is_some_and(|n| n == '\n') =>
                    {
                        edits.extend(gap())
                    }
                    _ => {}
                }
            }
            // «! ! !» → «!!!», «? !» → «?!».
            '!' if marks
                && before(&v, i) == Some(' ')
                && i >= 2
                && matches!(v[i - 2].ch, '!' | '?') =>
            {
                edits.push(Edit::Delete(i - 1));
            }
            _ => {}
        }
    }
    let v = apply_edits(v, edits);
    if !marks || !v.iter().any(|c| c.ch == '!') {
        return v;
    }
    // Runs of «!»: two are one mark too many, more than three too loud.
    let mut edits = Vec::new();
    let mut i = 0;
    while i < v.len() {
        if v[i].ch != '!' {
            i += 1;
            continue;
        }
        let run = (i..v.len()).take_while(|&j| v[j].ch == '!').count();
        let starts_after_question = before(&v, i) == Some('?');
        if run == 2 && !starts_after_question {
            edits.push(Edit::Delete(i + 1));
        } else if run > 3 {
            edits.extend((i + 3..i + run).map(Edit::Delete));
        } else if run == 1 && ch(&v, i + 1) == Some('?') && ch(&v, i + 2) != Some('?') {
            edits.extend([Edit::Replace(i, '?'), Edit::Replace(i + 1, '!')]);
        }
        i += run;
    }
    apply_edits(v, edits)
}

/// «...» → «…»; after «?» and «!» the Russian marks «?..» «!..»; no comma
/// after an ellipsis; a space after it before a new sentence.
pub(super) fn ellipsis(v: Vec<C>, cfg: &TypographyConfig) -> Vec<C> {
    let dots = cfg.on(Rule::Ellipsis);
    let marks = cfg.on(Rule::EllipsisAfterMarks);
    let space = cfg.on(Rule::SpaceAfterEllipsis);
    let mut edits = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let c = v[i].ch;
        if c != '.' && c != '…' {
            i += 1;
            continue;
        }
        let run = if c == '…' {
            1
        } else {
            (i..v.len()).take_while(|&j| v[j].ch == '.').count()
        };
        let prev = before(&v, i);
        let after_mark = prev.is_some_and(|p| p == '?' || p == '!');
        let end = i + run;
        let ellipsis = c == '…' || run == 3;
        if marks && after_mark && ellipsis {
            // «?…», «?...» → «?..»
            if c == '…' {
                edits.extend([Edit::Replace(i, '.'), Edit::Insert(i + 1, '.')]);
            } else {
                edits.push(Edit::Delete(i + 2));
            }
        } else if dots && run == 3 && prev != Some('.') {
            edits.extend([
                Edit::Replace(i, '…'),
                Edit::Delete(i + 1),
                Edit::Delete(i + 2),
            ]);
        }
        if marks && ellipsis && ch(&v, end) == Some(',') {
            edits.push(Edit::Delete(end));
        }
        // «спокоен...Но», «государь!..Стоять»: a new sentence after a space.
        let closes =
            (ellipsis && !after_mark && prev.is_some_and(letter)) || (after_mark && run == 2);
        if space && closes && ch(&v, end).is_some_and(upper) {
            edits.push(Edit::Insert(end, ' '));
        }
        i = end;
    }
    apply_edits(v, edits)
}

/// Numbers of five digits and more get groups of three (12 345); groups the
/// author spaced (10 000) are tied. Years, codes, decimals after a point and
/// numbers inside identifiers (guarded) stay.
pub(super) fn digit_grouping(v: Vec<C>) -> Vec<C> {
    let mut edits = Vec::new();
    let mut i = 0;
    while i < v.len() {
        if !v[i].ch.is_ascii_digit() {
            i += 1;
            continue;
        }
        let len = digits_after(&v, i);
        let prev = before(&v, i);
        let start_ok = prev.is_none_or(|p| !alnum(p) && !matches!(p, '.' | ',' | '-' | '/' | '+'))
            && !(matches!(prev, Some(' ' | NBSP)) && i >= 2 && v[i - 2].ch.is_ascii_digit());
        let next = ch(&v, i + len);
        let plain_end =
            |j: usize| ch(&v, j).is_none_or(|n| !alnum(n) && !matches!(n, '-' | '–' | '/' | ':'));
        if start_ok && v[i].ch != '0' && len >= 5 && plain_end(i + len) {
            let locked = (i..i + len).any(|j| v[j].locked);
            // A six-digit postal code opens an address: «214000, г. Смоленск».
            let postal = len == 6 && next == Some(',');
            if !locked && !postal {
                let mut k = i + len % 3;
                if k == i {
                    k += 3;
                }
                while k < i + len {
                    edits.push(Edit::Insert(k, NNBSP));
                    k += 3;
                }
            }
        } else if start_ok && len <= 3 && (v[i].ch != '0' || len == 1) {
            // «10 000 000»: every later group is exactly three digits.
            let mut j = i + len;
            let mut gaps = Vec::new();
            while ch(&v, j).is_some_and(|s| s == ' ' || s == NBSP) && digits_after(&v, j + 1) == 3 {
                gaps.push(j);
                j += 4;
            }
            let locked = (i..j).any(|k| v[k].locked);
            if !gaps.is_empty() && plain_end(j) && !locked {
                edits.extend(gaps.into_iter().map(|g| Edit::Replace(g, NNBSP)));
            }
            i = j.max(i + len);
            continue;
        }
        i += len;
    }
    apply_edits(v, edits)
}
