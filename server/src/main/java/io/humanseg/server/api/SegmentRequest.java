package io.humanseg.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.humanseg.encode.Background;
import io.humanseg.encode.OutputFormat;
import io.humanseg.encode.OutputKind;
import io.humanseg.encode.SubjectCrop;
import io.humanseg.segment.SegmentOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One segmentation request, parsed and checked on the event loop (cheap: no base64 decoding, no image work).
 * Exactly one source: {@code url} (wins when both are given, like the seed) or the still-encoded {@code img}, or
 * a raw body handed in later.
 *
 * @param url http, https or s3 URL of the photo, or null
 * @param img base64 of the photo (data: prefix already stripped), or null
 * @param segment model and refinement choices
 * @param output what to send back
 */
public record SegmentRequest(String url, String img, SegmentOptions segment, Output output) {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  /**
   * Vert.x's own parser keeps Jackson's default cap of 20 M characters per string, less than the base64 of an image
   * at the size limit. Here the request body limit is the only bound on a string, as it is on the whole body.
   */
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
      .build();
  /** Model names are folder names; longer ones are refused before any lookup. */
  static final int MAX_MODEL_NAME = 128;

  /**
   * What to encode. {@code format} is null when the client did not choose: then Accept, else PNG for alpha and
   * cut-outs and JPEG for composites. A composite uses at most one of image URL, blur and colour, in that order.
   */
  public record Output(OutputKind kind, OutputFormat format, Background.Color color, String backgroundUrl,
      Double blur, SubjectCrop crop, int quality) {
    public static Output alpha() {
      return new Output(OutputKind.ALPHA, OutputFormat.PNG, null, null, null, null, 0);
    }
  }

  /** The seed's body: {@code {"url"}} or {@code {"img"}}; other fields are ignored, as the seed did. */
  public static SegmentRequest seed(String body) {
    JsonObject json = parseJson(body);
    return new SegmentRequest(str(json, "url"), image(json), SegmentOptions.defaults(), Output.alpha());
  }

  /** {@code /v1/segment}'s JSON: the seed's fields plus options. */
  public static SegmentRequest extended(String body) {
    JsonObject json = parseJson(body);
    Function<String, String> get = k -> {
      Object v = json.getValue(k);
      return v == null ? null : String.valueOf(v);
    };
    return new SegmentRequest(str(json, "url"), image(json), segment(get), output(get));
  }

  /** A raw or multipart upload: the options come from query parameters or form fields. */
  public static SegmentRequest upload(Function<String, String> params) {
    return new SegmentRequest(null, null, segment(params), output(params));
  }

  public boolean hasSource() {
    return url != null || img != null;
  }

  /** The image bytes of {@code img}; runs on a worker, since a large image takes tens of milliseconds. */
  public static byte[] decodeBase64(String img) {
    try {
      return Base64.getDecoder().decode(img);
    } catch (IllegalArgumentException e) {
      try {
        // Line-wrapped base64 (e.g. from `base64` without -w0) is still base64.
        return Base64.getDecoder().decode(WHITESPACE.matcher(img).replaceAll(""));
      } catch (IllegalArgumentException again) {
        throw ApiError.badRequest("BAD_BASE64", "img is not valid base64: " + again.getMessage());
      }
    }
  }

  private static JsonObject parseJson(String body) {
    if (body == null || body.isBlank()) {
      throw ApiError.badRequest("BAD_JSON", "the body must be a JSON object with \"url\" or \"img\"");
    }
    try (JsonParser parser = JSON.createParser(body)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = JacksonCodec.fromParser(parser, Map.class);
      return new JsonObject(map);
    } catch (IOException | DecodeException | ClassCastException e) {
      throw ApiError.badRequest("BAD_JSON", "the body is not a JSON object");
    }
  }

  private static String str(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw ApiError.badRequest("BAD_PARAMETER", "\"" + key + "\" must be a string");
    }
    return s.isEmpty() ? null : s;
  }

  /** {@code img} without its {@code data:image/...;base64,} prefix, if it has one. */
  private static String image(JsonObject json) {
    String img = str(json, "img");
    if (img != null && img.startsWith("data:")) {
      int comma = img.indexOf(',');
      if (comma < 0 || !img.substring(0, comma).endsWith(";base64")) {
        throw ApiError.badRequest("BAD_BASE64", "a data: URL in img must be base64 (data:<type>;base64,<data>)");
      }
      img = img.substring(comma + 1);
    }
    return img;
  }

  private static SegmentOptions segment(Function<String, String> get) {
    SegmentOptions options = SegmentOptions.defaults();
    String model = get.apply("model");
    if (model != null && model.length() > MAX_MODEL_NAME) {
      // No installed model has such a name; refusing it here keeps it out of the unknown-model message.
      throw ApiError.badRequest("BAD_PARAMETER", "model: a name of at most " + MAX_MODEL_NAME + " characters, not "
          + ApiError.shown(model));
    }
    if (model != null && !model.isBlank()) {
      options = options.withModel(model);
    }
    String refine = get.apply("refine");
    if (refine != null) {
      options = options.withRefine(bool("refine", refine));
    }
    // Absent: the model card's choice (on for the built-in models, off for isnet).
    String secondPass = get.apply("second_pass");
    return secondPass == null ? options : options.withSecondPass(bool("second_pass", secondPass));
  }

  private static Output output(Function<String, String> get) {
    OutputKind kind = get.apply("output") == null ? OutputKind.ALPHA
        : badParameter(() -> OutputKind.parse(get.apply("output")));
    OutputFormat format = get.apply("format") == null ? null
        : badParameter(() -> OutputFormat.parse(get.apply("format")));
    Background.Color color = null;
    String bgColor = get.apply("bg_color");
    if (bgColor != null) {
      try {
        color = Background.Color.parse(bgColor);
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("BAD_PARAMETER", "bg_color: " + ApiError.shown(e.getMessage()));
      }
    }
    String bgUrl = get.apply("bg_image_url");
    Double blur = get.apply("bg_blur") == null ? null : number("bg_blur", get.apply("bg_blur"), 0.01, 1000);
    boolean wantsBackground = color != null || bgUrl != null || blur != null;
    if (wantsBackground && kind != OutputKind.COMPOSITE) {
      throw ApiError.badRequest("BAD_PARAMETER", "bg_color, bg_image_url and bg_blur need output=composite");
    }
    SubjectCrop crop = null;
    if (get.apply("crop") != null && bool("crop", get.apply("crop"))) {
      String margin = get.apply("crop_margin");
      String marginPx = get.apply("crop_margin_px");
      crop = new SubjectCrop(margin == null ? 0 : number("crop_margin", margin, 0, 10),
          marginPx == null ? 0 : (int) number("crop_margin_px", marginPx, 0, 10_000));
    }
    int quality = get.apply("quality") == null ? 0 : (int) number("quality", get.apply("quality"), 1, 100);
    if (format != null) {
      badParameter(() -> {
        kind.requireCarries(format);
        return format;
      });
    }
    return new Output(kind, format, color, bgUrl, blur, crop, quality);
  }

  /** The value, or the encode library's IllegalArgumentException as a 400 BAD_PARAMETER with its message. */
  private static <T> T badParameter(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("BAD_PARAMETER", e.getMessage());
    }
  }

  private static boolean bool(String key, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "on", "yes" -> true;
      case "false", "0", "off", "no" -> false;
      default -> throw ApiError.badRequest("BAD_PARAMETER",
          key + " must be true or false, not '" + ApiError.shown(value) + "'");
    };
  }

  private static double number(String key, String value, double min, double max) {
    try {
      double d = Double.parseDouble(value);
      if (d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ApiError.badRequest("BAD_PARAMETER",
        key + " must be a number in " + min + ".." + max + ", not '" + ApiError.shown(value) + "'");
  }
}
