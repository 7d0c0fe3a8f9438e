//! Abuse limits: per-address request rates on the public endpoints and on sign-in, and the
//! per-address cap on open sockets. Rates use `governor` (GCRA) keyed by the client address.

use crate::config::{AuthSection, LimitsSection};
use governor::clock::{Clock as _, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};

/// Which budget a request draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// Free slots, bookings, queue join, booking management, socket upgrades.
    Public,
    SignIn,
}

#[derive(Clone)]
pub struct Limits {
    public: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    sign_in: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    sockets: Arc<Mutex<HashMap<IpAddr, u32>>>,
    max_sockets: u32,
}

fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN)
}

impl Limits {
    pub fn new(l: &LimitsSection, a: &AuthSection) -> Limits {
        let public = Quota::per_second(nz(l.public_per_second)).allow_burst(nz(l.public_burst));
        let sign_in = Quota::per_minute(nz(a.login_per_minute_per_ip)).allow_burst(nz(a.login_per_minute_per_ip.min(10)));
        Limits {
            public: Arc::new(DefaultKeyedRateLimiter::keyed(public)),
            sign_in: Arc::new(DefaultKeyedRateLimiter::keyed(sign_in)),
            sockets: Arc::default(),
            max_sockets: l.max_sockets_per_ip.max(1),
        }
    }

    /// Takes one request from `ip`'s budget; `Err(seconds)` until one is available.
    pub fn check(&self, budget: Budget, ip: IpAddr) -> Result<(), u64> {
        let limiter = match budget {
            Budget::Public => &self.public,
            Budget::SignIn => &self.sign_in,
        };
        limiter.check_key(&ip).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }

    /// Claims a socket slot for `ip`, released when the guard drops.
    pub fn open_socket(&self, ip: IpAddr) -> Option<SocketSlot> {
        let mut map = self.sockets.lock().unwrap_or_else(|e| e.into_inner());
        let n = map.entry(ip).or_insert(0);
        if *n >= self.max_sockets {
            return None;
        }
        *n += 1;
        Some(SocketSlot { ip, sockets: self.sockets.clone() })
    }
}

/// One open socket of an address.
pub struct SocketSlot {
    ip: IpAddr,
    sockets: Arc<Mutex<HashMap<IpAddr, u32>>>,
}

impl Drop for SocketSlot {
    fn drop(&mut self) {
        let mut map = self.sockets.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = map.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.ip);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(per_second: u32, burst: u32, sockets: u32) -> Limits {
        let l = LimitsSection { public_per_second: per_second, public_burst: burst, max_sockets_per_ip: sockets, ..LimitsSection::default() };
        Limits::new(&l, &AuthSection::default())
    }

    #[test]
    fn an_address_gets_its_burst_then_waits() {
        let l = limits(1, 3, 1);
        let ip: IpAddr = "10.0.0.1".parse().expect("ip");
        for _ in 0..3 {
            assert_eq!(l.check(Budget::Public, ip), Ok(()));
        }
        assert!(l.check(Budget::Public, ip).is_err());
        assert_eq!(l.check(Budget::Public, "10.0.0.2".parse().expect("ip")), Ok(()));
    }

    #[test]
    fn socket_slots_are_capped_per_address_and_released_on_drop() {
        let l = limits(1, 1, 2);
        let ip: IpAddr = "10.0.0.1".parse().expect("ip");
        let a = l.open_socket(ip);
        let b = l.open_socket(ip);
        assert!(a.is_some() && b.is_some());
        assert!(l.open_socket(ip).is_none());
        drop(a);
        assert!(l.open_socket(ip).is_some());
    }
}
