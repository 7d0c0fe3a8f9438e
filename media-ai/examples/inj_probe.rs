// Throwaway probe (not committed): raw 640x480 I420 frames on stdin, every frame 133 ms.
use std::io::Read;
use media_ai::injection::{InjectionMonitor, MonitorConfig, Signature};
fn main() {
    let (w, h) = (640usize, 480usize);
    let mut m = InjectionMonitor::new(MonitorConfig::standard());
    let mut stdin = std::io::stdin();
    let mut k = 0u64;
    let mut prev: Option<Signature> = None;
    loop {
        let mut f = vec![0u8; w * h * 3 / 2];
        if stdin.read_exact(&mut f).is_err() { break; }
        let t = 500 + k * 133;
        let sig = Signature::from_luma(&f[..w * h], w, h).unwrap();
        let hs = m.push(t, w as u32, h as u32, &sig);
        let c = m.loop_candidate().cloned();
        let d1 = prev.as_ref().map(|p| p.shape_distance(&sig)).unwrap_or(0.0);
        let mc = prev.as_ref().map(|p| p.max_cell_change(&sig)).unwrap_or(0.0);
        println!("{k} t={t} d1={d1:.3} maxcell={mc:.1} cand={:?} hints={:?}", c.map(|c| (c.period_ms, (c.mean_distance*1000.0).round()/1000.0, (c.motion*1000.0).round()/1000.0)), hs.iter().map(|h| h.kind()).collect::<Vec<_>>());
        prev = Some(sig);
        k += 1;
    }
}
