package org.skillearn.examples.experiment;

import java.util.Map;

/** Some runs of an experiment failed; the others ran to their end. */
public final class ExperimentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Map<RunSpec, Throwable> failures;

    /** @param failures each failed run and its error */
    public ExperimentException(Map<RunSpec, Throwable> failures) {
        super(message(failures));
        this.failures = Map.copyOf(failures);
        failures.values().forEach(this::addSuppressed);
    }

    /** The failed runs and their errors. */
    public Map<RunSpec, Throwable> failures() {
        return failures;
    }

    private static String message(Map<RunSpec, Throwable> failures) {
        StringBuilder b = new StringBuilder(failures.size() + " run(s) failed:");
        failures.forEach((spec, e) -> b.append("\n  ").append(spec.name()).append(" (").append(spec.folder()).append("): ")
                .append(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        return b.toString();
    }
}
