package io.humanseg.server.http;

/** What the server listens on. */
public record ServerConfig(String host, int port) {}
