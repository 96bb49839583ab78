use peaceplan::align::{AlignOptions, Unit, candidate_scores};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let old = peaceplan::load(&args[1]).unwrap();
    let new = peaceplan::load(&args[2]).unwrap();
    let ou: Vec<Unit> = old.points.iter().map(|p| Unit::body(&p.text)).collect();
    let nu: Vec<Unit> = new.points.iter().map(|p| Unit::body(&p.text)).collect();
    let s = candidate_scores(&ou, &nu, &AlignOptions::default());
    let pairs: Vec<(usize, usize)> = args[3..]
        .iter()
        .map(|a| {
            let (x, y) = a.split_once(':').unwrap();
            (
                x.parse::<usize>().unwrap() - 1,
                y.parse::<usize>().unwrap() - 1,
            )
        })
        .collect();
    for p in &s {
        if pairs
            .iter()
            .any(|&(o, n)| (o == p.old || o == usize::MAX) && n == p.new)
            || pairs.iter().any(|&(o, n)| o == p.old && n == usize::MAX)
        {
            println!(
                "{} -> {}: sim {:.3} old_in_new {:.3} new_in_old {:.3}",
                p.old + 1,
                p.new + 1,
                p.similarity,
                p.old_in_new,
                p.new_in_old
            );
        }
    }
}
