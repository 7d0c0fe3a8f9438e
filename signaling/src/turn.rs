//! ICE servers for clients, with TURN REST-style short-lived credentials (coturn's
//! `use-auth-secret`): username = `<expiry unix seconds>:<session id>`,
//! credential = base64(HMAC-SHA1(secret, username)).

use crate::config::IceSection;
use crate::ws::protocol::IceServer;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha1::Sha1;

pub fn ice_servers(ice: &IceSection, session_id: &str, now_unix_secs: u64) -> Vec<IceServer> {
    let mut out = Vec::new();
    if !ice.stun_urls.is_empty() {
        out.push(IceServer { urls: ice.stun_urls.clone(), username: None, credential: None });
    }
    if !ice.turn_urls.is_empty() {
        let (username, credential) = if ice.turn_secret.0.is_empty() {
            (None, None)
        } else {
            let user = format!("{}:{session_id}", now_unix_secs + ice.turn_ttl_secs);
            (Some(user.clone()), Some(turn_credential(&ice.turn_secret.0, &user)))
        };
        out.push(IceServer { urls: ice.turn_urls.clone(), username, credential });
    }
    out
}

fn turn_credential(secret: &str, username: &str) -> String {
    // HMAC accepts keys of any length, so construction cannot fail.
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(username.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Secret;

    #[test]
    fn turn_credentials_follow_the_coturn_rest_scheme() {
        let ice = IceSection {
            stun_urls: vec![],
            turn_urls: vec!["turn:127.0.0.1:3478".into()],
            turn_secret: Secret("north".into()),
            turn_ttl_secs: 600,
        };
        let s = ice_servers(&ice, "abc", 1_000);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].username.as_deref(), Some("1600:abc"));
        // Independent check: `echo -n 1600:abc | openssl dgst -binary -sha1 -hmac north | base64`
        assert_eq!(s[0].credential.as_deref(), Some("VMTwAFMPP/Ku/T6JETwwfeZ/Lkw="));
    }

    #[test]
    fn no_turn_urls_means_no_turn_server() {
        assert!(ice_servers(&IceSection::default(), "abc", 0).is_empty());
    }
}
