package io.humanseg.inference;

import java.util.List;

/** A request named a model that no provider has. */
public class UnknownModelException extends IllegalArgumentException {
  private final List<String> known;

  public UnknownModelException(String name, List<String> known) {
    super("unknown model '" + name + "'; known models: " + String.join(", ", known));
    this.known = List.copyOf(known);
  }

  public List<String> known() {
    return known;
  }
}
