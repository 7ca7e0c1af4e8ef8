fn main() {
    std::process::exit(minutes::cli::run(std::env::args_os()));
}
