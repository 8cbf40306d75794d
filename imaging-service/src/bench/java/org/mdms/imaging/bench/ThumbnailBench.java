package org.mdms.imaging.bench;

import org.mdms.imaging.image.ImageProcessor;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Thumbnail of a 6000x4000 JPEG through the service's own ImageProcessor (hash + subsampled decode + 1024 px
 * preview + 256 px thumbnail): time per run and extra heap (peak used heap over the idle baseline). Run it with a
 * small -Xmx (the script uses 64m) to show it fits.
 */
public final class ThumbnailBench {

    /** Args: generate FILE (needs ~200 MB heap) | measure FILE [runs=10] (fits in 64 MB). */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        if (args[0].equals("generate")) {
            Files.write(file, BenchImages.jpeg(BenchImages.noisy(6000, 4000, 42, 6), 0.85f));
            return;
        }
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.printf("6000x4000 JPEG: %.1f MB on disk (a raw RGB raster would be %d MB)%n",
                Files.size(file) / 1048576.0, 6000L * 4000 * 4 / 1048576);
        for (int i = 0; i < 3; i++) {
            ImageProcessor.process(file, 1024, 256, 150_000_000L); // warm-up
        }
        long bestNanos = Long.MAX_VALUE;
        long totalNanos = 0;
        long peakExtra = 0;
        for (int i = 0; i < runs; i++) {
            System.gc();
            Thread.sleep(100);
            long baseline = usedHeap();
            resetPeaks();
            long t = System.nanoTime();
            ImageProcessor.Processed p = ImageProcessor.process(file, 1024, 256, 150_000_000L);
            long nanos = System.nanoTime() - t;
            long peak = peakHeap();
            peakExtra = Math.max(peakExtra, peak - baseline);
            bestNanos = Math.min(bestNanos, nanos);
            totalNanos += nanos;
            if (i == 0) {
                System.out.printf("outputs: %dx%d original, preview %d KB, thumbnail %d KB%n", p.width(), p.height(),
                        p.preview().length / 1024, p.thumbnail().length / 1024);
            }
        }
        System.out.printf("BENCH 6000x4000 thumbnail+preview (with SHA-256): mean %.0f ms, best %.0f ms over %d runs%n",
                totalNanos / 1e6 / runs, bestNanos / 1e6, runs);
        System.out.printf("BENCH extra heap (peak used heap over idle baseline, worst run): %.1f MB; max heap %d MB%n",
                peakExtra / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576);
    }

    private static long usedHeap() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
