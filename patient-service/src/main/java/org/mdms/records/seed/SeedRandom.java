package org.mdms.records.seed;

import net.datafaker.Faker;
import org.mdms.records.seed.SeedPlan.SeedLocale;

import java.util.Locale;
import java.util.Random;

/** The generator's random sources: one deterministic stream per (plan seed, stream number). */
final class SeedRandom {

    private SeedRandom() {
    }

    static Faker faker(SeedLocale locale, Random random) {
        return new Faker(locale == SeedLocale.ZH_CN ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH, random);
    }

    /** A well-spread 64-bit seed from (run seed, stream): SplitMix64's finaliser. */
    static long mix(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
