package io.humanseg.server.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code fe80::/10}. A bare address is a block of one. Host bits
 * below the prefix are ignored, so {@code 127.0.0.2/8} is {@code 127.0.0.0/8}.
 */
public final class Cidr {
  // Four plain decimal parts only: InetAddress would also take "127.1" or a bare number, and anything that is
  // not a literal it would look up in DNS.
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private final byte[] network;
  private final int prefix;
  private final String text;

  private Cidr(byte[] network, int prefix) {
    this.prefix = prefix;
    this.network = mask(network, prefix);
    this.text = literal(this.network) + "/" + prefix;
  }

  /** Parses {@code address[/prefix]}; throws IllegalArgumentException on anything else. */
  public static Cidr parse(String cidr) {
    String s = cidr.strip();
    int slash = s.indexOf('/');
    String addressPart = slash < 0 ? s : s.substring(0, slash);
    byte[] address = parseLiteral(addressPart);
    if (address == null) {
      throw new IllegalArgumentException("not an IP address block: " + cidr);
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
        throw new IllegalArgumentException("bad prefix length in " + cidr + " (0.." + bits + ")");
      }
      prefix = Integer.parseInt(p);
    }
    return new Cidr(address, prefix);
  }

  /**
   * The bytes of an IPv4 (dotted quad) or IPv6 literal, brackets allowed; null when it is no literal. Never
   * queries DNS.
   */
  static byte[] parseLiteral(String text) {
    String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (IPV4.matcher(s).matches()) {
      String[] parts = s.split("\\.");
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        int v = Integer.parseInt(parts[i]);
        if (v > 255) {
          return null;
        }
        b[i] = (byte) v;
      }
      return b;
    }
    // With a colon, InetAddress takes the text as an IPv6 literal and never as a name.
    if (s.indexOf(':') >= 0 && IPV6.matcher(s).matches()) {
      try {
        return InetAddress.getByName(s).getAddress();
      } catch (UnknownHostException e) {
        return null;
      }
    }
    return null;
  }

  public boolean contains(InetAddress address) {
    return contains(address.getAddress());
  }

  boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    return java.util.Arrays.equals(mask(address, prefix), network);
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] &= (byte) (0xff << (8 - keep));
    }
    return out;
  }

  private static String literal(byte[] address) {
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
