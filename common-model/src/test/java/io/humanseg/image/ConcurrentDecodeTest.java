package io.humanseg.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One decoder shared by many threads gives exactly the single-threaded results, for every backend and path. */
class ConcurrentDecodeTest {
  private static final int THREADS = 8;
  private static final int DECODES_PER_THREAD = 50;

  private record Request(byte[] data, int minWidth, int minHeight) {}

  @Test
  void concurrentDecodesMatchSingleThreadedOnes() throws Exception {
    ImageDecoder decoder = new ImageDecoder();
    byte[] jpeg = TestImages.jpeg(TestImages.gradient(640, 480), false);
    byte[] progressive = TestImages.jpeg(TestImages.gradient(480, 320), true);
    byte[] turned = TestImages.withExif(jpeg, TestImages.exifTiff(6, ByteOrder.BIG_ENDIAN));
    List<Request> requests = List.of(
        new Request(jpeg, 0, 0), new Request(jpeg, 160, 120), new Request(jpeg, 300, 200),
        new Request(progressive, 0, 0), new Request(progressive, 100, 100),
        new Request(turned, 0, 0), new Request(turned, 100, 100),
        new Request(TestImages.cmykJpeg(96, 64, true), 0, 0),
        new Request(TestImages.png(TestImages.gradient(300, 200)), 0, 0),
        new Request(TestImages.bmp(TestImages.gradient(200, 100)), 0, 0),
        new Request(TestImages.gif(TestImages.palette(120, 80, false)), 0, 0),
        new Request(TestImages.webp(TestImages.gradient(240, 160), false), 0, 0),
        new Request(TestImages.webp(TestImages.gradient(240, 160), true), 0, 0));
    List<RgbImage> expected = new ArrayList<>();
    for (Request r : requests) {
      expected.add(decoder.decode(r.data(), r.minWidth(), r.minHeight()));
    }

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Random random = new Random(t);
        results.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < DECODES_PER_THREAD; i++) {
            int k = random.nextInt(requests.size());
            Request r = requests.get(k);
            RgbImage actual = decoder.decode(r.data(), r.minWidth(), r.minHeight());
            assertEquals(expected.get(k).width(), actual.width());
            assertEquals(expected.get(k).height(), actual.height());
            assertArrayEquals(expected.get(k).rgb(), actual.rgb(), "request " + k);
          }
          return DECODES_PER_THREAD;
        }));
      }
      start.countDown();
      int done = 0;
      for (Future<Integer> result : results) {
        done += result.get(5, TimeUnit.MINUTES);
      }
      assertEquals(THREADS * DECODES_PER_THREAD, done);
    } finally {
      pool.shutdownNow();
    }
  }
}
