package io.humanseg.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BandsTest {
  @Test
  void everyBandRunsOnceAndResultsComeInBandOrder() {
    // Whatever the core count: with one core the bands run one after another, and still all of them.
    AtomicInteger calls = new AtomicInteger();
    List<Integer> results = Bands.run(5, b -> {
      calls.incrementAndGet();
      return b * 10;
    });
    assertEquals(List.of(0, 10, 20, 30, 40), results);
    assertEquals(5, calls.get());
  }

  @Test
  void aFailingBandFailsTheCallAfterTheOthersFinished() {
    AtomicInteger finished = new AtomicInteger();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Bands.run(3, b -> {
      if (b == 1) {
        throw new IllegalStateException("band 1");
      }
      finished.incrementAndGet();
      return b;
    }));
    assertEquals("band 1", e.getMessage());
    assertEquals(2, finished.get());
  }

  @Test
  void bandStartsCoverTheRowsWithoutGapsOrOverlaps() {
    for (int bands = 1; bands <= 7; bands++) {
      assertEquals(0, Bands.start(0, bands, 1081));
      assertEquals(1081, Bands.start(bands, bands, 1081));
      for (int b = 0; b < bands; b++) {
        int size = Bands.start(b + 1, bands, 1081) - Bands.start(b, bands, 1081);
        assertEquals(1081 / bands, size, 1, "band " + b + " of " + bands);
      }
    }
  }

  @Test
  void aRequestCountsUntilClosedOnce() {
    Bands.Request closedTwice = Bands.request();
    closedTwice.close();
    closedTwice.close();
    // Two requests running: each may use half the cores (a second decrement above would leave one counted).
    try (Bands.Request a = Bands.request(); Bands.Request b = Bands.request()) {
      assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), Bands.now());
    }
  }
}
