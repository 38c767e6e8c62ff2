package org.skillearn.core.solver;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * A condition worth a warning once per run: the first occurrence is logged at WARN, later ones at
 * DEBUG (a solver step repeats them every step).
 */
final class Warnings {

    private final Logger log;
    private final AtomicBoolean warned = new AtomicBoolean();

    Warnings(Logger log) {
        this.log = log;
    }

    /** Logs {@code format} (SLF4J placeholders) at WARN the first time, at DEBUG afterwards. */
    void once(String format, Object... args) {
        if (warned.compareAndSet(false, true)) {
            log.warn(format + " (repeats are logged at debug level)", args);
        } else {
            log.debug(format, args);
        }
    }
}
