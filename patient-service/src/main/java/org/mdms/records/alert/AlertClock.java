package org.mdms.records.alert;

import io.quarkus.arc.DefaultBean;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The wall clock of escalation and silent devices (sustain and auto-resolve use the readings' measuredAt instead);
 * tests replace it with a clock they move forward.
 */
public class AlertClock {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
