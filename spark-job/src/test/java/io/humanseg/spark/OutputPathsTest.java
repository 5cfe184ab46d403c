package io.humanseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

class OutputPathsTest {
  @Test
  void outputsMirrorTheInputs() {
    assertEquals("a/b/c.jpg", OutputPaths.relative("file:/in", "file:/in/a/b/c.jpg"));
    assertEquals("other/c.jpg", OutputPaths.relative("file:/in", "file:/other/c.jpg"));
    assertEquals("s3a://bucket/out/a/c.png", OutputPaths.output("s3a://bucket/out", "s3a://bucket/in",
        "s3a://bucket/in/a/c.jpeg"));
    assertEquals("file:/out/x.png", OutputPaths.output("file:/out", "file:/in", "file:/in/x"));
    assertEquals("file:/out/x.png", OutputPaths.output("file:/out/", "file:/in", "file:/in/x.JPG"));
  }

  @Test
  void namesThatLookLikeUrisStayNames() {
    String out = OutputPaths.output("file:/out", "file:/in", "file:/in/a/colon:name.jpg");
    assertEquals("file:/out/a/colon:name.png", out);
    // What the task does with it: a Hadoop path of that file, not of a scheme called "colon".
    assertEquals("/out/a/colon:name.png", new Path(out).toUri().getPath());
    assertEquals("s3a://b/out/x:y/z:w.png", OutputPaths.output("s3a://b/out", "s3a://b/in", "s3a://b/in/x:y/z:w.webp"));
    assertEquals("hdfs://nn:8020/out/in/1:2.png", OutputPaths.output("hdfs://nn:8020/out", null, "hdfs://nn:8020/in/1:2.gif"));
  }
}
