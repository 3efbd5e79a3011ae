use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = byline::cli::Cli::parse();
    match byline::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("byline: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
