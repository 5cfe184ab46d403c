package io.humanseg.server.work;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request bytes the server holds at once, across all requests. A request reserves its body's size before the
 * body is read (its declared length, or chunk by chunk when it has none) and gives it back when it ends; a
 * reservation that would pass the budget fails, and the request is refused instead of buffered. This is what keeps
 * many large uploads from filling the heap: the worker queue bounds work, this bounds memory.
 */
public final class ByteBudget {
  private final long capacity;
  private final AtomicLong held = new AtomicLong();

  public ByteBudget(long capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("budget must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Takes {@code bytes} from the budget; false (and nothing taken) when they do not fit. */
  public boolean tryReserve(long bytes) {
    while (true) {
      long now = held.get();
      if (now + bytes > capacity) {
        return false;
      }
      if (held.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  public void release(long bytes) {
    held.addAndGet(-bytes);
  }

  /** Bytes reserved now. */
  public long held() {
    return held.get();
  }

  public long capacity() {
    return capacity;
  }
}
