package io.humanseg.model.convert;

import com.google.flatbuffers.Table;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Supplier;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.Operator;

/**
 * One operator of the TFLite subgraph, with its resolved operator code.
 *
 * @param index       position in the subgraph's execution order
 * @param builtinCode the {@link BuiltinOperator} code ({@code CUSTOM} for custom operators)
 * @param customCode  the custom operator's name, or {@code null}
 * @param inputs      tensor indices; -1 marks an omitted optional input
 */
record TfliteOperator(int index, int builtinCode, String customCode, int[] inputs, int[] outputs, Operator raw) {

  boolean isCustom() {
    return builtinCode == BuiltinOperator.CUSTOM;
  }

  /** The builtin name, or the custom code for custom operators: the key of the operator histogram. */
  String name() {
    return isCustom() ? String.valueOf(customCode) : builtinName(builtinCode);
  }

  static String builtinName(int code) {
    return code >= 0 && code < BuiltinOperator.names.length ? BuiltinOperator.name(code) : "BUILTIN_" + code;
  }

  /** Human-readable identification for error messages. */
  String describe() {
    return isCustom()
        ? "TFLite custom operator '" + customCode + "' at #" + index
        : "TFLite operator " + name() + " (builtin " + builtinCode + ") at #" + index;
  }

  int input(int i) {
    return inputs[i];
  }

  boolean hasInput(int i) {
    return i < inputs.length && inputs[i] >= 0;
  }

  int output(int i) {
    return outputs[i];
  }

  /**
   * The builtin options table, checked against the expected union type. Absent options would leave strides
   * at 0 and padding at SAME by flatbuffer defaults, which silently changes the op, so they are an error.
   */
  <T extends Table> T options(Supplier<T> factory, byte expectedType) {
    byte type = raw.builtinOptionsType();
    if (type != expectedType) {
      throw new TfliteConversionException(describe() + " has builtin options of type "
          + optionsName(type) + ", expected " + optionsName(expectedType));
    }
    @SuppressWarnings("unchecked")
    T table = (T) raw.builtinOptions(factory.get());
    if (table == null) {
      throw new TfliteConversionException(describe() + " lacks its builtin options");
    }
    return table;
  }

  /** Like {@link #options} but returns {@code null} when the operator carries no options at all. */
  <T extends Table> T optionalOptions(Supplier<T> factory, byte expectedType) {
    if (raw.builtinOptionsType() == BuiltinOptions.NONE) {
      return null;
    }
    return options(factory, expectedType);
  }

  /** The custom options bytes, little-endian, possibly empty. */
  ByteBuffer customOptions() {
    ByteBuffer bb = raw.customOptionsAsByteBuffer();
    if (bb == null) {
      return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
    }
    return bb.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  private static String optionsName(byte type) {
    return type >= 0 && type < BuiltinOptions.names.length ? BuiltinOptions.name(type) : "#" + type;
  }
}
