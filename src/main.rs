fn main() {
    std::process::exit(metodist::cli::run());
}
