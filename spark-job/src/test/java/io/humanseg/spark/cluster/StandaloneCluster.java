package io.humanseg.spark.cluster;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on loopback made of Spark's own classes, each in its own JVM: a {@code Master}, a
 * {@code Worker} (which starts executor JVMs), and {@code SparkSubmit} for each application, in client mode.
 * Spark's jars are the ones Maven resolved for the tests, linked into a {@code SPARK_HOME/jars} folder the way
 * a Spark distribution has them, less every library the application jar bundles: the executors then load the
 * job's classes and natives from the jar alone, as on a real cluster.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");

  /** A JVM started by the cluster, with its output kept for assertions and failure messages. */
  static final class Jvm {
    final String name;
    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();

    Jvm(String name, Process process) {
      this.name = name;
      this.process = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (IOException e) {
          lines.add("(output lost: " + e + ")");
        }
      }, name + "-output");
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits until a line matches; fails with the output so far if the JVM ends first or time runs out. */
    String await(Predicate<String> line, long seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline) {
        for (String l : lines) {
          if (line.test(l)) {
            return l;
          }
        }
        if (!process.isAlive() && process.waitFor(200, TimeUnit.MILLISECONDS)) {
          // Read what is left before giving up.
          Thread.sleep(200);
          for (String l : lines) {
            if (line.test(l)) {
              return l;
            }
          }
          throw new IllegalStateException(name + " ended with " + process.exitValue() + ":\n" + output());
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException(name + ": the expected line did not come within " + seconds + " s:\n" + output());
    }

    long count(Predicate<String> line) {
      return lines.stream().filter(line).count();
    }

    /** Waits until at least {@code n} lines match (a hang guard, not a speed bound). */
    void awaitCount(Predicate<String> line, long n, long seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (count(line) < n) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(name + ": expected " + n + " matching lines within " + seconds + " s:\n"
              + output());
        }
        Thread.sleep(100);
      }
    }

    String output() {
      return String.join("\n", lines);
    }
  }

  private final Path dir;
  private final Path sparkHome;
  private final List<Jvm> jvms = new ArrayList<>();
  private final String masterUrl;
  final Jvm master;
  final Jvm worker;

  /**
   * @param dir an empty folder for the Spark home, the worker's folders and logs
   * @param applicationJar the jar that will be submitted; what it bundles is left out of Spark's classpath
   */
  StandaloneCluster(Path dir, Path applicationJar, int workerCores, String workerMemory)
      throws IOException, InterruptedException {
    this.dir = dir;
    this.sparkHome = dir.resolve("spark-home");
    linkSparkJars(sparkHome.resolve("jars"), bundledArtifacts(applicationJar));
    master = start("master", List.of("org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0"));
    Matcher m = MASTER_URL.matcher(master.await(l -> MASTER_URL.matcher(l).find(), 120));
    m.find();
    masterUrl = m.group(1);
    Files.createDirectories(dir.resolve("work"));
    worker = start("worker", List.of("org.apache.spark.deploy.worker.Worker",
        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", String.valueOf(workerCores),
        "--memory", workerMemory, "--work-dir", dir.resolve("work").toString(), masterUrl));
    worker.await(l -> l.contains("Successfully registered with master"), 120);
  }

  String masterUrl() {
    return masterUrl;
  }

  /** Starts {@code SparkSubmit} in client mode: this JVM is the application's driver. */
  Jvm submit(String name, Path jar, String mainClass, List<String> conf, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit",
        "--master", masterUrl, "--deploy-mode", "client", "--class", mainClass));
    for (String c : conf) {
      command.add("--conf");
      command.add(c);
    }
    command.add(jar.toString());
    command.addAll(args);
    return start(name, command);
  }

  private Jvm start(String name, List<String> mainAndArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    // What Spark's launch scripts pass on JDK 17.
    command.addAll(List.of(JavaModuleOptions.defaultModuleOptions().split(" ")));
    command.add("-cp");
    command.add(sparkHome.resolve("jars") + File.separator + "*");
    command.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOG_DIR", dir.resolve("logs").toString());
    Jvm jvm = new Jvm(name, pb.start());
    jvms.add(jvm);
    return jvm;
  }

  /** group:artifact of every library shaded into the jar (from the Maven metadata it keeps). */
  private static Set<String> bundledArtifacts(Path jar) throws IOException {
    Set<String> artifacts = new HashSet<>();
    Pattern pom = Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");
    try (JarFile j = new JarFile(jar.toFile())) {
      j.stream().forEach(e -> {
        Matcher m = pom.matcher(e.getName());
        if (m.matches()) {
          artifacts.add(m.group(2));
        }
      });
    }
    if (artifacts.isEmpty()) {
      throw new IllegalStateException(jar + " has no Maven metadata of the libraries it bundles");
    }
    return artifacts;
  }

  /**
   * Links the test class path's jars (Spark, its dependencies, and test libraries, which do no harm) into
   * {@code jars}, except humanseg's own and those the application jar bundles: a jar in the local Maven
   * repository sits at {@code .../ARTIFACT/VERSION/ARTIFACT-VERSION[-CLASSIFIER].jar}.
   */
  private static void linkSparkJars(Path jars, Set<String> bundled) throws IOException {
    Files.createDirectories(jars);
    int linked = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (!entry.endsWith(".jar") || !Files.isRegularFile(p) || p.getFileName().toString().startsWith("humanseg-")) {
        continue;
      }
      Path versionDir = p.getParent();
      String artifact = versionDir != null && versionDir.getParent() != null
          ? versionDir.getParent().getFileName().toString() : "";
      if (bundled.contains(artifact)) {
        continue;
      }
      Path link = jars.resolve(p.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, p.toAbsolutePath());
        linked++;
      }
    }
    if (linked < 50) {
      throw new IllegalStateException("only " + linked + " jars found for Spark on the test class path");
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (int i = jvms.size() - 1; i >= 0; i--) {
      Process p = jvms.get(i).process;
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
