package io.humanseg.server.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Only addresses are judged here; none of them is ever contacted. */
class AddressGuardTest {
  private static final AddressGuard GUARD = new AddressGuard(List.of());

  @ParameterizedTest(name = "{0} refused: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      127.0.0.1          | loopback
      127.255.255.254    | loopback
      ::1                | loopback
      ::ffff:127.0.0.1   | loopback
      ::ffff:10.0.0.1    | private
      10.1.2.3           | private
      172.16.0.1         | private
      172.31.255.255     | private
      192.168.1.1        | private
      169.254.169.254    | link-local (cloud metadata)
      fe80::1            | link-local
      febf::1            | link-local
      fc00::1            | unique-local
      fd12:3456::1       | unique-local
      0.0.0.0            | unspecified (this network)
      ::                 | unspecified
      100.64.0.1         | shared address space (CGNAT)
      100.127.255.255    | shared address space (CGNAT)
      224.0.0.1          | multicast
      239.255.255.250    | multicast
      ff02::1            | multicast
      255.255.255.255    | broadcast
      240.0.0.1          | reserved
      198.18.0.1         | benchmarking
      192.0.2.1          | documentation
      2001:db8::1        | documentation
      ::127.0.0.1        | IPv4-compatible (deprecated)
      ::10.0.0.1         | IPv4-compatible (deprecated)
      64:ff9b::7f00:1    | NAT64 loopback
      64:ff9b::a9fe:a9fe | NAT64 link-local (cloud metadata)
      64:ff9b:1::1       | local-use NAT64
      2002:a00:1::1      | 6to4 private
      2002:7f00:1::      | 6to4 loopback
      2001:0:4136:e378:8000:63bf:3fff:fdd2 | IETF protocol assignments (Teredo)
      fec0::1            | site-local (deprecated)
      """)
  void refusesNonPublicAddresses(String address, String reason) throws Exception {
    InetAddress a = InetAddress.getByName(address);
    assertFalse(GUARD.isAllowed(a), address);
    assertEquals(reason, GUARD.refusalReason(a).orElseThrow());
  }

  @ParameterizedTest(name = "{0} allowed")
  @CsvSource({
      "93.184.216.34",
      "8.8.8.8",
      "172.32.0.1",
      "100.128.0.1",
      "169.253.255.255",
      "2606:4700::6810:84e5",
      "::ffff:93.184.216.34",
      "64:ff9b::5db8:d822",
      "2002:5db8:d822::1"})
  void allowsPublicAddresses(String address) throws Exception {
    InetAddress a = InetAddress.getByName(address);
    assertTrue(GUARD.isAllowed(a), () -> address + " refused: " + GUARD.refusalReason(a));
  }

  @Test
  void allowlistOpensExactlyItsBlocks() throws Exception {
    AddressGuard guard = new AddressGuard(List.of(Cidr.parse("127.0.0.2/32"), Cidr.parse("fd00:1::/32")));
    assertTrue(guard.isAllowed(InetAddress.getByName("127.0.0.2")));
    assertTrue(guard.isAllowed(InetAddress.getByName("::ffff:127.0.0.2")));
    assertTrue(guard.isAllowed(InetAddress.getByName("fd00:1:ffff::1")));
    assertFalse(guard.isAllowed(InetAddress.getByName("127.0.0.1")));
    assertFalse(guard.isAllowed(InetAddress.getByName("127.0.0.3")));
    assertFalse(guard.isAllowed(InetAddress.getByName("fd00:2::1")));
    assertFalse(guard.isAllowed(InetAddress.getByName("169.254.169.254")));
  }
}
