package io.humanseg.model.convert;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;

/** Reading ONNX files that are larger than protobuf's default 64 MB message limit. */
public final class OnnxProtos {
  private OnnxProtos() {}

  /**
   * Parses a serialized {@code ModelProto}. Tensor bytes alias {@code onnx} instead of being copied, so a
   * 100 MB model is not held twice while it is rewritten; {@code onnx} must not change afterwards.
   */
  public static ModelProto parse(byte[] onnx) {
    CodedInputStream in = CodedInputStream.newInstance(onnx);
    in.setSizeLimit(Integer.MAX_VALUE);
    in.enableAliasing(true);
    try {
      return ModelProto.parseFrom(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
    }
  }
}
