package io.humanseg.server;

import io.humanseg.server.cli.HumansegCommand;
import picocli.CommandLine;

/** Entry point of humanseg.jar: {@code serve} (the default), {@code models}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = HumansegCommand.commandLine().execute(args.length == 0 ? new String[] {"serve"} : args);
    // serve keeps the JVM alive through Vert.x's threads; the other commands end here.
    if (code != 0 || !HumansegCommand.isServe(args)) {
      System.exit(code);
    }
  }
}
