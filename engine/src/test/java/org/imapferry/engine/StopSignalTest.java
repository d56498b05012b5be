package org.imapferry.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A stop is heard once by every listener still registered, and cuts a wait short. */
class StopSignalTest {
    @Test
    void eachListenerHearsOfTheStopOnceAndAnUnregisteredOneNotAtAll() {
        StopSignal stop = new StopSignal();
        AtomicInteger heard = new AtomicInteger();
        AtomicInteger gone = new AtomicInteger();
        stop.onRequest(heard::incrementAndGet);
        stop.onRequest(gone::incrementAndGet).run();
        assertFalse(stop.requested());
        stop.request();
        stop.request();
        assertTrue(stop.requested());
        assertEquals(1, heard.get());
        assertEquals(0, gone.get());
        stop.onRequest(heard::incrementAndGet);
        assertEquals(2, heard.get(), "a listener registered after the stop hears of it at once");
    }

    @Test
    void aWaitEndsEarlyWhenTheStopIsRequested() throws Exception {
        StopSignal stop = new StopSignal();
        assertFalse(stop.await(Duration.ofMillis(20)), "no stop: the whole wait");
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return stop.await(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        long start = System.nanoTime();
        stop.request();
        assertTrue(waiting.get(5, TimeUnit.SECONDS));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000);
    }
}
