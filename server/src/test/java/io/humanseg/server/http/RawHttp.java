package io.humanseg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 spoken by hand over a socket, for what java.net.http will not send: malformed requests, conflicting
 * framing headers, a body held back or never finished.
 */
final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;

  /** One answer: status, headers in lower case, body. */
  record Answer(int status, String head, String body) {
    JsonObject error() {
      return new JsonObject(body).getJsonObject("error");
    }

    /** Status, JSON Content-Type and the {@code {"error": {"code", "message"}}} body. */
    void assertError(int expectedStatus, String code) {
      assertEquals(expectedStatus, status, head + body);
      assertEquals(true, head.contains("content-type: application/json"), head);
      assertEquals(code, error().getString("code"), body);
      assertNotNull(error().getString("message"));
    }
  }

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(60_000); // a hang fails the test instead of stalling it
    in = socket.getInputStream();
  }

  RawHttp send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawHttp send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return this;
  }

  /** Reads one answer framed by its Content-Length. */
  Answer read() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after " + head.size() + " bytes of an answer: " + head);
      }
      head.write(b);
    }
    String h = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    int status = Integer.parseInt(h.substring(9, 12));
    int length = 0;
    for (String line : h.split("\r\n")) {
      if (line.startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    byte[] body = in.readNBytes(length);
    return new Answer(status, h, new String(body, StandardCharsets.UTF_8));
  }

  /** True when the server closed the connection (read returns end of stream). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (java.net.SocketException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
