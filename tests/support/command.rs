//! The `peaceplan` command for the library's tests that also run it. The command is its own crate
//! (`cli/`), so Cargo gives these tests no `CARGO_BIN_EXE_peaceplan`: the binary beside the test
//! executable is used, built first with Cargo (`cargo test` builds the command's tests but not
//! `target/<profile>/peaceplan` itself, which would otherwise be stale after a change; Cargo's check
//! takes a fraction of a second when it is up to date).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// A `Command` running the `peaceplan` binary of the same profile as this test.
pub fn peaceplan() -> Command {
    Command::new(binary())
}

fn binary() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        // target/<profile>/deps/<test>-<hash>: the binary is target/<profile>/peaceplan.
        let exe = std::env::current_exe().expect("the test's own path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("a test executable under target/<profile>/deps");
        let bin = profile_dir.join(format!("peaceplan{}", std::env::consts::EXE_SUFFIX));
        {
            let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
                Some("debug") | None => "dev",
                Some(other) => other,
            };
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
            let status = Command::new(cargo)
                .args([
                    "build",
                    "--quiet",
                    "-p",
                    "peaceplan-cli",
                    "--bin",
                    "peaceplan",
                ])
                .args(["--profile", profile])
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .status()
                .expect("run cargo to build the peaceplan command");
            assert!(
                status.success(),
                "cargo could not build the peaceplan command"
            );
        }
        assert!(bin.exists(), "no peaceplan command at {}", bin.display());
        bin
    })
}
