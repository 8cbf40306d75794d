package org.mdms.imaging.maintenance;

import java.time.Instant;
import java.util.List;

/** The outcome of one maintenance run: how much was looked at, and every problem found (and what was done). */
public record JobReport(Long id, String job, Instant startedAt, Instant finishedAt, int examined, int problems,
                        List<Finding> findings) {
}
