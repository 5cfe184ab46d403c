package io.humanseg.server.fetch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.util.List;

/** Name to addresses, without blocking the event loop. A seam, so that tests can resolve names without DNS. */
@FunctionalInterface
public interface HostResolver {
  /** All addresses of {@code host} (never an IP literal); fails with UnknownHostException when there are none. */
  Future<List<InetAddress>> resolve(String host);

  /**
   * The JVM's resolver (hosts file, then DNS, with the JVM's cache) on a worker thread. Unordered, so that one slow
   * lookup does not queue the others behind it.
   */
  static HostResolver system(Vertx vertx) {
    return host -> vertx.executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false);
  }
}
