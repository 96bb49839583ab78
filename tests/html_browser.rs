//! The HTML report in a real browser: headless Chromium renders the Geneva report; the screenshot must
//! not be blank and the rendered SVG must have one ribbon per correspondence.
//!
//! Needs Debian's `chromium` (`.ci/run` installs it). Without it the test says so and passes, except
//! under CI (`CI` set), where a missing browser fails it.

use std::path::{Path, PathBuf};
use std::process::Command;

use peaceplan::{diff, load, render};

fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("CHROMIUM").map(PathBuf::from),
        Some(PathBuf::from("/usr/bin/chromium")),
        Some(PathBuf::from("/usr/bin/chromium-browser")),
    ];
    candidates.into_iter().flatten().find(|p| p.exists())
}

fn run_chromium(bin: &Path, profile: &Path, args: &[&str]) -> std::process::Output {
    Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("run chromium")
}

#[test]
fn geneva_report_renders_in_chromium() {
    let Some(bin) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is required in CI"
        );
        eprintln!("chromium not installed; skipping the browser test");
        return;
    };
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/plan");
    let d = diff(
        &load(data.join("28-point-plan.md")).unwrap(),
        &load(data.join("geneva-revision.md")).unwrap(),
    );
    let page = render::html(&d);
    // 28 -> 19: 6 kept + 5 reworded + 2 merged + 4 split + 11 deferred links.
    let ribbons = 28;

    let dir = std::env::temp_dir().join(format!("peaceplan-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let html_path = dir.join("geneva.html");
    std::fs::write(&html_path, &page).unwrap();
    let url = format!("file://{}", html_path.display());
    let profile = dir.join("profile");

    // The DOM as the browser parsed it.
    let dom = run_chromium(&bin, &profile, &["--dump-dom", &url]);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains("<svg"), "no SVG in the rendered page");
    assert_eq!(
        dom.matches("class=\"ribbon ").count(),
        ribbons,
        "one ribbon per correspondence"
    );
    assert_eq!(
        dom.matches("class=\"end removed\"").count(),
        2,
        "points 14 and 26 end in a mark"
    );
    assert_eq!(dom.matches("class=\"start added\"").count(), 3);
    assert_eq!(
        dom.matches("class=\"forum-box\"").count(),
        3,
        "a box per forum"
    );

    // A screenshot that is not blank.
    let png_path = dir.join("geneva.png");
    let shot = run_chromium(
        &bin,
        &profile,
        &[
            "--window-size=1200,1500",
            &format!("--screenshot={}", png_path.display()),
            &url,
        ],
    );
    assert!(
        shot.status.success(),
        "{}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let bytes = &buf[..info.buffer_size()];
    let channels = info.color_type.samples();
    let pixels = bytes.len() / channels;
    let non_white = bytes
        .chunks(channels)
        .filter(|p| p.iter().take(3).any(|&c| c < 235))
        .count();
    let mut colours: Vec<[u8; 3]> = bytes
        .chunks(channels)
        .map(|p| [p[0] / 32, p[1] / 32, p[2] / 32])
        .collect();
    colours.sort_unstable();
    colours.dedup();
    assert!(
        (info.width, info.height) == (1200, 1500),
        "{}x{}",
        info.width,
        info.height
    );
    assert!(
        non_white * 10 > pixels,
        "screenshot is nearly blank: {non_white} of {pixels} pixels drawn"
    );
    assert!(
        colours.len() > 20,
        "screenshot has only {} colours",
        colours.len()
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn report_is_self_contained() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/plan");
    let d = diff(
        &load(data.join("geneva-revision.md")).unwrap(),
        &load(data.join("december-framework.md")).unwrap(),
    );
    let page = render::html(&d);
    assert!(!page.contains("<script"));
    let urls: Vec<&str> = page
        .match_indices("http")
        .map(|(i, _)| &page[i..(i + 30).min(page.len())])
        .collect();
    assert!(
        urls.iter()
            .all(|u| u.starts_with("http://www.w3.org/2000/svg")),
        "{urls:?}"
    );
    assert!(page.contains("class=\"ribbon reinstated\""));
}
