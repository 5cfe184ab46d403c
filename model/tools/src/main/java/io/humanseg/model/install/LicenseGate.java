package io.humanseg.model.install;

import io.humanseg.card.ModelCard;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a model may be fetched: an opt-in model only once the user has named its licence with
 * {@code --accept-license <SPDX id>}. Built-in models (Apache-2.0, shipped in the jar) need nothing.
 *
 * <p>Why a flag rather than a prompt: fetches run in scripts and image builds, and the flag leaves a record of
 * the decision in them. Naming the licence, not just saying yes, means a later change of a model's licence
 * is not accepted by an old command line.
 */
public final class LicenseGate {
  /** The flag that accepts a licence. */
  public static final String FLAG = "--accept-license";

  /** What accepting a licence obliges a user to, in one clause, for the licences of opt-in models. */
  private static final Map<String, String> OBLIGATIONS =
      Map.of(
          "AGPL-3.0",
          "copyleft: running it in a network service obliges you to offer that service's complete source to its"
              + " users");

  private LicenseGate() {}

  /**
   * Empty when {@code template} may be fetched, else the one line that explains why not.
   *
   * @param optIn whether the template is an opt-in one
   * @param accepted the value of {@link #FLAG}, or null when it was not given
   */
  public static Optional<String> refusal(ModelCard template, boolean optIn, String accepted) {
    String license = template.license();
    if (!optIn || license.equalsIgnoreCase(accepted == null ? "" : accepted.trim())) {
      return Optional.empty();
    }
    String obligation = OBLIGATIONS.getOrDefault(license, "read its terms before you use it");
    String given = accepted == null ? "" : FLAG + " " + accepted + " does not accept it; ";
    return Optional.of(
        String.format(
            "%s is licensed %s (%s; humanseg never bundles it): %sto fetch it, add %s %s",
            template.name(), license, obligation, given, FLAG, license));
  }

  /** The command line that fetches an opt-in model. */
  public static String fetchCommand(ModelCard template) {
    return "models fetch " + template.name() + " " + FLAG + " " + template.license();
  }
}
