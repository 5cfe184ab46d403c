package io.humanseg.model.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.TensorType;

/** Graphs the converter must refuse, with a message that names the culprit. */
class UnsupportedInputTest {
  private final TfliteToOnnxConverter converter = new TfliteToOnnxConverter();

  @Test
  void customOperatorIsNamed() {
    TinyTflite g = new TinyTflite();
    int x = g.input("x", 1, 4, 4, 3);
    int y = g.tensor("y", TensorType.FLOAT32, 1, 4, 4, 3);
    byte[] model = g.customOp("Frobnicate", new int[] {x}, new int[] {y}, new byte[] {1, 2, 3}).outputs(y).build();

    UnsupportedOperatorException e = assertThrows(UnsupportedOperatorException.class,
        () -> converter.convert(model, ConversionOptions.defaults()));
    assertEquals("Frobnicate", e.operator());
    assertEquals(0, e.operatorIndex());
    assertTrue(e.getMessage().startsWith("TFLite custom operator 'Frobnicate' at #0 is not supported"),
        e.getMessage());
  }

  @Test
  void builtinOperatorIsNamedWithCodeAndPosition() {
    TinyTflite g = new TinyTflite();
    int x = g.input("x", 1, 4, 4, 2);
    int r = g.tensor("r", TensorType.FLOAT32, 1, 4, 4, 2);
    int axis = g.intConstant("axis", 3);
    int a = g.tensor("a", TensorType.FLOAT32, 1, 4, 4, 1);
    int b = g.tensor("b", TensorType.FLOAT32, 1, 4, 4, 1);
    byte[] model = g.op(BuiltinOperator.RELU, new int[] {x}, new int[] {r})
        .op(BuiltinOperator.SPLIT, new int[] {axis, r}, new int[] {a, b})
        .outputs(a, b).build();

    UnsupportedOperatorException e = assertThrows(UnsupportedOperatorException.class,
        () -> converter.convert(model, ConversionOptions.defaults()));
    assertEquals("SPLIT", e.operator());
    assertTrue(e.getMessage().startsWith("TFLite operator SPLIT (builtin 49) at #1 is not supported"),
        e.getMessage());
  }

  @Test
  void nonFloatGraphInputIsRejected() {
    TinyTflite g = new TinyTflite();
    int x = g.tensor("x_int8", TensorType.INT8, 1, 4, 4, 3);
    int y = g.tensor("y", TensorType.INT8, 1, 4, 4, 3);
    byte[] model = g.inputs(x).op(BuiltinOperator.RELU, new int[] {x}, new int[] {y}).outputs(y).build();

    UnsupportedTensorTypeException e = assertThrows(UnsupportedTensorTypeException.class,
        () -> converter.convert(model, ConversionOptions.defaults()));
    assertTrue(e.getMessage().contains("graph input 'x_int8'") && e.getMessage().contains("INT8"), e.getMessage());
  }

  @Test
  void quantizedOperandIsRejected() {
    TinyTflite g = new TinyTflite();
    int x = g.input("x", 1, 2, 2, 3);
    int c = g.constant("scale_int8", TensorType.INT8, new int[] {3}, new byte[] {1, 2, 3});
    int y = g.tensor("y", TensorType.FLOAT32, 1, 2, 2, 3);
    byte[] model = g.op(BuiltinOperator.MUL, new int[] {x, c}, new int[] {y}).outputs(y).build();

    UnsupportedTensorTypeException e = assertThrows(UnsupportedTensorTypeException.class,
        () -> converter.convert(model, ConversionOptions.defaults()));
    assertTrue(e.getMessage().contains("MUL") && e.getMessage().contains("scale_int8")
        && e.getMessage().contains("INT8"), e.getMessage());
  }

  @Test
  void notAFlatbuffer() {
    TfliteConversionException e = assertThrows(TfliteConversionException.class,
        () -> converter.convert(ByteBuffer.wrap("definitely not a model".getBytes()), ConversionOptions.defaults()));
    assertTrue(e.getMessage().contains("TFL3"), e.getMessage());
  }

  @Test
  void unknownExtraOutput() {
    TinyTflite g = new TinyTflite();
    int x = g.input("x", 1, 2, 2, 1);
    int y = g.tensor("y", TensorType.FLOAT32, 1, 2, 2, 1);
    byte[] model = g.op(BuiltinOperator.RELU, new int[] {x}, new int[] {y}).outputs(y).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> converter.convert(model, ConversionOptions.defaults().withExtraOutputs(List.of("nope"))));
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
  }
}
