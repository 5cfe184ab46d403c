package io.humanseg.server.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (absent when run from classes). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"humanseg " + (v == null ? "(development build)" : v)};
  }
}
