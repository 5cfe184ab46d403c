package io.humanseg.model.cli;

import io.humanseg.model.convert.ConversionOptions;
import io.humanseg.model.convert.ConversionResult;
import io.humanseg.model.convert.OnnxLayout;
import io.humanseg.model.convert.TfliteToOnnxConverter;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code humanseg models convert IN.tflite -o OUT.onnx}: our own TFLite to ONNX converter. */
@Command(
    name = "convert",
    description = "Convert a .tflite graph made of supported operators to .onnx.",
    mixinStandardHelpOptions = true)
final class ConvertCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IN.tflite")
  Path input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.onnx")
  Path output;

  @Option(names = "--layout", defaultValue = "NCHW", description = "ONNX tensor layout: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
  OnnxLayout layout;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ConversionResult result =
        new TfliteToOnnxConverter().convert(ByteBuffer.wrap(Files.readAllBytes(input)), ConversionOptions.of(layout));
    result.writeTo(output);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "wrote %s (%d bytes): input %s, output %s, operators %s%n",
        output, Files.size(output), result.input(), result.output(), result.operatorHistogram());
    out.flush();
    return 0;
  }
}
