fn main() {
    std::process::exit(mingsheng::cli::run());
}
