//! DTLS-SRTP (RFC 5764): one handshake per peer connection, whose exported keys make the SRTP
//! contexts the media loop then uses directly.

use bytes::BytesMut;
use rtc::crypto::RTCCryptoProvider;
use rtc::dtls::config::{ClientAuthType, ConfigBuilder, ExtendedMasterSecretType, HandshakeConfig, VerifyPeerCertificateFn};
use rtc::dtls::crypto::Certificate;
use rtc::dtls::endpoint::{Endpoint, EndpointEvent};
use rtc::dtls::extension::extension_use_srtp::SrtpProtectionProfile;
use rtc::shared::TransportProtocol;
use rtc::srtp::context::Context;
use rtc::srtp::protection_profile::ProtectionProfile;
use sha2::{Digest, Sha256};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;

/// The server's DTLS certificate: one for the process (its fingerprint is in every answer).
pub(crate) struct Identity {
    certificate: Certificate,
    pub fingerprint: String,
    pub crypto: Arc<dyn RTCCryptoProvider>,
}

impl Identity {
    pub(crate) fn generate() -> Result<Identity, String> {
        let crypto = rtc::crypto::default_provider().map_err(|e| e.to_string())?;
        let certificate = Certificate::generate_self_signed(vec!["vkyc-sfu".to_owned()], crypto.crypto()).map_err(|e| e.to_string())?;
        let der = certificate.certificate.first().ok_or("no certificate generated")?;
        Ok(Identity { fingerprint: fingerprint(der.as_ref()), certificate, crypto })
    }
}

/// SHA-256 fingerprint as SDP writes it, lower-case hex with colons.
fn fingerprint(der: &[u8]) -> String {
    Sha256::digest(der).iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":")
}

/// Inbound SRTP lets through retransmissions up to this many packets behind the newest.
const REPLAY_WINDOW: usize = 1024;

/// What a datagram did to the handshake.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum DtlsEvent {
    Connected,
    Closed,
}

/// One peer connection's DTLS association. The association is keyed by a fixed placeholder
/// address: the loop, not DTLS, knows where the peer is (it may move, e.g. an ICE restart).
pub(super) struct Dtls {
    endpoint: Endpoint,
    config: Arc<HandshakeConfig>,
    client: bool,
    started: bool,
    connected: bool,
}

const KEY: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 9);

impl Dtls {
    /// `remote_fingerprint`: the offer's sha-256 fingerprint, the only certificate accepted.
    pub(super) fn new(identity: &Identity, remote_fingerprint: String, client: bool) -> Result<Dtls, String> {
        let verify: VerifyPeerCertificateFn = Arc::new(move |certs: &[Vec<u8>], _chains: &[rustls::pki_types::CertificateDer<'static>]| {
            match certs.first() {
                Some(der) if fingerprint(der) == remote_fingerprint => Ok(()),
                _ => Err(rtc::shared::error::Error::Other("certificate fingerprint mismatch".into())),
            }
        });
        let config = ConfigBuilder::default()
            .with_crypto_provider(identity.crypto.clone())
            .with_certificates(vec![identity.certificate.clone()])
            .with_srtp_protection_profiles(vec![
                SrtpProtectionProfile::Srtp_Aead_Aes_128_Gcm,
                SrtpProtectionProfile::Srtp_Aes128_Cm_Hmac_Sha1_80,
            ])
            .with_client_auth(ClientAuthType::RequireAnyClientCert)
            .with_insecure_skip_verify(true)
            .with_verify_peer_certificate(Some(verify))
            .with_extended_master_secret(ExtendedMasterSecretType::Require)
            .build(client, None)
            .map_err(|e| e.to_string())?;
        let config = Arc::new(config);
        let server_config = (!client).then(|| config.clone());
        Ok(Dtls {
            endpoint: Endpoint::new(KEY, TransportProtocol::UDP, server_config),
            config,
            client,
            started: false,
            connected: false,
        })
    }

    /// As the client, sends the ClientHello (once the ICE path exists); a server waits.
    pub(super) fn start(&mut self, now: Instant) {
        if self.client && !self.started {
            self.started = true;
            if let Err(e) = self.endpoint.connect(now, KEY, self.config.clone(), None) {
                tracing::debug!(error = %e, "dtls connect failed");
            }
        }
    }

    #[cfg(test)]
    pub(super) fn connected(&self) -> bool {
        self.connected
    }

    /// Feeds one DTLS datagram.
    pub(super) fn read(&mut self, now: Instant, data: &[u8]) -> Option<DtlsEvent> {
        match self.endpoint.read(now, KEY, None, BytesMut::from(data)) {
            Ok(events) => {
                let mut out = None;
                for e in events {
                    match e {
                        EndpointEvent::HandshakeComplete => {
                            self.connected = true;
                            out = Some(DtlsEvent::Connected);
                        }
                        EndpointEvent::PeerClosed => out = Some(DtlsEvent::Closed),
                        _ => {} // application data (a data channel): not offered, ignored
                    }
                }
                out
            }
            Err(e) => {
                tracing::debug!(error = %e, "dtls datagram rejected");
                None
            }
        }
    }

    /// The next datagram DTLS wants sent.
    pub(super) fn poll_transmit(&mut self) -> Option<BytesMut> {
        self.endpoint.poll_transmit().map(|t| t.message)
    }

    pub(super) fn poll_timeout(&self) -> Option<Instant> {
        self.endpoint.poll_timeout(&KEY)
    }

    /// Retransmits a lost flight when its timer is due. `Err` = the handshake gave up.
    pub(super) fn handle_timeout(&mut self, now: Instant) -> Result<(), String> {
        match self.endpoint.handle_timeout(KEY, now) {
            Ok(()) => Ok(()),
            Err(rtc::shared::error::Error::InvalidRemoteAddress(_)) => Ok(()), // no association yet
            Err(e) => Err(e.to_string()),
        }
    }

    /// Sends close_notify.
    pub(super) fn close(&mut self, now: Instant) {
        let _ = self.endpoint.stop(now, KEY);
    }

    /// The SRTP contexts for sending (local) and receiving (remote), from the handshake's keys.
    pub(super) fn srtp(&self, identity: &Identity) -> Result<(Context, Context), String> {
        let state = self.endpoint.get_connection_state(KEY).ok_or("no dtls association")?;
        let profile = match state.srtp_protection_profile() {
            SrtpProtectionProfile::Srtp_Aead_Aes_128_Gcm => ProtectionProfile::AeadAes128Gcm,
            SrtpProtectionProfile::Srtp_Aead_Aes_256_Gcm => ProtectionProfile::AeadAes256Gcm,
            SrtpProtectionProfile::Srtp_Aes128_Cm_Hmac_Sha1_80 => ProtectionProfile::Aes128CmHmacSha1_80,
            SrtpProtectionProfile::Srtp_Aes128_Cm_Hmac_Sha1_32 => ProtectionProfile::Aes128CmHmacSha1_32,
            _ => return Err("no SRTP protection profile negotiated".into()),
        };
        let mut config = rtc::srtp::config::Config { profile, ..Default::default() };
        let material = state
            .export_keying_material(rtc::srtp::config::LABEL_EXTRACTOR_DTLS_SRTP, &[], config.keying_material_len())
            .map_err(|e| e.to_string())?;
        config.set_session_keys_from_keying_material(material.as_ref(), state.is_client()).map_err(|e| e.to_string())?;
        let keys = &config.keys;
        let crypto = identity.crypto.crypto();
        let local = Context::new(&keys.local_master_key, &keys.local_master_salt, profile, None, None, crypto)
            .map_err(|e| e.to_string())?;
        let remote = Context::new(
            &keys.remote_master_key,
            &keys.remote_master_salt,
            profile,
            Some(rtc::srtp::option::srtp_replay_protection(REPLAY_WINDOW)),
            Some(rtc::srtp::option::srtcp_replay_protection(REPLAY_WINDOW)),
            crypto,
        )
        .map_err(|e| e.to_string())?;
        Ok((local, remote))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two associations wired back to back: the handshake completes, both sides derive SRTP
    /// contexts, and what one side encrypts the other decrypts.
    #[test]
    fn a_handshake_between_two_ends_gives_matching_srtp_keys() {
        let a_id = Identity::generate().expect("identity");
        let b_id = Identity::generate().expect("identity");
        assert_eq!(a_id.fingerprint.len(), 95);
        let mut server = Dtls::new(&a_id, b_id.fingerprint.clone(), false).expect("server");
        let mut client = Dtls::new(&b_id, a_id.fingerprint.clone(), true).expect("client");
        let now = Instant::now();
        client.start(now);
        let (mut server_up, mut client_up) = (false, false);
        for _ in 0..20 {
            while let Some(d) = client.poll_transmit() {
                server_up |= server.read(now, &d) == Some(DtlsEvent::Connected);
            }
            while let Some(d) = server.poll_transmit() {
                client_up |= client.read(now, &d) == Some(DtlsEvent::Connected);
            }
        }
        assert!(server_up && client_up, "both ends connected");
        let (mut s_local, _) = server.srtp(&a_id).expect("server keys");
        let (_, mut c_remote) = client.srtp(&b_id).expect("client keys");
        let plain = [0x80u8, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 7, 1, 2, 3, 4];
        let sealed = s_local.encrypt_rtp(&plain).expect("encrypt");
        assert_ne!(&sealed[..], &plain[..]);
        assert_eq!(&c_remote.decrypt_rtp(&sealed).expect("decrypt")[..], &plain[..]);
    }

    #[test]
    fn a_peer_with_another_certificate_than_offered_is_refused() {
        let a_id = Identity::generate().expect("identity");
        let b_id = Identity::generate().expect("identity");
        let mut server = Dtls::new(&a_id, "00:11".into(), false).expect("server");
        let mut client = Dtls::new(&b_id, a_id.fingerprint.clone(), true).expect("client");
        let now = Instant::now();
        client.start(now);
        for _ in 0..20 {
            while let Some(d) = client.poll_transmit() {
                server.read(now, &d);
            }
            while let Some(d) = server.poll_transmit() {
                client.read(now, &d);
            }
        }
        assert!(!server.connected());
    }
}
