//! The network a vote comes from, for the daily limit: one IPv4 address, or one IPv6 /56 (a
//! household's usual delegation; a /64 would give anyone with a /48 65,536 networks). It is
//! never kept as such: only as a keyed hash ([`keyed`]) under the day's key, which is deleted
//! when the day is over (see `store/keys.rs`), so yesterday's votes cannot be linked to an address.

use std::net::IpAddr;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The bytes that name an address's network: the 4 bytes of an IPv4 address (an IPv4 address
/// mapped into IPv6 too), or the first 7 bytes (56 bits) of an IPv6 one.
pub fn network_of(ip: IpAddr) -> Vec<u8> {
    match ip {
        IpAddr::V4(v4) => v4.octets().to_vec(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.octets().to_vec(),
            None => v6.octets()[..7].to_vec(),
        },
    }
}

/// HMAC-SHA-256 of `data` under `key`, in hex.
pub fn keyed(key: &[u8], data: &[u8]) -> String {
    // HMAC takes a key of any length: this cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(data);
    verdicts_catalog::vote_proof::to_hex(&mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks() {
        let v4 = |s: &str| network_of(s.parse().unwrap_or(IpAddr::from([0, 0, 0, 0])));
        assert_eq!(v4("203.0.113.7"), vec![203, 0, 113, 7]);
        assert_eq!(v4("::ffff:203.0.113.7"), vec![203, 0, 113, 7], "mapped IPv4 is the IPv4 address");
        assert_eq!(v4("2001:db8:aa:bb01::1"), v4("2001:db8:aa:bbff:ffff::9"), "one /56");
        assert_ne!(v4("2001:db8:aa:bb00::1"), v4("2001:db8:aa:bc00::1"), "the next /56");
        assert_eq!(v4("2001:db8:aa:bb01::1").len(), 7);
    }

    #[test]
    fn keyed_hashes_depend_on_the_key() {
        // RFC 4231, test case 2.
        assert_eq!(
            keyed(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_ne!(keyed(b"day 1", &[10, 0, 0, 1]), keyed(b"day 2", &[10, 0, 0, 1]));
    }
}
