//! The addresses participants can reach this machine at, for the join line.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The addresses a server bound to `bind` answers on, as participants would type them:
/// the bound address itself, or for an unspecified one (`0.0.0.0`, `::`) this machine's
/// network addresses (loopback only when there is nothing else).
pub fn reachable(bind: IpAddr) -> Vec<IpAddr> {
    if !bind.is_unspecified() {
        return vec![bind];
    }
    let want_v6 = bind.is_ipv6();
    let mut found: Vec<IpAddr> = interface_addresses()
        .into_iter()
        .filter(|a| !a.is_loopback() && !a.is_unspecified())
        .filter(|a| match a {
            IpAddr::V4(_) => true,
            // Link-local addresses need a zone that a join line cannot carry.
            IpAddr::V6(v6) => want_v6 && (v6.segments()[0] & 0xffc0) != 0xfe80,
        })
        .collect();
    found.sort();
    found.dedup();
    if found.is_empty() {
        found.push(if want_v6 {
            IpAddr::V6(Ipv6Addr::LOCALHOST)
        } else {
            IpAddr::V4(Ipv4Addr::LOCALHOST)
        });
    }
    found
}

/// `ssh -p 2222 K7QF9M@192.168.1.20` (no `-p` for port 22).
pub fn join_line(code: &str, address: IpAddr, port: u16) -> String {
    let port = if port == 22 {
        String::new()
    } else {
        format!("-p {port} ")
    };
    format!("ssh {port}{code}@{address}")
}

#[cfg(unix)]
fn interface_addresses() -> Vec<IpAddr> {
    let mut list: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs fills `list` with a linked list that freeifaddrs releases; every
    // pointer is checked before it is read, and nothing is kept past freeifaddrs.
    unsafe {
        if libc::getifaddrs(&mut list) != 0 {
            return Vec::new();
        }
        let mut addresses = Vec::new();
        let mut entry = list;
        while !entry.is_null() {
            let address = (*entry).ifa_addr;
            if !address.is_null() {
                match i32::from((*address).sa_family) {
                    libc::AF_INET => {
                        let v4 = &*(address as *const libc::sockaddr_in);
                        addresses
                            .push(IpAddr::V4(Ipv4Addr::from(u32::from_be(v4.sin_addr.s_addr))));
                    }
                    libc::AF_INET6 => {
                        let v6 = &*(address as *const libc::sockaddr_in6);
                        addresses.push(IpAddr::V6(Ipv6Addr::from(v6.sin6_addr.s6_addr)));
                    }
                    _ => {}
                }
            }
            entry = (*entry).ifa_next;
        }
        libc::freeifaddrs(list);
        addresses
    }
}

#[cfg(not(unix))]
fn interface_addresses() -> Vec<IpAddr> {
    Vec::new()
}
