package org.mdms.records;

/** The tests' wait between two polls of something that happens asynchronously. */
public final class Pause {

    private Pause() {
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
