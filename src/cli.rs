//! The command line: `serve`, `create-owner`, `check-config`, `backup`, `outbox`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::service::org::setup::{NewOwner, split_name};
use crate::store::{Store, StoreError};

#[derive(Parser)]
#[command(
    name = "convene",
    version,
    about = "Member management and booking for a small organization"
)]
struct Cli {
    /// TOML config file; without it, embedded defaults and CONVENE_* variables apply.
    #[arg(long, global = true, env = "CONVENE_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server.
    Serve,
    /// Create the first owner (once), reading the password from standard input.
    CreateOwner {
        #[arg(long)]
        email: String,
        /// "First Last"
        #[arg(long)]
        name: String,
        /// Read the password from standard input (required: never on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
        /// Organization name, when the organization does not exist yet.
        #[arg(long, default_value = "")]
        organization: String,
    },
    /// Validate the configuration and print it, secrets masked.
    CheckConfig,
    /// Write a consistent copy of the database to FILE (works while the server runs).
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Put a backup in place of the database (refused while the server runs).
    Restore {
        /// The backup file (`convene backup --out FILE`, or a scheduled one).
        file: PathBuf,
        /// Hold the mail and webhook calls that were queued in the backup
        /// until an admin releases them (`convene outbox release`, or the
        /// mail page), instead of sending them again at start.
        #[arg(long)]
        hold_outbox: bool,
    },
    /// Exit 0 when the server answers /healthz on its configured address.
    Healthcheck,
    /// List, retry or drop outbox messages (works while the server runs).
    Outbox {
        #[command(subcommand)]
        command: crate::control::OutboxCommand,
    },
    /// List members (works while the server runs).
    Members {
        #[command(subcommand)]
        command: crate::control::MembersCommand,
    },
    /// Send the test message to ADDRESS now and print the mail server's
    /// answer; exit status 1 when it did not go.
    TestEmail { address: String },
    /// Set a member's password, read from standard input, and sign them
    /// out everywhere; or mail them a one-time link to choose one
    /// themself (works while the server runs).
    ResetPassword {
        email: String,
        /// Read the password from standard input (never on the command line).
        #[arg(long, conflicts_with = "mail", required_unless_present = "mail")]
        password_stdin: bool,
        /// Mail the member a link, valid for 24 hours, to choose a new
        /// password (sent by the running server, or when it next starts).
        #[arg(long)]
        mail: bool,
    },
    /// Give the pages the database freed back to the disk (the server
    /// must be stopped); prints the file's size before and after.
    Compact,
    /// Read every table, check every record decodes and every index
    /// matches its rows, without writing; exit status 1 on a problem.
    CheckDb {
        /// JSON instead of text, for scripts.
        #[arg(long)]
        json: bool,
    },
}

pub fn main() -> ExitCode {
    crate::memory::tune();
    let cli = Cli::parse();
    crate::task::install_panic_hook();
    let config = match Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            init_logging("text");
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    init_logging(&config.log.format);
    let result = match cli.command {
        Command::Serve => serve(config),
        Command::CheckConfig => {
            print!("{}", config.to_masked_toml());
            eprintln!("config is valid");
            Ok(())
        }
        Command::CreateOwner {
            email,
            name,
            organization,
            ..
        } => create_owner(&config, email, &name, organization),
        Command::Backup { out } => backup(&config, &out),
        Command::Compact => compact(&config),
        Command::Restore { file, hold_outbox } => {
            crate::cli_admin::restore(&config, &file, hold_outbox)
        }
        Command::Healthcheck => crate::cli_admin::healthcheck(&config),
        Command::Outbox { command } => {
            crate::control::outbox(&config, command).map_err(anyhow::Error::from)
        }
        Command::Members { command } => {
            crate::control::members(&config, command).map_err(anyhow::Error::from)
        }
        Command::ResetPassword {
            email, mail: true, ..
        } => crate::control::mail_reset_link(&config, &email).map_err(anyhow::Error::from),
        Command::ResetPassword { email, .. } => {
            crate::control::reset_password(&config, &email).map_err(anyhow::Error::from)
        }
        Command::TestEmail { address } => {
            return verdict(crate::control::test_email(&config, &address));
        }
        Command::CheckDb { json } => return verdict(crate::control::check_db(&config, json)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Exit status of a command that answers yes or no: 0 yes, 1 no (what
/// it printed says why), 2 when it could not tell.
fn verdict(answer: Result<bool, crate::control::AdminError>) -> ExitCode {
    match answer {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `[log] format`: "json" writes one JSON object per line (time, level,
/// message and fields), "text" one readable line.
fn init_logging(format: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("CONVENE_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,actix_server=warn,actix_web=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(false);
    let _ = if format == "json" {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.try_init()
    };
}

fn serve(config: Config) -> anyhow::Result<()> {
    let system = actix_web::rt::System::new();
    let store = system.block_on(crate::app::serve(config))?;
    // The runtime's tasks and the writer threads hold the database too:
    // gone with the runtime, they let it close cleanly, so the next start
    // and a read-only check-db or backup of the stopped server's file find
    // nothing to repair.
    drop(system);
    if !store.close(std::time::Duration::from_secs(5)) {
        tracing::warn!("the database was still in use at exit; the next start repairs it");
    }
    Ok(())
}

fn create_owner(
    config: &Config,
    email: String,
    name: &str,
    organization: String,
) -> anyhow::Result<()> {
    let mut password = String::new();
    std::io::stdin().read_to_string(&mut password)?;
    let password = password.trim_end_matches(['\n', '\r']).to_string();
    let (first_name, last_name) = split_name(name);
    let store = open_store(config)?;
    let owner = crate::service::org::setup::create_owner(
        &store,
        NewOwner {
            organization,
            email,
            first_name,
            last_name,
            password,
        },
        chrono::Utc::now(),
    )
    .map_err(|e| match e.field() {
        Some(field) => anyhow::anyhow!("{field}: {e}"),
        None => anyhow::anyhow!("{e}"),
    })?;
    println!("owner created: {} ({})", owner.email, owner.id);
    Ok(())
}

fn open_store(config: &Config) -> anyhow::Result<Store> {
    Ok(Store::open_sized(
        &config.database_path(),
        config.storage.cache_mb,
    )?)
}

/// Compacts the database file; only with the server stopped.
fn compact(config: &Config) -> anyhow::Result<()> {
    let db = config.database_path();
    if !db.exists() {
        anyhow::bail!("no database at {}", db.display());
    }
    match crate::store::compact_file(&db) {
        Ok(c) => {
            println!(
                "compacted {}: {} bytes before, {} after",
                db.display(),
                c.bytes_before,
                c.bytes_after
            );
            Ok(())
        }
        Err(StoreError::Locked(_)) => anyhow::bail!(
            "the database {} is open in the running server: stop it first (systemctl stop convene), then compact; a backup's copy is compact too",
            db.display()
        ),
        Err(e) => Err(e.into()),
    }
}

/// Opens the database directly when the server is stopped; asks the
/// running server over its control socket otherwise.
fn backup(config: &Config, out: &Path) -> anyhow::Result<()> {
    let db = config.database_path();
    if !db.exists() {
        anyhow::bail!("no database at {}", db.display());
    }
    match Store::backup_file(&db, out) {
        Ok(report) => {
            println!(
                "backup written to {} ({} rows, {} bytes)",
                out.display(),
                report.rows,
                report.bytes
            );
            Ok(())
        }
        Err(StoreError::Locked(_)) => {
            let bytes = crate::control::request_backup(&config.storage.data_dir, out)?;
            println!(
                "backup written to {} by the running server ({bytes} bytes)",
                out.display()
            );
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}
