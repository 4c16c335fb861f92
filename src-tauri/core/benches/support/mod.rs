//! Helpers the benchmarks share: what the machine was doing, and how much CPU a run used.
//! Each bench uses some of them.
#![allow(dead_code)]

/// The load average (1, 5, 15 minutes), printed with the figures: the machine may be shared.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// CPU time this process has used so far (user + system), in seconds (Linux; 0 elsewhere).
/// Printed beside wall time because the machine the benchmarks run on may be shared: wall
/// time grows with the load, CPU time much less.
pub fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // The fields after the command name, which is in parentheses and may hold spaces.
            let rest = s.rsplit_once(')')?.1.split_whitespace().collect::<Vec<_>>();
            let ticks = rest.get(11)?.parse::<f64>().ok()? + rest.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0) // USER_HZ, 100 on Linux
        })
        .unwrap_or(0.0)
}
