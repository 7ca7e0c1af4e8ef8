// The library allocates hundreds of thousands of small strings a query;
// mimalloc makes that about a fifth cheaper than glibc's malloc (bench/).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(minutes::cli::run(std::env::args_os()));
}
