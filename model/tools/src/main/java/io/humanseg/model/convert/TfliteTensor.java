package io.humanseg.model.convert;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.tensorflow.lite.schema.TensorType;

/**
 * One tensor of the TFLite subgraph.
 *
 * @param data the constant's bytes (little-endian, read-only view), or {@code null} for a tensor computed at run time
 */
record TfliteTensor(int index, String name, byte type, int[] shape, ByteBuffer data) {

  boolean isConstant() {
    return data != null;
  }

  int rank() {
    return shape.length;
  }

  long elementCount() {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  String typeName() {
    return type >= 0 && type < TensorType.names.length ? TensorType.name(type) : "type " + type;
  }

  /** For messages: the name, index and shape. */
  String describe() {
    return "'" + name + "' (#" + index + ", " + typeName() + " " + Arrays.toString(shape) + ")";
  }
}
