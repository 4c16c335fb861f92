// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;
use filmdesk_app::cli;

fn main() {
    let started = Instant::now();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("FILMDESK_LOG")
                .unwrap_or_else(|_| "filmdesk=info,filmdesk_app=info,filmdesk_core=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();

    let args: Vec<String> = std::env::args().collect();
    if args
        .get(1)
        .is_some_and(|first| cli::SUBCOMMANDS.contains(&first.as_str()))
    {
        std::process::exit(cli::run(cli::Cli::parse()));
    }

    // The window. Unknown arguments are ignored: WebKit's WebDriver adds its own.
    let db = db_from_args(&args)
        .or_else(|| std::env::var_os(filmdesk_app::DB_ENV).map(PathBuf::from))
        .unwrap_or_else(cli::default_db_path);
    if let Err(err) = filmdesk_app::run(db, started) {
        eprintln!("filmdesk: {err}");
        std::process::exit(5);
    }
}

/// `--db PATH` or `--db=PATH` anywhere on the command line.
fn db_from_args(args: &[String]) -> Option<PathBuf> {
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        if arg == "--db" {
            return iter.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--db=") {
            return Some(PathBuf::from(path));
        }
    }
    None
}
