package io.humanseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.util.VersionInfo;
import org.junit.jupiter.api.Test;

/** The Spark image of k8s/spark can read and write s3a:// with the Spark it runs. */
class SparkImageTest {
  private static final Path DOCKERFILE = Path.of("Dockerfile");

  @Test
  void hadoopAwsMatchesSparksHadoop() {
    // hadoop-aws must be the exact Hadoop version of Spark's hadoop-client jars, or s3a fails at run time.
    assertEquals(VersionInfo.getVersion(), System.getProperty("hadoop.version"),
        "the root pom's hadoop.version (hadoop-aws in the image) differs from the Hadoop of Spark "
            + System.getProperty("spark.version"));
  }

  @Test
  void theImageAddsTheS3aJarsToSparksClasspath() throws IOException {
    String dockerfile = Files.readString(DOCKERFILE);
    assertTrue(dockerfile.contains("-Ps3a"), "the build stage must package with -Ps3a");
    assertTrue(dockerfile.contains("COPY --from=build /src/spark-job/target/s3a/*.jar /opt/spark/jars/"),
        "the s3a jars must go to Spark's own jars folder");
    String spark = System.getProperty("spark.version");
    assertTrue(dockerfile.contains("FROM apache/spark:" + spark + "\n"),
        "the runtime image must be the Spark the job is built against, " + spark);
  }
}
