//! The bench's own network: three namespaces joined by veth pairs, with addresses used nowhere
//! else. libnice (Janus) ignores loopback, so every SFU gets a real link to the clients.
//!
//! ```text
//!  vkb-load                       vkb-ours
//!   vkb-lo 10.200.1.1/24 ──veth── vkb-o 10.200.1.2/24   (our server)
//!   vkb-lj 10.200.2.1/24 ──veth── vkb-j 10.200.2.2/24   (Janus)
//!                                 vkb-janus
//! ```

use std::process::Command;

pub const LOAD_NS: &str = "vkb-load";

pub struct Link {
    pub ns: &'static str,
    pub load_if: &'static str,
    pub sfu_if: &'static str,
    pub load_ip: &'static str,
    pub sfu_ip: &'static str,
}

pub const OURS: Link = Link {
    ns: "vkb-ours",
    load_if: "vkb-lo",
    sfu_if: "vkb-o",
    load_ip: "10.200.1.1",
    sfu_ip: "10.200.1.2",
};
pub const JANUS: Link = Link {
    ns: "vkb-janus",
    load_if: "vkb-lj",
    sfu_if: "vkb-j",
    load_ip: "10.200.2.1",
    sfu_ip: "10.200.2.2",
};

fn ip(args: &[&str]) -> anyhow::Result<()> {
    let out = Command::new("ip").args(args).output()?;
    anyhow::ensure!(
        out.status.success(),
        "ip {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr).trim()
    );
    Ok(())
}

pub fn teardown() {
    for ns in [LOAD_NS, OURS.ns, JANUS.ns] {
        let _ = Command::new("ip").args(["netns", "del", ns]).output();
    }
}

pub fn setup() -> anyhow::Result<()> {
    teardown();
    for ns in [LOAD_NS, OURS.ns, JANUS.ns] {
        ip(&["netns", "add", ns])?;
        ip(&["-n", ns, "link", "set", "lo", "up"])?;
    }
    for l in [OURS, JANUS] {
        ip(&[
            "link", "add", l.load_if, "netns", LOAD_NS, "type", "veth", "peer", "name", l.sfu_if,
            "netns", l.ns,
        ])?;
        ip(&[
            "-n",
            LOAD_NS,
            "addr",
            "add",
            &format!("{}/24", l.load_ip),
            "dev",
            l.load_if,
        ])?;
        ip(&[
            "-n",
            l.ns,
            "addr",
            "add",
            &format!("{}/24", l.sfu_ip),
            "dev",
            l.sfu_if,
        ])?;
        ip(&["-n", LOAD_NS, "link", "set", l.load_if, "up"])?;
        ip(&["-n", l.ns, "link", "set", l.sfu_if, "up"])?;
        // The `webrtc` crate opens an mDNS socket per peer connection; joining its multicast
        // group fails (ENODEV) in a namespace without a route for it. No default route is
        // added: nothing can leave the bench's own links.
        ip(&["-n", l.ns, "route", "add", "224.0.0.0/4", "dev", l.sfu_if])?;
    }
    Ok(())
}
