package io.humanseg.server.fetch;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether the server may connect to an address on a client's behalf (the SSRF guard). Everything that is
 * not a globally routed unicast address is refused, unless the configured allowlist names it. Pure: no I/O, so the
 * caller resolves names and must then connect to exactly the address that was checked.
 */
public final class AddressGuard {
  private record Block(Cidr cidr, String reason) {}

  private static final List<Block> IPV4 = List.of(
      block("0.0.0.0/8", "unspecified (this network)"),
      block("10.0.0.0/8", "private"),
      block("100.64.0.0/10", "shared address space (CGNAT)"),
      block("127.0.0.0/8", "loopback"),
      block("169.254.0.0/16", "link-local (cloud metadata)"),
      block("172.16.0.0/12", "private"),
      block("192.0.0.0/24", "IETF protocol assignments"),
      block("192.0.2.0/24", "documentation"),
      block("192.88.99.0/24", "6to4 relay anycast"),
      block("192.168.0.0/16", "private"),
      block("198.18.0.0/15", "benchmarking"),
      block("198.51.100.0/24", "documentation"),
      block("203.0.113.0/24", "documentation"),
      block("224.0.0.0/4", "multicast"),
      block("255.255.255.255/32", "broadcast"),
      block("240.0.0.0/4", "reserved"));

  private static final List<Block> IPV6 = List.of(
      block("::/128", "unspecified"),
      block("::1/128", "loopback"),
      // IPv4-compatible addresses are deprecated and never routed; refusing the block is cheaper than unwrapping.
      block("::/96", "IPv4-compatible (deprecated)"),
      block("64:ff9b:1::/48", "local-use NAT64"),
      block("100::/64", "discard-only"),
      // IETF protocol assignments, Teredo (2001::/32) among them: Teredo hides an IPv4 address we cannot vet.
      block("2001::/23", "IETF protocol assignments (Teredo)"),
      block("2001:db8::/32", "documentation"),
      block("3fff::/20", "documentation"),
      block("fc00::/7", "unique-local"),
      block("fe80::/10", "link-local"),
      block("fec0::/10", "site-local (deprecated)"),
      block("ff00::/8", "multicast"));

  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

  private final List<Cidr> allowlist;

  public AddressGuard(List<Cidr> allowlist) {
    this.allowlist = List.copyOf(allowlist);
  }

  public boolean isAllowed(InetAddress address) {
    return refusalReason(address).isEmpty();
  }

  /** Why the address is refused ("loopback", ...), or empty when the server may connect to it. */
  public Optional<String> refusalReason(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (allowlist.stream().anyMatch(c -> c.contains(bytes))) {
      return Optional.empty();
    }
    return Optional.ofNullable(reservedReason(bytes));
  }

  private static String reservedReason(byte[] a) {
    if (a.length == 4) {
      return firstMatch(IPV4, a);
    }
    // Java already hands out ::ffff:a.b.c.d as an Inet4Address; raw bytes could still carry the mapped form.
    if (isIpv4Mapped(a)) {
      return embedded("IPv4-mapped", Arrays.copyOfRange(a, 12, 16));
    }
    String reason = firstMatch(IPV6, a);
    if (reason != null) {
      return reason;
    }
    // Translators reach the IPv4 address inside: judge that one.
    if (NAT64.contains(a)) {
      return embedded("NAT64", Arrays.copyOfRange(a, 12, 16));
    }
    if (SIX_TO_FOUR.contains(a)) {
      return embedded("6to4", Arrays.copyOfRange(a, 2, 6));
    }
    return null;
  }

  private static String embedded(String form, byte[] ipv4) {
    String inner = firstMatch(IPV4, ipv4);
    return inner == null ? null : form + " " + inner;
  }

  private static boolean isIpv4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  private static String firstMatch(List<Block> blocks, byte[] a) {
    for (Block b : blocks) {
      if (b.cidr().contains(a)) {
        return b.reason();
      }
    }
    return null;
  }

  private static Block block(String cidr, String reason) {
    return new Block(Cidr.parse(cidr), reason);
  }
}
