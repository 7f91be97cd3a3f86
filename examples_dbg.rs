fn main() {
    let s = "Тег <code>\"abc\" - 1...3</code>, x\n";
    for (e, r) in pulldown_cmark::Parser::new_ext(s, pulldown_cmark::Options::all()).into_offset_iter() {
        println!("{e:?} {r:?}");
    }
}
