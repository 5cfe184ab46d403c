package io.humanseg.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The columns of the manifest: one row per input, whatever became of it. */
final class Manifest {
  static final String PATH = "path";
  static final String OUTPUT = "output";
  static final String STATUS = "status";
  static final String ERROR_CODE = "error_code";
  static final String MESSAGE = "message";
  static final String MASK = "mask";
  static final String CONFIDENCE = "confidence";

  static final String OK = "ok";
  static final String ERROR = "error";

  /** Error codes beside the decoder's ({@link io.humanseg.image.ImageErrorCode}). */
  static final String NOT_FOUND = "NOT_FOUND";
  static final String FAILED = "FAILED";
  static final String READ_FAILED = "READ_FAILED";
  static final String WRITE_FAILED = "WRITE_FAILED";
  static final String BAD_PATH = "BAD_PATH";

  /** Without the mask column. */
  static final StructType SCHEMA = new StructType()
      .add(PATH, DataTypes.StringType, false)
      .add(OUTPUT, DataTypes.StringType, true)
      .add(STATUS, DataTypes.StringType, false)
      .add(ERROR_CODE, DataTypes.StringType, true)
      .add(MESSAGE, DataTypes.StringType, true)
      .add("width", DataTypes.IntegerType, true)
      .add("height", DataTypes.IntegerType, true)
      .add("foreground_fraction", DataTypes.DoubleType, true)
      .add("bbox_left", DataTypes.IntegerType, true)
      .add("bbox_top", DataTypes.IntegerType, true)
      .add("bbox_width", DataTypes.IntegerType, true)
      .add("bbox_height", DataTypes.IntegerType, true)
      .add("model", DataTypes.StringType, true)
      // How far to trust the mask (0..1, predicts its IoU): route the lowest to review. Null for error rows.
      .add(CONFIDENCE, DataTypes.DoubleType, true)
      .add("millis", DataTypes.DoubleType, false);

  /** With the encoded mask (PNG bytes), for {@code --output-format parquet}. */
  static final StructType WITH_MASK = SCHEMA.add(MASK, DataTypes.BinaryType, true);

  private Manifest() {}
}
