package io.humanseg.server.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
  @Test
  void matchesItsBlockOnly() throws Exception {
    Cidr c = Cidr.parse("172.16.0.0/12");
    assertTrue(c.contains(InetAddress.getByName("172.16.0.1")));
    assertTrue(c.contains(InetAddress.getByName("172.31.255.255")));
    assertFalse(c.contains(InetAddress.getByName("172.32.0.0")));
    // Another family never matches.
    assertFalse(c.contains(InetAddress.getByName("2001:db8::1")));
  }

  @Test
  void bareAddressIsABlockOfOneAndHostBitsAreIgnored() throws Exception {
    assertEquals("127.0.0.2/32", Cidr.parse("127.0.0.2").toString());
    assertEquals("0:0:0:0:0:0:0:1/128", Cidr.parse("::1").toString());
    assertEquals("127.0.0.0/8", Cidr.parse("127.0.0.2/8").toString());
    assertEquals("fe80:0:0:0:0:0:0:0/10", Cidr.parse("[fe80::1]/10").toString());
    assertTrue(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8")));
    assertFalse(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("2606:4700::1")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "localhost", "example.com/32", "127.1", "2130706433", "256.0.0.1", "10.0.0.0/33",
      "::1/129", "10.0.0.0/-1", "10.0.0.0/", "1.2.3.4/8/8", "fe80::zz"})
  void refusesWhatIsNoBlock(String text) {
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
  }

  @Test
  void literalsNeverGoToDns() {
    assertNull(Cidr.parseLiteral("localhost"));
    assertNull(Cidr.parseLiteral("deadbeef"));
    assertEquals(4, Cidr.parseLiteral("10.1.2.3").length);
    assertEquals(16, Cidr.parseLiteral("[::1]").length);
  }
}
